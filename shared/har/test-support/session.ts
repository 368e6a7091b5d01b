// A complete session with every kind of secret in every place one can hide, for the HAR tests.
import { defaultConfig, type Exchange, type Header, type Session, type Step } from '../../model.js';

export const SECRETS = {
  clientSecret: 'cs_4f9a8b7c6d5e4f3a2b1c0d9e',
  editedSecret: 'cs_typed_by_the_user_0001',
  registrationToken: 'rat_9d8c7b6a5f4e3d2c1b0a',
  code: 'ac_Zx81mPq0vLk2JhGf',
  verifier: 'cv_qwertyuiopasdfghjklzxcvbnm0123456789ABCDEFG',
  accessToken: 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ1c2VyIn0.c2lnbmF0dXJl',
  refreshToken: 'rt_Aa1Bb2Cc3Dd4Ee5Ff6',
  idToken: 'eyJhbGciOiJub25lIn0.eyJpc3MiOiJ4In0.aWRzaWc',
  newAccessToken: 'at_second_8a7b6c5d4e3f',
  cookie: 'sess_77f0e1d2c3b4a596',
  password: 'hunter2-correct-horse',
  privateKey: '-----BEGIN PRIVATE KEY-----\nMIIBVgIBADANBgkqhkiG9w0BAQEFAASCAUAwggE8AgEAAkEA\n-----END PRIVATE KEY-----',
} as const;

export const CLIENT_ID = 'client-abc 123';
const MCP = 'https://mcp.example.test/mcp';
const ISSUER = 'https://auth.example.test';
const REDIRECT = 'http://127.0.0.1:33418/callback';

const json = (value: unknown): string => JSON.stringify(value);
const h = (...pairs: [string, string][]): Header[] => pairs.map(([name, value]) => ({ name, value }));
let clock = Date.parse('2026-01-02T03:04:05.000Z');
const at = (): string => new Date((clock += 137)).toISOString();

function response(
  id: string,
  step: Exchange['step'],
  role: Exchange['role'],
  request: Exchange['request'],
  status: number,
  headers: Header[],
  body: string,
  extra: Partial<Exchange> = {},
): Exchange {
  return {
    id,
    step,
    role,
    startedAt: at(),
    origin: 'engine',
    request,
    outcome: 'response',
    response: { status, statusText: status === 200 ? 'OK' : 'Status', headers, body, truncated: false, bodySize: body.length, httpVersion: 'HTTP/1.1' },
    timings: { wait: 12, receive: 3, total: 15 },
    ...extra,
  } as Exchange;
}

const basic = `Basic ${btoa(`${encodeURIComponent(CLIENT_ID).replace(/%20/g, '+')}:${SECRETS.clientSecret}`)}`;

