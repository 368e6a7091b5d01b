// A Session rebuilt from classified exchanges of a recording made outside Authtrace: steps,
// target, stored client, auth method report and revision, as far as the exchanges show them.
import {
  AUTH_METHODS,
  REVISIONS,
  STEP_NAMES,
  defaultConfig,
  headerValue,
  type AuthMethod,
  type AuthMethodReport,
  type ClientRecord,
  type Exchange,
  type ExchangeRole,
  type HttpRequest,
  type Revision,
  type Session,
  type SessionConfig,
  type Step,
  type StepName,
} from '../model.js';
import { endpointOf, formOf, isObj, parseJsonBody } from './classify.js';
import { paramValue, parseQuery } from './http-text.js';
import { decodeBasic } from './redact.js';

export const FALLBACK_REVISION: Revision = '2025-11-25';

type Responded = Extract<Exchange, { outcome: 'response' }>;

const byRole = (exchanges: readonly Exchange[], ...roles: ExchangeRole[]): Exchange[] => exchanges.filter((e) => roles.includes(e.role));
const responded = (e: Exchange | undefined): e is Responded => e?.outcome === 'response';
const ok = (e: Exchange | undefined): e is Responded => responded(e) && e.response.status >= 200 && e.response.status < 300;

function json(e: Exchange | undefined): Record<string, unknown> | undefined {
  if (!ok(e)) return undefined;
  const body = parseJsonBody(e.response.body);
  return isObj(body) ? body : undefined;
}

const strings = (value: unknown): string[] | undefined =>
  Array.isArray(value) && value.every((v) => typeof v === 'string') ? (value as string[]) : undefined;

function isAuthMethod(value: unknown): value is AuthMethod {
  return typeof value === 'string' && (AUTH_METHODS as readonly string[]).includes(value);
}

/** How a token request authenticated the client (RFC 6749 2.3, RFC 7523). */
export function usedMethod(request: HttpRequest): AuthMethod | null {
  const authorization = headerValue(request.headers, 'authorization');
  if (authorization && /^basic\s/i.test(authorization)) return 'client_secret_basic';
  const form = formOf({ request } as Exchange);
  if (form?.has('client_assertion')) {
    const header = form.get('client_assertion')!.split('.')[0] ?? '';
    let alg = '';
    try {
      alg = String((JSON.parse(atob(header.replace(/-/g, '+').replace(/_/g, '/'))) as { alg?: unknown }).alg ?? '');
    } catch {
      // not a JWT we can read
    }
    return alg.toUpperCase().startsWith('HS') ? 'client_secret_jwt' : 'private_key_jwt';
  }
  if (form?.has('client_secret')) return 'client_secret_post';
  if (form?.has('client_id')) return 'none';
  return null;
}

function failure(e: Exchange): string {
  if (e.outcome === 'network-error') return `${e.request.method} ${e.request.url} failed: ${e.error.message}`;
  if (e.outcome === 'opened-in-browser') return `${e.request.url} was opened in the browser.`;
  const body = parseJsonBody(e.response.body);
  const oauth = isObj(body) && typeof body.error === 'string' ? ` (${body.error}${typeof body.error_description === 'string' ? `: ${body.error_description}` : ''})` : '';
  return `${e.request.method} ${e.request.url} answered ${e.response.status}${oauth}.`;
}

function stepStatus(name: StepName, exchanges: readonly Exchange[]): { status: Step['status']; error?: string } {
  const last = exchanges[exchanges.length - 1]!;
  switch (name) {
    case 'probe':
      return { status: 'done' };
    case 'resource-metadata':
    case 'authorization-server-metadata':
    case 'registration':
      // Clients try several well-known URLs; one answer is enough.
      return exchanges.some(ok) ? { status: 'done' } : { status: 'failed', error: failure(last) };
    case 'authorize': {
      const callback = byRole(exchanges, 'callback').pop();
      if (!callback) return { status: 'failed', error: 'No authorization response (a redirect carrying the code) was recorded.' };
      // A callback that is a redirect hop carries the authorization response in its Location.
      const answered = parseQuery(callback.request.url).some((p) => p.name === 'code' || p.name === 'error');
      const target = answered || !responded(callback) ? callback.request.url : (headerValue(callback.response.headers, 'location') ?? '');
      const error = paramValue(parseQuery(target), 'error');
      return error === undefined ? { status: 'done' } : { status: 'failed', error: `The authorization server answered error=${error}.` };
    }
    case 'mcp': {
      // A GET for a server-sent event stream may rightly get 405; the POSTs decide.
      const posts = exchanges.filter((e) => e.request.method === 'POST');
      const decisive = posts[posts.length - 1] ?? last;
      return ok(decisive) ? { status: 'done' } : { status: 'failed', error: failure(decisive) };
    }
    default:
      return ok(last) ? { status: 'done' } : { status: 'failed', error: failure(last) };
  }
}

