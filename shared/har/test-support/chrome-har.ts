// A HAR shaped like Chromium's devtools export of a browser-based MCP client logging in:
// _initiator, _resourceType, HTTP/2 pseudo-headers, base64 content, _fromCache, redirects as
// separate entries, cookies, a sub-resource, a preflight, a data: URL.
const MCP = 'https://mcp.example.test/mcp';
const AS = 'https://auth.example.test';
const REDIRECT = 'http://localhost:6274/oauth/callback';
const CLIENT = 'dyn-client-42';

type Pair = [string, string];
const headers = (pairs: Pair[]) => pairs.map(([name, value]) => ({ name, value }));
const time = (n: number) => new Date(Date.parse('2026-03-04T10:00:00.000Z') + n * 250).toISOString();

interface Spec {
  method: string;
  url: string;
  type: string;
  reqHeaders?: Pair[];
  body?: { mimeType: string; text: string };
  status: number;
  resHeaders?: Pair[];
  content?: { mimeType: string; text?: string; encoding?: string };
  extra?: Record<string, unknown>;
}

function entry(n: number, spec: Spec) {
  const url = new URL(spec.url);
  const pseudo: Pair[] = url.protocol === 'https:' ? [[':authority', url.host], [':method', spec.method], [':path', url.pathname + url.search], [':scheme', 'https']] : [];
  const location = spec.resHeaders?.find(([n]) => n === 'location')?.[1] ?? '';
  const text = spec.content?.text ?? '';
  return {
    _initiator: { type: spec.type === 'document' ? 'other' : 'script', url: 'http://localhost:6274/assets/index.js' },
    _priority: 'High',
    _resourceType: spec.type,
    cache: {},
    connection: '443',
    pageref: 'page_1',
    request: {
      method: spec.method,
      url: spec.url,
      httpVersion: 'http/2.0',
      headers: headers([...pseudo, ['accept', '*/*'], ...(spec.reqHeaders ?? [])]),
      queryString: [...url.searchParams].map(([name, value]) => ({ name, value })),
      cookies: [],
      headersSize: -1,
      bodySize: spec.body?.text.length ?? 0,
      ...(spec.body ? { postData: spec.body } : {}),
    },
    response: {
      status: spec.status,
      statusText: '',
      httpVersion: 'http/2.0',
      headers: headers(spec.resHeaders ?? []),
      cookies: [],
      content: { size: text.length, mimeType: spec.content?.mimeType ?? 'x-unknown', ...(spec.content ?? {}) },
      redirectURL: location,
      headersSize: -1,
      bodySize: -1,
      _transferSize: 512,
      _error: null,
    },
    serverIPAddress: '203.0.113.5',
    startedDateTime: time(n),
    time: 41.2,
    timings: { blocked: 2.1, dns: -1, ssl: -1, connect: -1, send: 0.2, wait: 35.5, receive: 3.4, _blocked_queueing: 1.1 },
    ...spec.extra,
  };
}

const jsonContent = (value: unknown) => ({ mimeType: 'application/json', text: JSON.stringify(value) });
const base64Json = (value: unknown) => ({ mimeType: 'application/json', text: btoa(JSON.stringify(value)), encoding: 'base64' });
const form = (text: string) => ({ mimeType: 'application/x-www-form-urlencoded', text });

export const CHROME_ROLES = [
  'mcp-probe', 'other', 'resource-metadata', 'as-metadata', 'registration', 'authorize', 'authorize-redirect', 'other',
  'authorize-redirect', 'authorize-redirect', 'callback', 'token', 'mcp', 'mcp', 'other', 'refresh',
];