export function fullSession(): Session {
  clock = Date.parse('2026-01-02T03:04:05.000Z');
  const exchanges: Exchange[] = [
    response('x1', 'probe', 'mcp-probe', { method: 'POST', url: MCP, headers: h(['content-type', 'application/json'], ['accept', 'application/json, text/event-stream']), body: json({ jsonrpc: '2.0', id: 1, method: 'initialize', params: {} }) },
      401, h(['www-authenticate', `Bearer resource_metadata="${MCP.replace('/mcp', '/.well-known/oauth-protected-resource/mcp')}"`]), ''),
    response('x2', 'resource-metadata', 'resource-metadata', { method: 'GET', url: 'https://mcp.example.test/.well-known/oauth-protected-resource/mcp', headers: h(['accept', 'application/json']) },
      200, h(['content-type', 'application/json']), json({ resource: MCP, authorization_servers: [ISSUER] }), { purpose: 'path-inserted well-known URL' }),
    response('x3', 'authorization-server-metadata', 'as-metadata', { method: 'GET', url: `${ISSUER}/.well-known/oauth-authorization-server`, headers: h(['accept', 'application/json']) },
      200, h(['content-type', 'application/json; charset=utf-8']), json({ issuer: ISSUER, authorization_endpoint: `${ISSUER}/authorize`, token_endpoint: `${ISSUER}/token`, registration_endpoint: `${ISSUER}/register`, token_endpoint_auth_methods_supported: ['client_secret_post', 'client_secret_basic'], code_challenge_methods_supported: ['S256'] })),
    response('x4', 'registration', 'registration', { method: 'POST', url: `${ISSUER}/register`, headers: h(['content-type', 'application/json']), body: json({ client_name: 'Authtrace', redirect_uris: [REDIRECT], token_endpoint_auth_method: 'client_secret_basic' }) },
      201, h(['content-type', 'application/json'], ['set-cookie', `as_session=${SECRETS.cookie}; Path=/; HttpOnly; Secure`]),
      // Pretty-printed, so redaction must keep the formatting.
      JSON.stringify({ client_id: CLIENT_ID, client_secret: SECRETS.clientSecret, registration_access_token: SECRETS.registrationToken, token_endpoint_auth_method: 'client_secret_basic', redirect_uris: [REDIRECT], nested: { deeper: [{ refresh_token: SECRETS.refreshToken }] } }, null, 2)),
    {
      id: 'x5', step: 'authorize', role: 'authorize', startedAt: at(), origin: 'browser', outcome: 'opened-in-browser',
      request: { method: 'GET', url: `${ISSUER}/authorize?response_type=code&client_id=${encodeURIComponent(CLIENT_ID)}&redirect_uri=${encodeURIComponent(REDIRECT)}&code_challenge=abc&code_challenge_method=S256&state=st8`, headers: [] },
    },
    response('x6', 'authorize', 'authorize-redirect', { method: 'POST', url: `${ISSUER}/login`, headers: h(['content-type', 'application/x-www-form-urlencoded'], ['cookie', `as_session=${SECRETS.cookie}; theme=dark`]), body: `user=alice&password=${encodeURIComponent(SECRETS.password)}` },
      302, h(['location', `${REDIRECT}?code=${SECRETS.code}&state=st8&iss=${encodeURIComponent(ISSUER)}`]), '', { origin: 'browser' }),
    response('x7', 'authorize', 'callback', { method: 'GET', url: `${REDIRECT}?code=${SECRETS.code}&state=st8&iss=${encodeURIComponent(ISSUER)}`, headers: h(['host', '127.0.0.1:33418'], ['referer', `${ISSUER}/login?next=1`]) },
      200, h(['content-type', 'text/html']), '<p>You can close this window.</p>', { origin: 'browser' }),
    response('x8', 'token', 'token', { method: 'POST', url: `${ISSUER}/token`, headers: h(['content-type', 'application/x-www-form-urlencoded'], ['authorization', basic]), body: `grant_type=authorization_code&code=${SECRETS.code}&redirect_uri=${encodeURIComponent(REDIRECT)}&code_verifier=${SECRETS.verifier}` },
      200, h(['content-type', 'application/json'], ['cache-control', 'no-store']), json({ access_token: SECRETS.accessToken, token_type: 'Bearer', expires_in: 3600, refresh_token: SECRETS.refreshToken, id_token: SECRETS.idToken })),
    response('x9', 'mcp', 'mcp', { method: 'POST', url: MCP, headers: h(['content-type', 'application/json'], ['authorization', `Bearer ${SECRETS.accessToken}`], ['mcp-protocol-version', '2025-11-25']), body: json({ jsonrpc: '2.0', id: 2, method: 'tools/list' }) },
      200, h(['content-type', 'application/json']), json({ jsonrpc: '2.0', id: 2, result: { tools: [] } })),
    // The server echoes the token in an error message: only the sweep can find it.
    response('x10', 'mcp', 'mcp', { method: 'POST', url: MCP, headers: h(['content-type', 'application/json'], ['Authorization', `Bearer ${SECRETS.accessToken}`]), body: json({ jsonrpc: '2.0', id: 3, method: 'tools/call', params: { name: 'x' } }) },
      500, h(['content-type', 'text/plain']), `token ${SECRETS.accessToken} is not valid for tool x`),
    response('x11', 'refresh', 'refresh', { method: 'POST', url: `${ISSUER}/token`, headers: h(['content-type', 'application/x-www-form-urlencoded']), body: `grant_type=refresh_token&refresh_token=${SECRETS.refreshToken}&client_id=${encodeURIComponent(CLIENT_ID)}&client_secret=${SECRETS.clientSecret}` },
      200, h(['content-type', 'application/json']), `{"access_token":"${SECRETS.newAccessToken}","token_type":"Bearer"}`,
      { edited: { original: { method: 'POST', url: `${ISSUER}/token`, headers: h(['content-type', 'application/x-www-form-urlencoded']), body: `grant_type=refresh_token&refresh_token=${SECRETS.refreshToken}&client_secret=${SECRETS.editedSecret}` } } }),
    {
      id: 'x12', step: 'mcp', role: 'mcp', startedAt: at(), origin: 'engine', outcome: 'network-error',
      request: { method: 'POST', url: MCP, headers: h(['authorization', `Bearer ${SECRETS.newAccessToken}`]), body: '{}' },
      error: { code: 'connection-refused', message: 'connect ECONNREFUSED 127.0.0.1:443' },
      timings: { wait: 2, receive: 0, total: 2 },
    },
  ];
  const step = (name: Step['name'], ids: string[], status: Step['status'] = 'done'): Step => ({ name, status, exchangeIds: ids, startedAt: '2026-01-02T03:04:05.000Z', durationMs: 20 });
  const steps: Step[] = [
    { ...step('probe', ['x1']), summary: 'Challenged with 401.' },
    step('resource-metadata', ['x2']),
    step('authorization-server-metadata', ['x3']),
    step('registration', ['x4']),
    step('authorize', ['x5', 'x6', 'x7']),
    step('token', ['x8']),
    { ...step('mcp', ['x9', 'x10', 'x12'], 'failed'), error: { code: 'MCP_REQUEST_FAILED', message: 'The MCP call failed.', hint: 'Check the server.' } },
    { ...step('refresh', ['x11']), prepared: { method: 'POST', url: `${ISSUER}/token`, headers: [], body: `grant_type=refresh_token&refresh_token=${SECRETS.refreshToken}` } },
  ];
  return {
    id: 'sess-1',
    createdAt: '2026-01-02T03:04:05.000Z',
    config: { ...defaultConfig({ kind: 'mcp', url: MCP }), clientSecret: SECRETS.clientSecret, privateKey: SECRETS.privateKey, scope: 'mcp' },
    revision: '2025-11-25',
    steps,
    exchanges,
    issuer: ISSUER,
    client: {
      issuer: ISSUER, client_id: CLIENT_ID, client_secret: SECRETS.clientSecret, token_endpoint_auth_method: 'client_secret_basic', source: 'dcr',
      redirect_uris: [REDIRECT], registrationResponse: { client_id: CLIENT_ID, client_secret: SECRETS.clientSecret, registration_access_token: SECRETS.registrationToken },
      createdAt: '2026-01-02T03:04:05.000Z', updatedAt: '2026-01-02T03:04:05.000Z',
    },
    methodChoice: { method: 'client_secret_basic', chosenBy: 'registered', reason: 'The stored client was registered with client_secret_basic.' },
  };
}