function timeOf(e: Exchange): number {
  return Date.parse(e.startedAt);
}

export function rebuildSteps(exchanges: readonly Exchange[]): Step[] {
  return STEP_NAMES.map((name): Step => {
    const own = exchanges.filter((e) => e.step === name);
    if (own.length === 0) return { name, status: 'skipped', exchangeIds: [], summary: 'Not in the recording.' };
    const first = own[0]!;
    const last = own[own.length - 1]!;
    const end = timeOf(last) + (last.outcome === 'opened-in-browser' ? 0 : last.timings.total);
    const { status, error } = stepStatus(name, own);
    const step: Step = { name, status, startedAt: first.startedAt, exchangeIds: own.map((e) => e.id) };
    if (Number.isFinite(end - timeOf(first))) step.durationMs = Math.max(0, end - timeOf(first));
    if (error !== undefined) step.error = { message: error };
    return step;
  });
}

function revisionOf(exchanges: readonly Exchange[], warnings: string[]): Revision {
  const seen: string[] = [];
  for (const e of byRole(exchanges, 'mcp', 'mcp-probe')) {
    const header = headerValue(e.request.headers, 'mcp-protocol-version');
    if (header) seen.push(header);
    const body = parseJsonBody(e.request.body);
    const meta = isObj(body) && isObj(body.params) && isObj(body.params._meta) ? body.params._meta : undefined;
    for (const [key, value] of Object.entries(meta ?? {})) if (/protocolversion$/i.test(key) && typeof value === 'string') seen.push(value);
    const result = json(e);
    if (isObj(result?.result) && typeof result.result.protocolVersion === 'string') seen.push(result.result.protocolVersion);
  }
  const known = seen.filter((v): v is Revision => (REVISIONS as readonly string[]).includes(v));
  if (known.length > 0) return known[known.length - 1]!;
  if (seen.length > 0) warnings.push(`The MCP protocol version ${seen[seen.length - 1]} is not one Authtrace knows; read as ${FALLBACK_REVISION}.`);
  return FALLBACK_REVISION;
}

function issuerOf(exchanges: readonly Exchange[]): string | undefined {
  for (const e of byRole(exchanges, 'as-metadata')) {
    const issuer = json(e)?.issuer;
    if (typeof issuer === 'string') return issuer;
  }
  for (const e of byRole(exchanges, 'callback')) {
    const iss = paramValue(parseQuery(e.request.url), 'iss');
    if (iss) return iss;
  }
  return undefined;
}

function targetOf(exchanges: readonly Exchange[], issuer: string | undefined): SessionConfig['target'] | undefined {
  const mcp = byRole(exchanges, 'mcp-probe', 'mcp')[0];
  if (mcp) return { kind: 'mcp', url: endpointOf(mcp.request.url) };
  const resource = byRole(exchanges, 'resource-metadata').map((e) => json(e)?.resource).find((r) => typeof r === 'string');
  if (typeof resource === 'string') return { kind: 'mcp', url: resource };
  if (issuer) return { kind: 'issuer', issuer };
  const authorize = byRole(exchanges, 'authorize', 'token')[0];
  const origin = authorize ? originOf(authorize.request.url) : undefined;
  return origin ? { kind: 'issuer', issuer: origin } : undefined;
}

function originOf(url: string): string | undefined {
  return URL.canParse(url) ? new URL(url).origin : undefined;
}