export function chromeHar(options: { customScheme?: boolean } = {}) {
  const redirect = options.customScheme ? 'cursor://anysphere.cursor-retrieval/oauth/callback' : REDIRECT;
  const authorizeUrl = `${AS}/authorize?response_type=code&client_id=${CLIENT}&redirect_uri=${encodeURIComponent(redirect)}&state=xyz&code_challenge=E9Mel&code_challenge_method=S256&scope=mcp%20offline_access`;
  const entries = [
    entry(0, { method: 'POST', url: MCP, type: 'fetch', reqHeaders: [['content-type', 'application/json']], body: { mimeType: 'application/json', text: '{"jsonrpc":"2.0","id":0,"method":"initialize","params":{"protocolVersion":"2025-06-18"}}' }, status: 401, resHeaders: [['www-authenticate', `Bearer resource_metadata="https://mcp.example.test/.well-known/oauth-protected-resource/mcp"`]] }),
    entry(1, { method: 'OPTIONS', url: MCP, type: 'preflight', status: 204 }),
    entry(2, { method: 'GET', url: 'https://mcp.example.test/.well-known/oauth-protected-resource/mcp', type: 'fetch', status: 200, content: base64Json({ resource: MCP, authorization_servers: [AS] }) }),
    entry(3, { method: 'GET', url: `${AS}/.well-known/oauth-authorization-server`, type: 'fetch', status: 200, resHeaders: [['content-type', 'application/json']], content: jsonContent({ issuer: AS, authorization_endpoint: `${AS}/authorize`, token_endpoint: `${AS}/token`, registration_endpoint: `${AS}/register`, token_endpoint_auth_methods_supported: ['client_secret_post', 'client_secret_basic'] }), extra: { _fromCache: 'disk' } }),
    entry(4, { method: 'POST', url: `${AS}/register`, type: 'fetch', reqHeaders: [['content-type', 'application/json']], body: { mimeType: 'application/json', text: JSON.stringify({ client_name: 'Inspector', redirect_uris: [redirect], token_endpoint_auth_method: 'none' }) }, status: 201, content: jsonContent({ client_id: CLIENT, token_endpoint_auth_method: 'none', redirect_uris: [redirect], grant_types: ['authorization_code', 'refresh_token'] }) }),
    entry(5, { method: 'GET', url: authorizeUrl, type: 'document', status: 302, resHeaders: [['location', '/login?return=%2Fauthorize']] }),
    entry(6, { method: 'GET', url: `${AS}/login?return=%2Fauthorize`, type: 'document', status: 200, resHeaders: [['content-type', 'text/html'], ['set-cookie', 'sid=s3cr3t-session; Path=/; HttpOnly']], content: { mimeType: 'text/html', text: '<form method=post>' } }),
    entry(7, { method: 'GET', url: `${AS}/static/app.js`, type: 'script', status: 200, content: { mimeType: 'application/javascript', text: 'void 0' } }),
    entry(8, { method: 'POST', url: `${AS}/login`, type: 'document', reqHeaders: [['cookie', 'sid=s3cr3t-session']], body: form('user=alice&password=pw'), status: 302, resHeaders: [['location', `${AS}/consent`]] }),
    entry(9, { method: 'GET', url: `${AS}/consent`, type: 'document', status: 302, resHeaders: [['location', `${redirect}?code=the-code&state=xyz&iss=${encodeURIComponent(AS)}`]] }),
    entry(10, { method: 'GET', url: `${REDIRECT}?code=the-code&state=xyz&iss=${encodeURIComponent(AS)}`, type: 'document', status: 200, content: { mimeType: 'text/html', text: 'done' } }),
    entry(11, { method: 'POST', url: `${AS}/token`, type: 'fetch', body: form(`grant_type=authorization_code&code=the-code&redirect_uri=${encodeURIComponent(redirect)}&client_id=${CLIENT}&code_verifier=v`), status: 200, content: jsonContent({ access_token: 'at-1', token_type: 'Bearer', refresh_token: 'rt-1' }) }),
    entry(12, { method: 'POST', url: MCP, type: 'fetch', reqHeaders: [['authorization', 'Bearer at-1'], ['mcp-protocol-version', '2025-06-18'], ['content-type', 'application/json']], body: { mimeType: 'application/json', text: '{"jsonrpc":"2.0","id":1,"method":"tools/list"}' }, status: 200, content: { mimeType: 'text/event-stream', text: 'event: message\ndata: {"jsonrpc":"2.0","id":1,"result":{"tools":[]}}\n\n' } }),
    entry(13, { method: 'GET', url: MCP, type: 'fetch', reqHeaders: [['authorization', 'Bearer at-1'], ['accept', 'text/event-stream']], status: 405 }),
    entry(14, { method: 'GET', url: 'https://cdn.example.test/favicon.ico', type: 'image', status: 200, content: { mimeType: 'image/x-icon', text: 'AAABAAEAEBA=', encoding: 'base64' } }),
    entry(15, { method: 'POST', url: `${AS}/token`, type: 'fetch', body: form(`grant_type=refresh_token&refresh_token=rt-1&client_id=${CLIENT}`), status: 400, content: jsonContent({ error: 'invalid_grant', error_description: 'refresh token expired' }) }),
    { ...entry(16, { method: 'GET', url: 'data:image/png;base64,iVBORw0KGgo=', type: 'image', status: 200 }) },
  ];
  if (options.customScheme) entries.splice(10, 1);
  return {
    log: {
      version: '1.2',
      creator: { name: 'WebInspector', version: '537.36' },
      pages: [{ startedDateTime: time(0), id: 'page_1', title: 'MCP Inspector', pageTimings: { onContentLoad: 120, onLoad: 300 } }],
      entries,
    },
  };
}
