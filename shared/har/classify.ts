// Roles for exchanges recorded by something other than Authtrace (a browser's devtools, a
// proxy): what each request is in an OAuth flow for an MCP server, read from its shape.
import { headerValue, STEP_OF_ROLE, type Exchange, type ExchangeRole } from '../model.js';
import { parseJson } from '../interpret/json.js';
import { paramValue, parseForm, parseQuery } from './http-text.js';


export interface Classifiable {
  exchange: Exchange;
  resourceType?: string;
}

type Obj = Record<string, unknown>;

/** A JSON body (object or array within MAX_JSON_DEPTH), else undefined. */
export const parseJsonBody = parseJson;

export function isObj(value: unknown): value is Obj {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function parseUrl(text: string, base?: string): URL | undefined {
  try {
    return new URL(text, base);
  } catch {
    return undefined;
  }
}

/** The URL without query and fragment, for comparing endpoints. */
export function endpointOf(url: string): string {
  const parsed = parseUrl(url);
  return parsed ? `${parsed.origin}${parsed.pathname}` : url.split(/[?#]/)[0]!;
}

export function formOf(exchange: Exchange): Map<string, string> | undefined {
  const body = exchange.request.body;
  if (body === undefined || !/(^|&)grant_type=|(^|&)client_id=/.test(body)) return undefined;
  return new Map(parseForm(body).map((p) => [p.name, p.value]));
}

function isJsonRpc(exchange: Exchange): boolean {
  if (exchange.request.method !== 'POST') return false;
  const body = parseJsonBody(exchange.request.body);
  const messages = Array.isArray(body) ? body : [body];
  return messages.length > 0 && messages.every((m) => isObj(m) && m.jsonrpc === '2.0');
}

function status(exchange: Exchange): number | undefined {
  return exchange.outcome === 'response' ? exchange.response.status : undefined;
}

function location(exchange: Exchange): string | undefined {
  if (exchange.outcome !== 'response') return undefined;
  const value = headerValue(exchange.response.headers, 'location');
  return value === undefined ? undefined : parseUrl(value, exchange.request.url)?.href;
}

function responseJson(exchange: Exchange): Obj | undefined {
  if (exchange.outcome !== 'response' || exchange.response.status < 200 || exchange.response.status >= 300) return undefined;
  const body = parseJsonBody(exchange.response.body);
  return isObj(body) ? body : undefined;
}

function wellKnownRole(url: string): ExchangeRole | undefined {
  const path = parseUrl(url)?.pathname ?? '';
  if (path.includes('/.well-known/oauth-protected-resource')) return 'resource-metadata';
  if (path.includes('/.well-known/oauth-authorization-server') || path.includes('/.well-known/openid-configuration')) return 'as-metadata';
  return undefined;
}

function isAuthorizeRequest(exchange: Exchange, authorizationEndpoints: ReadonlySet<string>): boolean {
  if (exchange.request.method !== 'GET') return false;
  const query = parseQuery(exchange.request.url);
  if (paramValue(query, 'client_id') === undefined) return false;
  const responseType = paramValue(query, 'response_type');
  return (responseType !== undefined && responseType.split(' ').includes('code')) || authorizationEndpoints.has(endpointOf(exchange.request.url));
}

function carriesCode(url: string): boolean {
  const query = parseQuery(url);
  return paramValue(query, 'code') !== undefined || (paramValue(query, 'error') !== undefined && paramValue(query, 'state') !== undefined);
}

/** What the metadata and requests in the file say about the endpoints involved. */
interface Endpoints {
  registration: Set<string>;
  authorization: Set<string>;
  redirectUris: Set<string>;
}

function learnEndpoints(items: readonly Classifiable[]): Endpoints {
  const found: Endpoints = { registration: new Set(), authorization: new Set(), redirectUris: new Set() };
  for (const { exchange } of items) {
    if (wellKnownRole(exchange.request.url) === 'as-metadata') {
      const metadata = responseJson(exchange);
      if (typeof metadata?.registration_endpoint === 'string') found.registration.add(endpointOf(metadata.registration_endpoint));
      if (typeof metadata?.authorization_endpoint === 'string') found.authorization.add(endpointOf(metadata.authorization_endpoint));
    }
    const redirect = paramValue(parseQuery(exchange.request.url), 'redirect_uri') ?? formOf(exchange)?.get('redirect_uri');
    if (redirect !== undefined) found.redirectUris.add(endpointOf(redirect));
    const body = parseJsonBody(exchange.request.body);
    if (isObj(body) && Array.isArray(body.redirect_uris)) {
      for (const uri of body.redirect_uris) if (typeof uri === 'string') found.redirectUris.add(endpointOf(uri));
    }
  }
  return found;
}

function directRole(item: Classifiable, endpoints: Endpoints): ExchangeRole {
  const { exchange } = item;
  const wellKnown = wellKnownRole(exchange.request.url);
  if (wellKnown) return wellKnown;
  const grant = exchange.request.method === 'POST' ? formOf(exchange)?.get('grant_type') : undefined;
  if (grant === 'authorization_code') return 'token';
  if (grant === 'refresh_token') return 'refresh';
  if (isJsonRpc(exchange)) return 'mcp';
  if (exchange.request.method === 'POST') {
    const body = parseJsonBody(exchange.request.body);
    if (isObj(body) && (endpoints.registration.has(endpointOf(exchange.request.url)) || Array.isArray(body.redirect_uris))) return 'registration';
  }
  if (isAuthorizeRequest(exchange, endpoints.authorization)) return 'authorize';
  if (carriesCode(exchange.request.url) && endpoints.redirectUris.has(endpointOf(exchange.request.url))) return 'callback';
  return 'other';
}

/** The first unauthenticated MCP request answered 401 is the probe. */
function markProbe(items: readonly Classifiable[], roles: ExchangeRole[], mcpEndpoints: ReadonlySet<string>): void {
  const index = items.findIndex(
    ({ exchange }, i) =>
      (roles[i] === 'mcp' || (roles[i] === 'other' && mcpEndpoints.has(endpointOf(exchange.request.url)))) &&
      status(exchange) === 401 &&
      headerValue(exchange.request.headers, 'authorization') === undefined,
  );
  if (index >= 0) roles[index] = 'mcp-probe';
}

/** The authorization response: code (or error) and the state the authorization request sent. */
function isAuthorizationResponse(url: string, state: string | undefined): boolean {
  const query = parseQuery(url);
  const answered = paramValue(query, 'code') !== undefined || paramValue(query, 'error') !== undefined;
  return answered && (state === undefined || paramValue(query, 'state') === state);
}

/**
 * The browser's hops between an authorization request and its callback: redirects followed
 * from the authorization request, and page navigations (login, consent) in between. The hop
 * that reaches the client with the code is the callback; when the request to the
 * redirect_uri was not recorded (a custom scheme, a closed listener), the hop whose Location
 * carried the code stands for it.
 */
function markRedirects(items: readonly Classifiable[], roles: ExchangeRole[]): void {
  for (let start = 0; start < items.length; start++) {
    if (roles[start] !== 'authorize') continue;
    const authorize = items[start]!.exchange;
    const authorizeOrigin = parseUrl(authorize.request.url)?.origin;
    const state = paramValue(parseQuery(authorize.request.url), 'state');
    const chain = new Set<string>();
    const follow = (exchange: Exchange): void => {
      const next = location(exchange);
      if (next) chain.add(next.split('#')[0]!);
    };
    follow(authorize);
    let lastHop = -1;
    let called = false;
    for (let i = start + 1; i < items.length && !called; i++) {
      const role = roles[i];
      if (role === 'authorize' || role === 'token') break;
      if (role === 'callback') called = true;
      if (role !== 'other') continue;
      const { exchange, resourceType } = items[i]!;
      const url = exchange.request.url.split('#')[0]!;
      const pageLike =
        exchange.outcome === 'response' &&
        (/html/i.test(headerValue(exchange.response.headers, 'content-type') ?? '') || (exchange.response.status >= 300 && exchange.response.status < 400));
      const hop = chain.has(url) || resourceType === 'document' || (resourceType === undefined && pageLike && parseUrl(url)?.origin === authorizeOrigin);
      if (!hop) continue;
      called = chain.has(url) && isAuthorizationResponse(url, state);
      roles[i] = called ? 'callback' : 'authorize-redirect';
      lastHop = i;
      follow(exchange);
    }
    if (called) continue;
    for (let i = lastHop; i > start; i--) {
      const target = location(items[i]!.exchange);
      if (roles[i] === 'authorize-redirect' && target !== undefined && isAuthorizationResponse(target, state)) {
        roles[i] = 'callback';
        break;
      }
    }
  }
}

function markClientMetadata(items: readonly Classifiable[], roles: ExchangeRole[]): void {
  const documents = new Set<string>();
  items.forEach(({ exchange }, i) => {
    const clientId = roles[i] === 'authorize' ? paramValue(parseQuery(exchange.request.url), 'client_id') : undefined;
    if (clientId?.startsWith('https://')) documents.add(clientId);
  });
  items.forEach(({ exchange }, i) => {
    if (roles[i] === 'other' && exchange.request.method === 'GET' && documents.has(exchange.request.url)) roles[i] = 'client-metadata';
  });
}

/** Sets role and step on each exchange. */
export function classify(items: readonly Classifiable[]): void {
  const endpoints = learnEndpoints(items);
  const roles = items.map((item) => directRole(item, endpoints));
  const mcpEndpoints = new Set(items.filter((_, i) => roles[i] === 'mcp').map(({ exchange }) => endpointOf(exchange.request.url)));
  items.forEach(({ exchange }, i) => {
    // The MCP endpoint also answers GET (an SSE stream) and DELETE (ending a session).
    const method = exchange.request.method;
    if (roles[i] === 'other' && (method === 'GET' || method === 'DELETE') && mcpEndpoints.has(endpointOf(exchange.request.url))) roles[i] = 'mcp';
  });
  markProbe(items, roles, mcpEndpoints);
  markRedirects(items, roles);
  markClientMetadata(items, roles);
  items.forEach(({ exchange }, i) => {
    const role = roles[i]!;
    exchange.role = role;
    exchange.step = STEP_OF_ROLE[role];
  });
}
