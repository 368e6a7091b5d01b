// Builds recorded-looking sessions for the rule tests: a correct loopback flow (oidc-provider-like
// authorization server, MCP server on 127.0.0.1) and small helpers that break one thing at a time.
import type { ClientRecord, Exchange, ExchangeRole, Header, Revision, Session } from '../model.js';
import { defaultConfig, STEP_OF_ROLE } from '../model.js';

type Headers = Record<string, string> | Header[];

export interface RequestSpec {
  method?: string;
  url: string;
  headers?: Headers;
  body?: string;
}

export interface ResponseSpec {
  status: number;
  headers?: Headers;
  /** An object is sent as JSON with application/json. */
  body?: string | object;
}


function toHeaders(h: Headers | undefined): Header[] {
  if (!h) return [];
  return Array.isArray(h) ? h : Object.entries(h).map(([name, value]) => ({ name, value }));
}

export function form(fields: Record<string, string>): string {
  return new URLSearchParams(fields).toString();
}

function b64url(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export function jwt(payload: object, header: object = { alg: 'RS256', typ: 'at+jwt' }): string {
  return `${b64url(JSON.stringify(header))}.${b64url(JSON.stringify(payload))}.c2lnbmF0dXJl`;
}

export function basic(id: string, secret: string): string {
  return `Basic ${btoa(`${id}:${secret}`)}`;
}

export class SessionBuilder {
  private readonly exchanges: Exchange[] = [];
  private client: ClientRecord | undefined;
  private clock = Date.parse('2026-08-01T10:00:00.000Z');

  constructor(
    private readonly revision: Revision = '2026-07-28',
    private readonly mcpUrl = MCP_URL,
    private readonly issuer: string | undefined = ISSUER,
  ) {}

  add(role: ExchangeRole, request: RequestSpec, response?: ResponseSpec | 'opened-in-browser' | 'network-error'): string {
    const id = `ex-${this.exchanges.length + 1}`;
    this.clock += 100;
    const base = {
      id,
      role,
      step: STEP_OF_ROLE[role],
      startedAt: new Date(this.clock).toISOString(),
      origin: role === 'authorize' || role === 'authorize-redirect' || role === 'callback' ? ('browser' as const) : ('engine' as const),
      request: { method: request.method ?? 'GET', url: request.url, headers: toHeaders(request.headers), ...(request.body !== undefined && { body: request.body }) },
    };
    if (response === undefined || response === 'opened-in-browser') {
      this.exchanges.push({ ...base, outcome: 'opened-in-browser' });
    } else if (response === 'network-error') {
      this.exchanges.push({ ...base, outcome: 'network-error', error: { code: 'connection-refused', message: 'ECONNREFUSED' }, timings: { wait: 0, receive: 0, total: 1 } });
    } else {
      const json = typeof response.body === 'object';
      const body = typeof response.body === 'object' ? JSON.stringify(response.body) : (response.body ?? '');
      const headers = toHeaders(response.headers);
      if (json && !headers.some((h) => h.name.toLowerCase() === 'content-type')) {
        headers.unshift({ name: 'Content-Type', value: 'application/json; charset=utf-8' });
      }
      this.exchanges.push({
        ...base,
        outcome: 'response',
        response: { status: response.status, statusText: '', headers, body, truncated: false, bodySize: body.length, httpVersion: 'HTTP/1.1' },
        timings: { wait: 5, receive: 1, total: 6 },
      });
    }
    return id;
  }

  withClient(client: Partial<ClientRecord> & { client_id: string }): this {
    this.client = {
      issuer: this.issuer ?? '',
      token_endpoint_auth_method: 'none',
      source: 'dcr',
      redirect_uris: [REDIRECT_URI],
      createdAt: '2026-07-01T00:00:00.000Z',
      updatedAt: '2026-07-01T00:00:00.000Z',
      ...client,
    };
    return this;
  }

  build(): Session {
    const session: Session = {
      id: 'session-1',
      createdAt: '2026-08-01T10:00:00.000Z',
      config: defaultConfig({ kind: 'mcp', url: this.mcpUrl }),
      revision: this.revision,
      steps: [],
      exchanges: this.exchanges,
    };
    if (this.issuer !== undefined) session.issuer = this.issuer;
    if (this.client) session.client = this.client;
    return session;
  }
}

export const MCP_URL = 'http://127.0.0.1:4100/mcp';
export const ISSUER = 'http://127.0.0.1:4200';
export const PRM_URL = 'http://127.0.0.1:4100/.well-known/oauth-protected-resource/mcp';
export const AS_URL = 'http://127.0.0.1:4200/.well-known/oauth-authorization-server';
export const REDIRECT_URI = 'http://127.0.0.1:53123/callback';
export const CLIENT_ID = 'c-7f3a';
const NO_STORE = { 'Cache-Control': 'no-store' };

export function goodAsMetadata(issuer = ISSUER): Record<string, unknown> {
  return {
    issuer,
    authorization_endpoint: `${issuer}/auth`,
    token_endpoint: `${issuer}/token`,
    registration_endpoint: `${issuer}/reg`,
    jwks_uri: `${issuer}/jwks`,
    response_types_supported: ['code'],
    grant_types_supported: ['authorization_code', 'refresh_token'],
    token_endpoint_auth_methods_supported: ['none', 'client_secret_basic', 'client_secret_post', 'private_key_jwt'],
    code_challenge_methods_supported: ['S256'],
    scopes_supported: ['openid', 'offline_access', 'mcp'],
    authorization_response_iss_parameter_supported: true,
  };
}

export const ACCESS_TOKEN = jwt({ iss: ISSUER, aud: MCP_URL, sub: 'u1', scope: 'mcp', exp: 1785582000 });

/**
 * A correct flow against a correct server on loopback, revision 2026-07-28 unless told:
 * probe 401 → PRM → AS metadata → DCR (public, native) → authorize (PKCE, state, resource)
 * → callback (state, iss) → token → MCP call → refresh (rotated).
 */
export function goodSession(revision: Revision = '2026-07-28'): Session {
  const b = new SessionBuilder(revision);
  const jsonStore = { ...NO_STORE };
  b.add('mcp-probe', { method: 'POST', url: MCP_URL, headers: { 'Content-Type': 'application/json' }, body: '{"jsonrpc":"2.0","id":1,"method":"server/discover"}' }, {
    status: 401,
    headers: { 'WWW-Authenticate': `Bearer resource_metadata="${PRM_URL}", scope="mcp"` },
  });
  b.add('resource-metadata', { url: PRM_URL }, {
    status: 200,
    body: { resource: MCP_URL, authorization_servers: [ISSUER], scopes_supported: ['mcp'], bearer_methods_supported: ['header'] },
  });
  b.add('as-metadata', { url: AS_URL }, { status: 200, body: goodAsMetadata() });
  const registration = {
    redirect_uris: [REDIRECT_URI],
    token_endpoint_auth_method: 'none',
    grant_types: ['authorization_code', 'refresh_token'],
    response_types: ['code'],
    application_type: 'native',
    client_name: 'Authtrace',
  };
  b.add('registration', { method: 'POST', url: `${ISSUER}/reg`, headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(registration) }, {
    status: 201,
    headers: jsonStore,
    body: { ...registration, client_id: CLIENT_ID, client_id_issued_at: 1785578400 },
  });
  const authorize = new URLSearchParams({
    response_type: 'code',
    client_id: CLIENT_ID,
    redirect_uri: REDIRECT_URI,
    scope: 'mcp',
    state: 'st-1',
    code_challenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
    code_challenge_method: 'S256',
    resource: MCP_URL,
  });
  b.add('authorize', { url: `${ISSUER}/auth?${authorize}` }, 'opened-in-browser');
  b.add('callback', { url: `${REDIRECT_URI}?${new URLSearchParams({ code: 'code-1', state: 'st-1', iss: ISSUER })}` }, { status: 200, body: '<p>Done</p>', headers: { 'Content-Type': 'text/html' } });
  b.add('token', {
    method: 'POST',
    url: `${ISSUER}/token`,
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: form({ grant_type: 'authorization_code', code: 'code-1', redirect_uri: REDIRECT_URI, code_verifier: 'dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk', client_id: CLIENT_ID, resource: MCP_URL }),
  }, {
    status: 200,
    headers: jsonStore,
    body: { access_token: ACCESS_TOKEN, token_type: 'Bearer', expires_in: 3600, refresh_token: 'rt-1', scope: 'mcp' },
  });
  b.add('mcp', { method: 'POST', url: MCP_URL, headers: { Authorization: `Bearer ${ACCESS_TOKEN}`, 'Content-Type': 'application/json' }, body: '{"jsonrpc":"2.0","id":2,"method":"tools/list"}' }, {
    status: 200,
    body: { jsonrpc: '2.0', id: 2, result: { tools: [] } },
  });
  b.add('refresh', {
    method: 'POST',
    url: `${ISSUER}/token`,
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: form({ grant_type: 'refresh_token', refresh_token: 'rt-1', client_id: CLIENT_ID, resource: MCP_URL }),
  }, {
    status: 200,
    headers: jsonStore,
    body: { access_token: ACCESS_TOKEN, token_type: 'Bearer', expires_in: 3600, refresh_token: 'rt-2', scope: 'mcp' },
  });
  b.withClient({ client_id: CLIENT_ID, grant_types: ['authorization_code', 'refresh_token'], response_types: ['code'], application_type: 'native' });
  return b.build();
}

// ---- helpers that break one thing --------------------------------------------------------------

export function exchange(session: Session, role: ExchangeRole, which: 'first' | 'last' = 'first'): Exchange {
  const all = session.exchanges.filter((e) => e.role === role);
  const ex = which === 'first' ? all[0] : all[all.length - 1];
  if (!ex) throw new Error(`no ${role} exchange`);
  return ex;
}

export function withResponse(ex: Exchange): Extract<Exchange, { outcome: 'response' }> {
  if (ex.outcome !== 'response') throw new Error(`${ex.id} has no response`);
  return ex;
}

type Patch = Record<string, unknown> | ((doc: Record<string, unknown>) => Record<string, unknown>);

function applyPatch(doc: Record<string, unknown>, patch: Patch): Record<string, unknown> {
  if (typeof patch === 'function') return patch(doc);
  const out = { ...doc };
  for (const [k, v] of Object.entries(patch)) {
    if (v === undefined) delete out[k];
    else out[k] = v;
  }
  return out;
}

/** Patch a JSON response body; a key set to undefined is removed. */
export function patchResponseJson(session: Session, role: ExchangeRole, patch: Patch, which: 'first' | 'last' = 'first'): void {
  const ex = withResponse(exchange(session, role, which));
  ex.response.body = JSON.stringify(applyPatch(JSON.parse(ex.response.body) as Record<string, unknown>, patch));
}

export function patchRequestJson(session: Session, role: ExchangeRole, patch: Patch): void {
  const ex = exchange(session, role);
  ex.request.body = JSON.stringify(applyPatch(JSON.parse(ex.request.body ?? '{}') as Record<string, unknown>, patch));
}

/** Patch a form body; null removes the field. */
export function patchForm(session: Session, role: ExchangeRole, patch: Record<string, string | null>, which: 'first' | 'last' = 'first'): void {
  const ex = exchange(session, role, which);
  const params = new URLSearchParams(ex.request.body ?? '');
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) params.delete(k);
    else params.set(k, v);
  }
  ex.request.body = params.toString();
}

