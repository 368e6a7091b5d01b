// Every `authtrace run --json` failure carries a stable code: one real run per way a step fails
// against a misbehaving loopback server or the sandbox, with the code and the message it gives.
import { describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../../shared/errors/index.js';
import { STEP_CODES } from '../../shared/errors/step.js';
import { createClientStore } from '../services/client-store.js';
import { json, serve } from '../test-support/misbehaving-server.js';
import { runJson, sandbox, tempDir } from '../test-support/cli.js';

const asMetadata = (origin: string, extra: Record<string, unknown> = {}) => ({
  issuer: origin,
  authorization_endpoint: `${origin}/authorize`,
  token_endpoint: `${origin}/token`,
  registration_endpoint: `${origin}/register`,
  ...extra,
});

/** An authorization server at a loopback origin: its metadata (patched) and the given routes. */
async function authorizationServer(routes: Parameters<typeof serve>[0] = {}, patch: Record<string, unknown> = {}): Promise<string[]> {
  const origin = await serve({
    '/.well-known/oauth-authorization-server': (_q, r, o) => void r.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify({ ...asMetadata(o), ...patch })),
    ...routes,
  });
  return ['--issuer', origin];
}

/** Each case: how to get the server, the command line, and the code and message the report carries. */
const cases: { name: string; code: keyof typeof STEP_CODES; message: RegExp; args: () => Promise<string[]> }[] = [
  {
    name: 'nothing listens at the MCP URL',
    code: 'HTTP_CONNECTION_REFUSED',
    message: /^http:\/\/127\.0\.0\.1:1\/mcp: /,
    args: async () => ['http://127.0.0.1:1/mcp'],
  },
  {
    name: 'the MCP endpoint answers 404',
    code: 'PROBE_UNEXPECTED_STATUS',
    message: /answered 404 .* to an unauthenticated MCP request/,
    args: async () => [`${await serve({})}/mcp`],
  },
  {
    name: 'the MCP endpoint is a login page (200 text/html)',
    code: 'PROBE_NOT_MCP',
    message: /answered 200 OK with an HTML page to an MCP request: a login wall/,
    args: async () => [`${await serve({ '/mcp': (_q, r) => void r.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' }).end('<html><form>Sign in</form></html>') })}/mcp`],
  },
  {
    name: 'no resource metadata and a broken one',
    code: 'PRM_NOT_FOUND',
    message: /No usable protected resource metadata/,
    args: async () => [`${await serve({ '/mcp': (_q, r) => void r.writeHead(401).end(), '/.well-known/oauth-protected-resource/mcp': (_q, r) => void r.writeHead(200, { 'Content-Type': 'text/html' }).end('<html>') })}/mcp`],
  },
  {
    name: 'resource metadata without authorization_servers',
    code: 'PRM_NO_AUTHORIZATION_SERVERS',
    message: /has no authorization_servers/,
    args: async () => [`${await serve({ '/mcp': (_q, r) => void r.writeHead(401).end(), '/.well-known/oauth-protected-resource/mcp': json(200, { resource: 'x' }) })}/mcp`],
  },
  {
    name: 'no authorization server metadata at any well-known URL',
    code: 'METADATA_NOT_FOUND',
    message: /No authorization server metadata for/,
    args: async () => ['--issuer', `${await serve({})}/tenant`],
  },
  {
    name: 'metadata without a token endpoint',
    code: 'METADATA_MISSING_ENDPOINTS',
    message: /the metadata lacks token_endpoint/,
    args: () => authorizationServer({}, { token_endpoint: undefined, registration_endpoint: undefined }),
  },
  {
    name: 'a published endpoint that is not a URL',
    code: 'URL_INVALID',
    message: /token_endpoint in .* is "not a url"/,
    args: () => authorizationServer({}, { token_endpoint: 'not a url' }),
  },
  {
    name: 'no registration endpoint',
    code: 'REGISTRATION_UNAVAILABLE',
    message: /publishes no registration_endpoint/,
    args: () => authorizationServer({}, { registration_endpoint: undefined }),
  },
  {
    name: 'registration refused',
    code: 'REGISTRATION_REJECTED',
    message: /Registration at .* was refused with 400 .*: invalid_client_metadata/,
    args: () => authorizationServer({ '/register': json(400, { error: 'invalid_client_metadata' }) }),
  },
  {
    name: 'a registration response without client_id',
    code: 'REGISTRATION_INVALID_RESPONSE',
    message: /without a client_id/,
    args: () => authorizationServer({ '/register': json(201, { client_name: 'x' }) }),
  },
  {
    name: 'client ID metadata document registration without the document URL',
    code: 'CONFIG_MISSING',
    message: /Client ID metadata document registration needs the URL/,
    args: async () => [...(await authorizationServer()), '--registration', 'cimd'],
  },
  {
    name: 'the authorization server answers the authorization request with an error',
    code: 'AUTHORIZE_DENIED',
    message: /refused the request: access_denied/,
    args: () =>
      authorizationServer({
        '/register': (req, res) => {
          let body = '';
          req.on('data', (c: Buffer) => (body += c.toString()));
          req.on('end', () => res.writeHead(201, { 'Content-Type': 'application/json' }).end(JSON.stringify({ ...(JSON.parse(body) as object), client_id: 'c1' })));
        },
        '/authorize': (req, res, o) => {
          const q = new URL(req.url ?? '/', o).searchParams;
          res.writeHead(302, { Location: `${q.get('redirect_uri')}?error=access_denied&state=${q.get('state')}` }).end();
        },
      }),
  },
  {
    name: 'the login page needs a person',
    code: 'AUTHORIZE_LOGIN_REQUIRED',
    message: /with a page instead of redirecting back/,
    args: () =>
      authorizationServer({
        '/register': json(201, { client_id: 'c1', token_endpoint_auth_method: 'none', redirect_uris: [] }),
        '/authorize': (_q, r) => void r.writeHead(200, { 'Content-Type': 'text/html' }).end('<form>log in</form>'),
      }),
  },
];