/** The client from the registration response, else from what the token request sent. */
function clientOf(exchanges: readonly Exchange[], issuer: string | undefined): ClientRecord | undefined {
  const registration = byRole(exchanges, 'registration').filter(ok).pop();
  const registered = json(registration);
  const authorize = byRole(exchanges, 'authorize')[0];
  const authorizeQuery = authorize ? parseQuery(authorize.request.url) : [];
  if (registration && typeof registered?.client_id === 'string') {
    const client: ClientRecord = {
      issuer: issuer ?? '',
      client_id: registered.client_id,
      token_endpoint_auth_method: isAuthMethod(registered.token_endpoint_auth_method) ? registered.token_endpoint_auth_method : 'unknown',
      source: 'imported',
      redirect_uris: strings(registered.redirect_uris) ?? [],
      registrationResponse: registered,
      createdAt: registration.startedAt,
      updatedAt: registration.startedAt,
    };
    if (typeof registered.client_secret === 'string') client.client_secret = registered.client_secret;
    if (typeof registered.client_secret_expires_at === 'number') client.client_secret_expires_at = registered.client_secret_expires_at;
    const grantTypes = strings(registered.grant_types);
    if (grantTypes) client.grant_types = grantTypes;
    const responseTypes = strings(registered.response_types);
    if (responseTypes) client.response_types = responseTypes;
    if (typeof registered.application_type === 'string') client.application_type = registered.application_type;
    if (typeof registered.scope === 'string') client.scope = registered.scope;
    const requested = parseJsonBody(registration.request.body);
    if (isObj(requested) && isAuthMethod(requested.token_endpoint_auth_method)) client.requestedMethod = requested.token_endpoint_auth_method;
    return client;
  }

  const token = byRole(exchanges, 'token', 'refresh')[0];
  const form = token ? formOf(token) : undefined;
  const basic = token ? decodeBasic(headerValue(token.request.headers, 'authorization') ?? '') : undefined;
  const clientId = form?.get('client_id') ?? basic?.id ?? paramValue(authorizeQuery, 'client_id');
  const seenAt = token ?? authorize;
  if (clientId === undefined || !seenAt) return undefined;
  const client: ClientRecord = {
    issuer: issuer ?? '',
    client_id: clientId,
    token_endpoint_auth_method: 'unknown',
    source: 'imported',
    redirect_uris: [form?.get('redirect_uri') ?? paramValue(authorizeQuery, 'redirect_uri')].filter((u): u is string => u !== undefined),
    createdAt: seenAt.startedAt,
    updatedAt: seenAt.startedAt,
  };
  const secret = form?.get('client_secret') ?? basic?.secret;
  if (secret !== undefined) client.client_secret = secret;
  return client;
}

function authMethodOf(exchanges: readonly Exchange[], client: ClientRecord | undefined): AuthMethodReport {
  const metadata = byRole(exchanges, 'as-metadata').map(json).find((m) => m !== undefined);
  const token = byRole(exchanges, 'token', 'refresh')[0];
  return {
    advertised: strings(metadata?.token_endpoint_auth_methods_supported) ?? null,
    registered: client ? client.token_endpoint_auth_method : null,
    used: token ? usedMethod(token.request) : null,
    chosenBy: null,
    reason: token ? 'Read from the token request in the imported recording.' : null,
  };
}

function registrationMode(exchanges: readonly Exchange[], client: ClientRecord | undefined): SessionConfig['registration'] {
  if (byRole(exchanges, 'registration').length > 0) return 'dcr';
  if (byRole(exchanges, 'client-metadata').length > 0) return 'cimd';
  return client ? 'pre-registered' : 'auto';
}

export interface Rebuilt {
  session: Session;
  warnings: string[];
}

export function rebuildSession(exchanges: Exchange[], meta: { id: string; createdAt: string }): Rebuilt {
  const warnings: string[] = [];
  const issuer = issuerOf(exchanges);
  let target = targetOf(exchanges, issuer);
  if (!target) {
    const first = exchanges[0];
    target = { kind: 'issuer', issuer: (first && originOf(first.request.url)) ?? 'https://unknown.invalid' };
    warnings.push('No MCP request or authorization server was found; the target is a guess from the first request.');
  }
  const client = clientOf(exchanges, issuer);
  const config: SessionConfig = { ...defaultConfig(target), registration: registrationMode(exchanges, client) };
  const authorize = byRole(exchanges, 'authorize')[0];
  const scope = authorize ? paramValue(parseQuery(authorize.request.url), 'scope') : undefined;
  if (scope !== undefined) config.scope = scope;
  if (config.registration === 'pre-registered' && client) {
    config.clientId = client.client_id;
    if (client.client_secret !== undefined) config.clientSecret = client.client_secret;
  }
  const session: Session = {
    id: meta.id,
    createdAt: meta.createdAt,
    config,
    revision: revisionOf(exchanges, warnings),
    steps: rebuildSteps(exchanges),
    exchanges,
    authMethod: authMethodOf(exchanges, client),
  };
  if (client) session.client = client;
  if (issuer !== undefined) session.issuer = issuer;
  return { session, warnings };
}