/** Patch the request URL's query; null removes the parameter. */
export function patchQuery(session: Session, role: ExchangeRole, patch: Record<string, string | null>, which: 'first' | 'last' = 'first'): void {
  const ex = exchange(session, role, which);
  const url = new URL(ex.request.url);
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) url.searchParams.delete(k);
    else url.searchParams.set(k, v);
  }
  ex.request.url = url.href;
}

function setHeader(headers: Header[], name: string, value: string | null): void {
  const lower = name.toLowerCase();
  for (let i = headers.length - 1; i >= 0; i--) if (headers[i]?.name.toLowerCase() === lower) headers.splice(i, 1);
  if (value !== null) headers.push({ name, value });
}

export function setRequestHeader(session: Session, role: ExchangeRole, name: string, value: string | null, which: 'first' | 'last' = 'first'): void {
  setHeader(exchange(session, role, which).request.headers, name, value);
}

export function setResponseHeader(session: Session, role: ExchangeRole, name: string, value: string | null, which: 'first' | 'last' = 'first'): void {
  setHeader(withResponse(exchange(session, role, which)).response.headers, name, value);
}

export function setStatus(session: Session, role: ExchangeRole, status: number, which: 'first' | 'last' = 'first'): void {
  withResponse(exchange(session, role, which)).response.status = status;
}