describe('authtrace run --json: every failure carries a code', () => {
  it.each(cases)('$name: $code', async ({ code, message, args }) => {
    const { code: exit, report } = await runJson(...(await args()), '--headless', '--timeout', '5000', '--data-dir', tempDir());
    expect(exit).toBe(1);
    expect(report.flow).toBe('failed');
    expect(report.error).toMatchObject({ code });
    expect(report.error?.message).toMatch(message);
    expect(report.steps.find((s) => s.name === report.failedStep)?.error?.code).toBe(code);
    expect(ERROR_CODES[code]).toBeTruthy();
  });

  it('a client that lost its method gets 401 invalid_client: TOKEN_INVALID_CLIENT, with the hint as a field', async () => {
    const s = await sandbox('none-first');
    const dir = tempDir();
    await runJson(s.mcpUrl, '--headless', '--data-dir', dir, '--register-method', 'client_secret_post');
    const store = createClientStore(dir);
    await store.setMethod(s.issuer, (await store.get(s.issuer))!.client_id, 'unknown');
    const { report } = await runJson(s.mcpUrl, '--headless', '--data-dir', dir, '--strategy', 'first-advertised');
    expect(report.error).toMatchObject({ code: 'TOKEN_INVALID_CLIENT', message: expect.stringMatching(/answered 401 .*invalid_client/) });
    expect(report.error?.hint).toMatch(/registration response says client_secret_post/);
  });

  it('a login page where the MCP endpoint should be: HTTP-04 in the report', async () => {
    const origin = await serve({ '/mcp': (_q, r) => void r.writeHead(200, { 'Content-Type': 'text/html' }).end('<html>Sign in</html>') });
    const { report } = await runJson(`${origin}/mcp`, '--headless', '--timeout', '5000', '--data-dir', tempDir());
    expect(report.diagnostics.map((d) => d.rule)).toContain('HTTP-04');
  });

  it('every step code has a meaning, and the codes are stable words', () => {
    for (const [code, meaning] of Object.entries(ERROR_CODES)) {
      expect(code).toMatch(/^[A-Z][A-Z0-9_]+$/);
      expect(meaning.length).toBeGreaterThan(10);
    }
  });
});
