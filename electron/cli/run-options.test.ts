import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { check } from '../../shared/schema-problems.js';
import { SessionConfig } from '../../shared/schemas.js';
import { tempDir } from '../test-support/cli.js';
import { parseRunOptions } from './run-options.js';

describe('authtrace run options', () => {
  it('build a SessionConfig that the one SessionConfig schema accepts, with every option set', () => {
    const key = path.join(tempDir(), 'key.pem');
    writeFileSync(key, '-----BEGIN PRIVATE KEY-----');
    const { config, ...rest } = parseRunOptions([
      'http://127.0.0.1:9/mcp',
      '--headless',
      '--registration', 'pre-registered',
      '--client-id', 'c1',
      '--client-secret', 's1',
      '--auth-method', 'client_secret_basic',
      '--register-method', 'client_secret_post',
      '--private-key', key,
      '--client-metadata-url', 'https://client.example/meta.json',
      '--strategy', 'mcp-sdk',
      '--scope', 'mcp',
      '--revision', '2025-06-18',
      '--call-tool', 'echo',
      '--tool-args', '{"text":"hi"}',
      '--refresh',
      '--new-client',
      '--timeout', '2500',
      '--har', 'out.har',
      '--include-secrets',
      '--json',
      '--fail-on', 'warning',
    ]);
    expect(check(SessionConfig, config)).toEqual({ ok: true, value: config });
    expect(config).toEqual({
      target: { kind: 'mcp', url: 'http://127.0.0.1:9/mcp' },
      registration: 'pre-registered',
      strategy: 'mcp-sdk',
      headless: true,
      newClient: true,
      timeoutMs: 2500,
      clientId: 'c1',
      clientSecret: 's1',
      authMethod: 'client_secret_basic',
      registerMethod: 'client_secret_post',
      clientMetadataUrl: 'https://client.example/meta.json',
      scope: 'mcp',
      revision: '2025-06-18',
      callTool: { name: 'echo', args: { text: 'hi' } },
      refresh: true,
      privateKey: '-----BEGIN PRIVATE KEY-----',
    });
    expect(rest).toEqual({ har: 'out.har', reports: {}, includeSecrets: true, json: true, failOn: 'warning' });
  });

  it('keep an issuer exactly as typed (issuers are compared exactly)', () => {
    expect(parseRunOptions(['--issuer', 'http://127.0.0.1:9/tenant/']).config.target).toEqual({ kind: 'issuer', issuer: 'http://127.0.0.1:9/tenant/' });
  });

  it.each([
    [['http://127.0.0.1:9/mcp', '--timeout', '1.5'], '--timeout must be a whole number of milliseconds from 1 to 3600000; got "1.5".'],
    [['http://127.0.0.1:9/mcp', '--revision', '2024-11-05'], '--revision must be one of 2026-07-28, 2025-11-25, 2025-06-18, 2025-03-26; got "2024-11-05".'],
    [['http://127.0.0.1:9/mcp', '--register-method', 'tls_client_auth'], '--register-method must be one of none, client_secret_basic, client_secret_post, private_key_jwt, client_secret_jwt; got "tls_client_auth".'],
  ])('refuse what the schema refuses, naming the option: %j', (argv, message) => {
    expect(() => parseRunOptions(argv)).toThrow(expect.objectContaining({ name: 'UsageError', code: 'USAGE_INVALID_VALUE', message }));
  });
});
