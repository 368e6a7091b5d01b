// What import says when it cannot read a file (codes), and the configuration of an Authtrace HAR,
// checked before it can start a session.
import { describe, expect, it } from 'vitest';
import { exportHar } from './export.js';
import { importHar } from './import.js';
import { fullSession } from './test-support/session.js';
import type { Har } from './types.js';

const authtraceHar = (): Har => exportHar(fullSession(), { diagnostics: [], includeSecrets: true });

function withConfig(change: (config: Record<string, unknown>) => unknown): string {
  const har = authtraceHar();
  const ext = har.log._authtrace as unknown as { config: unknown };
  ext.config = change(structuredClone(ext.config) as Record<string, unknown>);
  return JSON.stringify(har);
}

describe('importHar: codes', () => {
  it.each([
    ['not JSON', 'GET / HTTP/1.1', 'HAR_NOT_JSON'],
    ['empty', '', 'HAR_NOT_JSON'],
    ['not a HAR', '{"hello":"world"}', 'HAR_NOT_HAR'],
    ['another version', '{"log":{"version":"2.0","entries":[]}}', 'HAR_NOT_HAR'],
  ])('%s is %s', (_name, text, code) => {
    expect(importHar(text)).toMatchObject({ ok: false, code });
  });

  it('too large is HAR_FILE_TOO_LARGE', () => {
    expect(importHar(JSON.stringify(authtraceHar()), { maxBytes: 100 })).toMatchObject({ ok: false, code: 'HAR_FILE_TOO_LARGE' });
  });
});

describe('importHar: the configuration of an Authtrace HAR', () => {
  it('restores a valid configuration as it was', () => {
    const result = importHar(JSON.stringify(authtraceHar()));
    expect(result.ok && result.session.config).toEqual(fullSession().config);
  });

  it.each([
    ['a target that is not an http(s) URL', (c: Record<string, unknown>) => ({ ...c, target: { kind: 'mcp', url: 'file:///etc/passwd' } }), 'config.target.url must be an http(s) URL'],
    ['an unknown target kind', (c: Record<string, unknown>) => ({ ...c, target: { kind: 'sandbox', profile: 'correct' } }), 'config.target.kind must be one of mcp, issuer'],
    ['a timeout of a day', (c: Record<string, unknown>) => ({ ...c, timeoutMs: 86_400_000 }), 'config.timeoutMs must be a whole number of milliseconds from 1 to 3600000'],
    ['an unknown strategy', (c: Record<string, unknown>) => ({ ...c, strategy: 'guess' }), 'config.strategy must be one of registered, first-advertised, mcp-sdk, prefer-none'],
    ['a field the engine does not know', (c: Record<string, unknown>) => ({ ...c, proxy: 'http://evil.example' }), 'config has unknown field "proxy"'],
    ['no configuration at all', () => undefined, 'config must be an object, not undefined'],
    ['a string', () => 'auto', 'config must be an object, not a string'],
  ])('refuses %s with HAR_CONFIG_INVALID', (_name, change, problem) => {
    const result = importHar(withConfig(change));
    expect(result).toEqual({ ok: false, code: 'HAR_CONFIG_INVALID', error: `The file's Authtrace session configuration is not valid: ${problem}.` });
  });
});