export function removeRole(session: Session, role: ExchangeRole): void {
  session.exchanges = session.exchanges.filter((e) => e.role !== role);
}

/** Appends an exchange built like SessionBuilder.add, with the next free id. */
export function append(session: Session, role: ExchangeRole, request: RequestSpec, response?: ResponseSpec | 'opened-in-browser'): string {
  const b = new SessionBuilder(session.revision);
  b.add(role, request, response);
  const [ex] = b.build().exchanges;
  if (!ex) throw new Error('append failed');
  const last = session.exchanges[session.exchanges.length - 1];
  ex.id = `ex-${session.exchanges.length + 1}`;
  ex.startedAt = new Date(Date.parse(last?.startedAt ?? session.createdAt) + 100).toISOString();
  session.exchanges.push(ex);
  return ex.id;
}

/**
 * A good flow, then `count` exchanges cycling 403 insufficient_scope → authorize → callback →
 * token, each round with a new scope: every rule that pairs challenges, authorizations and
 * tokens sees thousands of each (the shape that once made step-up detection quadratic).
 */
export function cyclingSession(count: number, revision: Revision = '2026-07-28'): Session {
  const s = goodSession(revision);
  for (let i = 0; i < count; i++) {
    const round = Math.floor(i / 4);
    const k = i % 4;
    if (k === 0) {
      append(s, 'mcp', { method: 'POST', url: MCP_URL, body: `{"jsonrpc":"2.0","id":${i},"method":"tools/call"}` }, {
        status: 403,
        headers: { 'WWW-Authenticate': `Bearer error="insufficient_scope", scope="s${round}"` },
      });
    } else if (k === 1) {
      const query = new URLSearchParams({ response_type: 'code', client_id: CLIENT_ID, redirect_uri: REDIRECT_URI, state: `st${round}`, scope: `s${round}`, code_challenge: 'x'.repeat(43), code_challenge_method: 'S256', resource: MCP_URL });
      append(s, 'authorize', { url: `${ISSUER}/auth?${query}` }, 'opened-in-browser');
    } else if (k === 2) {
      append(s, 'callback', { url: `${REDIRECT_URI}?code=c${round}&state=st${round}&iss=${encodeURIComponent(ISSUER)}` }, { status: 200, body: '' });
    } else {
      append(s, 'token', {
        method: 'POST',
        url: `${ISSUER}/token`,
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body: form({ grant_type: 'authorization_code', code: `c${round}`, redirect_uri: REDIRECT_URI, code_verifier: 'v'.repeat(43), client_id: CLIENT_ID, resource: MCP_URL }),
      }, { status: 200, headers: { 'Cache-Control': 'no-store' }, body: { access_token: `tok${round}`, token_type: 'Bearer', expires_in: 3600, scope: `s${round}` } });
    }
  }
  return s;
}

export { runDiagnostics } from './index.js';
import { runDiagnostics as run } from './index.js';

/** The diagnostics one rule produced for a session. */
export function fired(session: Session, rule: string): ReturnType<typeof run> {
  return run(session).filter((d) => d.rule === rule);
}
