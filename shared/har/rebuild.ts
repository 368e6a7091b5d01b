// A Session rebuilt from classified exchanges of a recording made outside Authtrace: steps,
// target, stored client, auth method report and revision, as far as the exchanges show them.
import {
  REVISIONS,
  STEP_NAMES,
  defaultConfig,
  headerValue,
  type ClientRecord,
  type Exchange,
  type ExchangeRole,
  type Revision,
  type Session,
  type SessionConfig,
  type Step,
  type StepError,
  type StepName,
} from '../model.js';
import { endpointOf, formOf, isObj, parseJsonBody } from './classify.js';
import { paramValue, parseQuery } from './http-text.js';
import type { ErrorCode } from '../errors/index.js';
import { networkErrorCode, tokenErrorCode } from '../errors/step.js';
import { asAuthMethod } from '../interpret/auth-method.js';
import { readClientAuth } from '../interpret/client-auth.js';

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


/** The code a live run would have given the step that ended on this exchange. */
function failureCode(name: StepName, e: Exchange, oauthError: string | undefined): ErrorCode {
  if (e.outcome === 'network-error') return networkErrorCode(e.error.code);
  if (name === 'token' || name === 'refresh') return tokenErrorCode(oauthError);
  const status = e.outcome === 'response' ? e.response.status : 0;
  const byStep: Partial<Record<StepName, ErrorCode>> = {
    'resource-metadata': 'PRM_NOT_FOUND',
    'authorization-server-metadata': 'METADATA_NOT_FOUND',
    registration: 'REGISTRATION_REJECTED',
    mcp: status === 401 ? 'MCP_UNAUTHORIZED' : status === 403 ? 'MCP_INSUFFICIENT_SCOPE' : 'MCP_REQUEST_FAILED',
  };
  return byStep[name] ?? 'PROBE_UNEXPECTED_STATUS';
}

function failure(name: StepName, e: Exchange): StepError {
  if (e.outcome === 'network-error') return { code: failureCode(name, e, undefined), message: `${e.request.method} ${e.request.url} failed: ${e.error.message}` };
  if (e.outcome === 'opened-in-browser') return { code: 'AUTHORIZE_NO_CALLBACK', message: `${e.request.url} was opened in the browser.` };
  const body = parseJsonBody(e.response.body);
  const error = isObj(body) && typeof body.error === 'string' ? body.error : undefined;
  const oauth = error !== undefined ? ` (${error}${isObj(body) && typeof body.error_description === 'string' ? `: ${body.error_description}` : ''})` : '';
  return { code: failureCode(name, e, error), message: `${e.request.method} ${e.request.url} answered ${e.response.status}${oauth}.` };
}

function stepStatus(name: StepName, exchanges: readonly Exchange[]): { status: Step['status']; error?: StepError } {
  const last = exchanges[exchanges.length - 1]!;
  switch (name) {
    case 'probe':
      return { status: 'done' };
    case 'resource-metadata':
    case 'authorization-server-metadata':
    case 'registration':
      // Clients try several well-known URLs; one answer is enough.
      return exchanges.some(ok) ? { status: 'done' } : { status: 'failed', error: failure(name, last) };
    case 'authorize': {
      const callback = byRole(exchanges, 'callback').pop();
      if (!callback) return { status: 'failed', error: { code: 'AUTHORIZE_NO_CALLBACK', message: 'No authorization response (a redirect carrying the code) was recorded.' } };
      // A callback that is a redirect hop carries the authorization response in its Location.
      const answered = parseQuery(callback.request.url).some((p) => p.name === 'code' || p.name === 'error');
      const target = answered || !responded(callback) ? callback.request.url : (headerValue(callback.response.headers, 'location') ?? '');
      const error = paramValue(parseQuery(target), 'error');
      return error === undefined ? { status: 'done' } : { status: 'failed', error: { code: 'AUTHORIZE_DENIED', message: `The authorization server answered error=${error}.` } };
    }
    case 'mcp': {
      // A GET for a server-sent event stream may rightly get 405; the POSTs decide.
      const posts = exchanges.filter((e) => e.request.method === 'POST');
      const decisive = posts[posts.length - 1] ?? last;
      return ok(decisive) ? { status: 'done' } : { status: 'failed', error: failure(name, decisive) };
    }
    default:
      return ok(last) ? { status: 'done' } : { status: 'failed', error: failure(name, last) };
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
    if (error !== undefined) step.error = error;
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
      token_endpoint_auth_method: asAuthMethod(registered.token_endpoint_auth_method) ?? 'unknown',
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
    const requestedMethod = isObj(requested) ? asAuthMethod(requested.token_endpoint_auth_method) : undefined;
    if (requestedMethod) client.requestedMethod = requestedMethod;
    return client;
  }

  const token = byRole(exchanges, 'token', 'refresh')[0];
  const form = token ? formOf(token) : undefined;
  const basic = token ? readClientAuth(token.request).basic : undefined;
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
  };
  if (client) session.client = client;
  if (issuer !== undefined) session.issuer = issuer;
  return { session, warnings };
}
