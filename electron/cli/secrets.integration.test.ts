// The --json report and the terminal hold none of the secrets the redacted HAR hides: every secret
// that went over the wire in a real run, and one a hostile token endpoint echoes back.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { decodeBasic } from '../../shared/interpret/credentials.js';
import { isSecretJsonKey, isSecretParam } from '../../shared/interpret/secrets.js';
import type { Header, HttpRequest } from '../../shared/model.js';
import type { HttpResult } from '../../shared/flow/ports.js';
import { cli, sandbox, tempDir } from '../test-support/cli.js';
import { serve } from '../test-support/misbehaving-server.js';

// Every exchange of the run, as the CLI's own HTTP client recorded it.
const wire = vi.hoisted(() => ({ results: [] as HttpResult[] }));
vi.mock('../services/recording-http.js', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../services/recording-http.js')>();
  return {
    ...actual,
    createRecordingHttpClient: (...args: Parameters<typeof actual.createRecordingHttpClient>) => {
      const client = actual.createRecordingHttpClient(...args);
      return {
        ...client,
        send: async (...sendArgs: Parameters<typeof client.send>) => {
          const result = await client.send(...sendArgs);
          wire.results.push(result);
          return result;
        },
      };
    },
  };
});

beforeEach(() => {
  wire.results = [];
});

/** The redactor sweeps cookie values from this length; shorter ones are ordinary words. */
const MIN_COOKIE = 8;

type Found = Map<string, string>;

function fromParams(params: URLSearchParams, found: Found): void {
  for (const [key, value] of params) if (isSecretParam(key) && value) found.set(value, key);
}

function fromJson(text: string | undefined, found: Found): void {
  let value: unknown;
  try {
    value = JSON.parse(text ?? '');
  } catch {
    return;
  }
  if (value === null || typeof value !== 'object') return;
  for (const [key, child] of Object.entries(value)) if (typeof child === 'string' && isSecretJsonKey(key)) found.set(child, key);
}

function fromHeaders(headers: readonly Header[], found: Found): void {
  for (const { name, value } of headers) {
    const lower = name.toLowerCase();
    if (lower === 'authorization') {
      const basic = decodeBasic(value);
      if (basic) found.set(basic.secret, 'basic secret');
      else found.set(value.replace(/^\S+\s+/, ''), 'bearer');
    }
    const pairs = lower === 'cookie' ? value.split(';') : lower === 'set-cookie' ? value.split('\n').map((c) => c.split(';')[0] ?? '') : [];
    for (const pair of pairs) {
      const cookie = pair.slice(pair.indexOf('=') + 1).trim();
      if (pair.includes('=') && cookie.length >= MIN_COOKIE) found.set(cookie, `cookie ${pair.split('=')[0]!.trim()}`);
    }
    if (lower === 'location') fromParams(new URL(value, 'http://x').searchParams, found);
  }
}

function fromRequest(request: HttpRequest, found: Found): void {
  fromParams(new URL(request.url).searchParams, found);
  fromHeaders(request.headers, found);
  if (request.body?.trimStart().startsWith('{')) fromJson(request.body, found);
  else if (request.body) fromParams(new URLSearchParams(request.body), found);
}

/** Every secret value of the recorded exchanges, with where it was found. */
function secretsOnTheWire(): Found {
  const found: Found = new Map();
  for (const result of wire.results) {
    fromRequest(result.sent, found);
    if (result.outcome !== 'response') continue;
    fromHeaders(result.response.headers, found);
    fromJson(result.response.body, found);
  }
  return found;
}

function holdsNone(text: string, secrets: Found): void {
  for (const [secret, where] of secrets) expect(text.includes(secret), `${where} ${secret}`).toBe(false);
}

describe('secrets in the --json report and on the terminal', () => {
  it.each(['--json', 'human'])('%s: a full run against the sandbox with a confidential client shows none of its secrets', async (mode) => {
    const s = await sandbox('correct');
    const args = ['run', s.mcpUrl, '--headless', '--register-method', 'client_secret_post', '--refresh', '--data-dir', tempDir()];
    const { code, stdout, stderr } = await cli(...(mode === 'human' ? args : [...args, '--json']));
    expect(code).toBe(0);
    const secrets = secretsOnTheWire();
    const kinds = new Set(secrets.values());
    for (const kind of ['access_token', 'refresh_token', 'code', 'code_verifier', 'client_secret', 'bearer']) expect(kinds, kind).toContain(kind);
    expect([...kinds].some((k) => k.startsWith('cookie '))).toBe(true);
    holdsNone(stdout, secrets);
    holdsNone(stderr, secrets);
    if (mode === '--json') expect(stdout).toMatch(/code=%5Bredacted/);
  });

  it.each(['client_secret_post', 'client_secret_basic'])('a token endpoint that echoes the %s secret in error_description: not on the terminal, not in --json', async (method) => {
    const secret = 'cs-echoed-back-0123456789';
    const origin = await serve({
      '/.well-known/oauth-authorization-server': (_q, res, o) =>
        void res
          .writeHead(200, { 'Content-Type': 'application/json' })
          .end(JSON.stringify({ issuer: o, authorization_endpoint: `${o}/authorize`, token_endpoint: `${o}/token`, token_endpoint_auth_methods_supported: [method], code_challenge_methods_supported: ['S256'] })),
      '/authorize': (req, res, o) => {
        const q = new URL(req.url ?? '/', o).searchParams;
        res.writeHead(302, { Location: `${q.get('redirect_uri')}?code=code-0123456789&state=${q.get('state')}` }).end();
      },
      '/token': (req, res) => {
        let body = '';
        req.on('data', (chunk: Buffer) => (body += chunk.toString()));
        req.on('end', () => {
          const sent = new URLSearchParams(body).get('client_secret') ?? decodeBasic(req.headers.authorization ?? '')?.secret;
          res.writeHead(401, { 'Content-Type': 'application/json' }).end(JSON.stringify({ error: 'invalid_client', error_description: `client_secret ${sent} is not valid` }));
        });
      },
    });
    const args = ['run', '--issuer', origin, '--client-id', 'c1', '--client-secret', secret, '--register-method', method, '--headless', '--timeout', '5000', '--data-dir', tempDir()];
    const human = await cli(...args);
    expect(human.code).toBe(1);
    expect(human.stderr).toMatch(/invalid_client: client_secret \[redacted:[a-z0-9]+:[0-9a-f]{8}\] is not valid/);
    expect(human.stderr).not.toContain(secret);
    const json = await cli(...args, '--json');
    expect(json.stdout).toContain('invalid_client');
    expect(json.stdout).not.toContain(secret);
    expect(json.stderr).not.toContain(secret);
  });
});
