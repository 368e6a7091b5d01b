// Probes that need the authorization endpoint: PKCE, redirect URI matching, state and iss, the
// audience of tokens at the MCP server, and refresh token rotation. Each authorization request is
// followed only within the authorization server's own origin; a redirect elsewhere (the redirect URI,
// a login page on another site) is read from its Location header and never fetched.
import { randomBytes } from 'node:crypto';
import * as oauth from 'oauth4webapi';
import type { AuthorizationServerMetadata } from '../../shared/flow/context.js';
import { applyClientAuth } from '../../shared/flow/client-auth-apply.js';
import { authorizationRequest } from '../../shared/flow/authorization-request.js';
import { followRedirects, type FollowOutcome } from '../../shared/flow/follow-redirects.js';
import { probeRequest } from '../../shared/flow/mcp-messages.js';
import { readJsonObject, statusLine } from '../../shared/flow/responses.js';
import { AUTH_METHODS, type AuthMethod, type ClientRecord, type HttpRequest, type HttpResponse, type Revision } from '../../shared/model.js';
import type { ProbeFinding, Send } from './client-auth-probe.js';

/** pass: the server did what the spec asks; fail: it did not; not-probed: the answer could not be had (why says). */
export type CheckResult = 'pass' | 'fail' | 'not-probed';

export interface AuthorizationCheck {
  probe: ProbeFinding['id'];
  name: string;
  result: CheckResult;
  why: string;
  exchangeId?: string;
}

export interface AuthorizationProbeInput {
  as: AuthorizationServerMetadata;
  /** The issuer the client set out to use (what iss must equal, RFC 9207). */
  issuer: string;
  /** Started from an MCP server: its URL, the resource to ask for, and the revision it speaks. */
  mcp?: { url: string; resource: string; revision: Revision };
  scope?: string;
  /** A resource the server should not take tokens for (default: a made-up one on the MCP origin). */
  otherResource?: string;
  send: Send;
}

/** What one authorization request came to, read from where its redirect chain stopped. */
type Arrival =
  | { kind: 'callback'; params: URLSearchParams; at: URL }
  | { kind: 'login'; where: string }
  | { kind: 'refused'; answer: string }
  | { kind: 'failed'; why: string };

const FORM = { name: 'Content-Type', value: 'application/x-www-form-urlencoded' };
const JSON_ACCEPT = { name: 'Accept', value: 'application/json' };

export async function probeAuthorization(input: AuthorizationProbeInput): Promise<{ checks: AuthorizationCheck[]; findings: ProbeFinding[] }> {
  const { as, send } = input;
  const checks: AuthorizationCheck[] = [];
  if (typeof as.authorization_endpoint !== 'string' || typeof as.registration_endpoint !== 'string') {
    const why = typeof as.authorization_endpoint !== 'string' ? 'no authorization endpoint' : 'no registration endpoint, so no client of the probe’s own to authorize with';
    return { checks: [{ probe: 'PRB-10', name: 'authorization round trips', result: 'not-probed', why }], findings: [] };
  }
  // A port nothing listens on: the probe reads redirects, it never follows one to the redirect URI.
  const port = 49_152 + (randomBytes(2).readUInt16BE() % 16_000);
  const redirectUri = `http://127.0.0.1:${port}/callback`;
  const client = await register(as, redirectUri, send);
  if (!client.ok) return { checks: [{ probe: 'PRB-10', name: 'authorization round trips', result: 'not-probed', why: client.why, exchangeId: client.exchangeId }], findings: [] };
  const record = client.record;
  const authOrigin = new URL(as.authorization_endpoint).origin;

  const authorize = async (purpose: string, change: (params: URLSearchParams) => void, expectAt = redirectUri): Promise<{ arrival: Arrival; exchangeId: string; state: string; verifier: string }> => {
    const { url, state, codeVerifier: verifier } = await authorizationRequest(as.authorization_endpoint!, { clientId: record.client_id, redirectUri, ...(input.scope && { scope: input.scope }), ...(input.mcp && { resource: input.mcp.resource }) });
    // OpenID Connect Core §11: offline_access is granted only with prompt=consent.
    if (input.scope?.split(' ').includes('offline_access')) url.searchParams.set('prompt', 'consent');
    change(url.searchParams);
    let first = '';
    const arrival = await follow(
      { method: 'GET', url: url.href, headers: [{ name: 'Accept', value: 'text/html,application/xhtml+xml' }] },
      async (request, hop) => {
        const sent = await send(request, hop === 0 ? 'authorize' : 'authorize-redirect', hop === 0 ? `probe: ${purpose}` : 'following the redirect chain');
        if (hop === 0) first = sent.exchangeId;
        if (sent.result.outcome === 'network-error') throw new Error(sent.result.error.message);
        return sent.result.response;
      },
      authOrigin,
      expectAt,
    );
    return { arrival, exchangeId: first, state, verifier };
  };

  const token = async (form: URLSearchParams, role: 'token' | 'refresh', purpose: string) => {
    const headers = await applyClientAuth(record.token_endpoint_auth_method as AuthMethod, as, record, form, undefined);
    const sent = await send({ method: 'POST', url: as.token_endpoint!, headers: [FORM, JSON_ACCEPT, ...headers], body: form.toString() }, role, `probe: ${purpose}`);
    const response = sent.result.outcome === 'response' ? sent.result.response : undefined;
    const read = response ? readJsonObject(response) : undefined;
    const doc = read?.ok ? read.value : undefined;
    const issued = response?.status === 200 && typeof doc?.access_token === 'string';
    const answer = response ? `${statusLine(response)}${typeof doc?.error === 'string' ? ` ${doc.error}` : ''}` : sent.result.outcome === 'network-error' ? sent.result.error.message : '';
    return { issued, doc, answer, exchangeId: sent.exchangeId };
  };

  const codeForm = (code: string, verifier: string, resource = input.mcp?.resource) =>
    new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: redirectUri, code_verifier: verifier, ...(resource && { resource }) });

  // PKCE (OAuth 2.1 §4.1.1): no code_challenge, and plain.
  const noPkce = await authorize('an authorization request without code_challenge', (p) => {
    p.delete('code_challenge');
    p.delete('code_challenge_method');
  });
  checks.push(judgePreLogin('PRB-10', 'without code_challenge', noPkce.arrival, noPkce.exchangeId));
  const plain = await authorize('code_challenge_method=plain', (p) => {
    p.set('code_challenge', oauth.generateRandomCodeVerifier());
    p.set('code_challenge_method', 'plain');
  });
  checks.push(judgePreLogin('PRB-12', 'code_challenge_method=plain', plain.arrival, plain.exchangeId));

  // Redirect URIs (OAuth 2.1 §2.3.1: exact match; RFC 8252 §7.3: any port on loopback).
  const variants: { name: string; uri: string; probe: 'PRB-13' | 'PRB-14' }[] = [
    { name: 'another path', uri: `http://127.0.0.1:${port}/elsewhere`, probe: 'PRB-13' },
    { name: 'the registered URI extended (prefix match)', uri: `${redirectUri}/extra`, probe: 'PRB-13' },
    { name: 'a non-loopback http URI', uri: 'http://authtrace-probe.invalid/callback', probe: 'PRB-13' },
    { name: 'an unregistered custom scheme', uri: 'authtrace-probe:/callback', probe: 'PRB-13' },
    { name: 'another loopback port', uri: `http://127.0.0.1:${port === 65_535 ? port - 1 : port + 1}/callback`, probe: 'PRB-14' },
  ];
  for (const v of variants) {
    const attempt = await authorize(`redirect_uri set to ${v.name}`, (p) => p.set('redirect_uri', v.uri), v.uri);
    checks.push(judgeRedirect(v.probe, `redirect_uri: ${v.name} (${v.uri})`, attempt.arrival, attempt.exchangeId));
  }

  // A real authorization: state and iss (RFC 9207) in the response, then a wrong code_verifier.
  const first = await authorize('an authorization request as a client sends it', () => undefined);
  if (first.arrival.kind !== 'callback' || !first.arrival.params.get('code')) {
    const why = unreached(first.arrival);
    const rest: [AuthorizationCheck['probe'], string][] = [['PRB-15', 'state and iss in the authorization response'], ['PRB-11', 'a wrong code_verifier'], ['PRB-17', 'refresh token rotation']];
    if (input.mcp) rest.push(['PRB-16', 'a token for another resource']);
    for (const [probe, name] of rest) checks.push({ probe, name, result: 'not-probed', why, exchangeId: first.exchangeId });
    return { checks, findings: findingsOf(checks, as) };
  }
  checks.push(...judgeResponse(first.arrival.params, first.state, input.issuer, as, first.exchangeId));
  const wrong = await token(codeForm(first.arrival.params.get('code')!, oauth.generateRandomCodeVerifier()), 'token', 'a token request with the wrong code_verifier');
  checks.push({
    probe: 'PRB-11',
    name: 'a wrong code_verifier',
    result: wrong.issued ? 'fail' : wrong.answer.includes('invalid_grant') ? 'pass' : 'not-probed',
    why: wrong.issued ? 'tokens were issued' : `refused: ${wrong.answer}`,
    exchangeId: wrong.exchangeId,
  });

  // Tokens as a client gets them: presented to the MCP server, then refreshed.
  const second = await authorize('another authorization, for tokens', () => undefined);
  const granted = second.arrival.kind === 'callback' && second.arrival.params.get('code') ? await token(codeForm(second.arrival.params.get('code')!, second.verifier), 'token', 'the code with its code_verifier') : undefined;
  if (!granted?.issued) {
    const why = granted ? `the token request was refused: ${granted.answer}` : unreached(second.arrival);
    checks.push({ probe: 'PRB-17', name: 'refresh token rotation', result: 'not-probed', why, exchangeId: granted?.exchangeId ?? second.exchangeId });
    if (input.mcp) checks.push({ probe: 'PRB-16', name: 'a token for another resource', result: 'not-probed', why, exchangeId: granted?.exchangeId ?? second.exchangeId });
    return { checks, findings: findingsOf(checks, as) };
  }
  checks.push(await probeRefresh(granted.doc!, token, input.mcp?.resource));
  if (input.mcp) checks.push(...(await probeAudience(input, input.mcp, String(granted.doc!.access_token), { authorize, token, codeForm })));
  return { checks, findings: findingsOf(checks, as) };
}

async function register(as: AuthorizationServerMetadata, redirectUri: string, send: Send): Promise<{ ok: true; record: ClientRecord } | { ok: false; why: string; exchangeId?: string }> {
  const body = { client_name: 'Authtrace probe (authorization)', redirect_uris: [redirectUri], grant_types: ['authorization_code', 'refresh_token'], response_types: ['code'], application_type: 'native', token_endpoint_auth_method: 'none' };
  const sent = await send({ method: 'POST', url: as.registration_endpoint!, headers: [{ name: 'Content-Type', value: 'application/json' }, JSON_ACCEPT], body: JSON.stringify(body) }, 'registration', 'probe: register a public client for the authorization round trips');
  const response = sent.result.outcome === 'response' ? sent.result.response : undefined;
  const read = response ? readJsonObject(response) : undefined;
  const doc = read?.ok ? read.value : undefined;
  if (!response || response.status < 200 || response.status >= 300 || typeof doc?.client_id !== 'string') {
    return { ok: false, why: `registering a client for the round trips failed (${response ? statusLine(response) : 'no answer'})`, exchangeId: sent.exchangeId };
  }
  const method = typeof doc.token_endpoint_auth_method === 'string' && (AUTH_METHODS as readonly string[]).includes(doc.token_endpoint_auth_method) ? (doc.token_endpoint_auth_method as AuthMethod) : 'none';
  if (method === 'private_key_jwt') return { ok: false, why: 'the server registered the round-trip client for private_key_jwt, with a key the probe does not have', exchangeId: sent.exchangeId };
  const now = new Date().toISOString();
  return {
    ok: true,
    record: { issuer: as.issuer ?? '', client_id: doc.client_id, ...(typeof doc.client_secret === 'string' && { client_secret: doc.client_secret }), token_endpoint_auth_method: method, source: 'dcr', redirect_uris: [redirectUri], createdAt: now, updatedAt: now },
  };
}

async function follow(first: HttpRequest, send: (request: HttpRequest, hop: number) => Promise<HttpResponse>, authOrigin: string, expectAt: string): Promise<Arrival> {
  let outcome: FollowOutcome;
  try {
    outcome = await followRedirects(first, send, (next) => next.origin === authOrigin && !sameEndpoint(next, expectAt));
  } catch (e) {
    return { kind: 'failed', why: (e as Error).message };
  }
  if (outcome.kind === 'too-many-redirects') return { kind: 'failed', why: 'the redirects did not end' };
  if (outcome.kind === 'page') {
    // Only the authorization endpoint's own answer refuses; a page further along is the login (working or not).
    const refusedAtOnce = outcome.url === first.url && outcome.response.status >= 400;
    const page = new URL(outcome.url);
    return refusedAtOnce ? { kind: 'refused', answer: statusLine(outcome.response) } : { kind: 'login', where: `${page.origin}${page.pathname} answered ${statusLine(outcome.response)}` };
  }
  const at = outcome.location;
  if (sameEndpoint(at, expectAt)) return { kind: 'callback', params: responseParams(at), at };
  return { kind: 'login', where: `${at.origin}${at.pathname}` };
}

/** The authorization response's parameters: in the query, or (for a custom scheme read raw) the fragment. */
function responseParams(at: URL): URLSearchParams {
  return at.search ? new URLSearchParams(at.search) : new URLSearchParams(at.hash.replace(/^#/, ''));
}

function sameEndpoint(url: URL, expected: string): boolean {
  const e = new URL(expected);
  return url.protocol === e.protocol && url.host === e.host && url.pathname === e.pathname;
}

function unreached(arrival: Arrival): string {
  if (arrival.kind === 'login') return `the server wants a person to log in or consent (${arrival.where}); the probe follows logins only where they need none`;
  if (arrival.kind === 'refused') return `the authorization request was refused (${arrival.answer})`;
  if (arrival.kind === 'failed') return arrival.why;
  return `the authorization response carried no code${arrival.params.get('error') ? ` (error=${arrival.params.get('error')})` : ''}`;
}

/** A request the server must refuse before any login: a code means it did not. */
function judgePreLogin(probe: 'PRB-10' | 'PRB-12', name: string, arrival: Arrival, exchangeId: string): AuthorizationCheck {
  if (arrival.kind === 'callback') {
    if (arrival.params.get('code')) return { probe, name, result: 'fail', why: 'an authorization code came back', exchangeId };
    return { probe, name, result: 'pass', why: `refused: the redirect carried error=${arrival.params.get('error') ?? '(none)'}`, exchangeId };
  }
  if (arrival.kind === 'refused') return { probe, name, result: 'pass', why: `refused: ${arrival.answer}`, exchangeId };
  return { probe, name, result: 'not-probed', why: unreached(arrival), exchangeId };
}

/**
 * A redirect URI the client did not register: the server must not redirect there at all (RFC 6749
 * §4.1.2.1); another loopback port it must allow (RFC 8252 §7.3).
 */
function judgeRedirect(probe: 'PRB-13' | 'PRB-14', name: string, arrival: Arrival, exchangeId: string): AuthorizationCheck {
  const mustAllow = probe === 'PRB-14';
  if (arrival.kind === 'callback') {
    const carried = arrival.params.get('code') ? ' with an authorization code' : arrival.params.get('error') ? ` with error=${arrival.params.get('error')}` : '';
    return { probe, name, result: mustAllow && arrival.params.get('code') ? 'pass' : 'fail', why: `the server redirected to it${carried}`, exchangeId };
  }
  if (arrival.kind === 'refused') return { probe, name, result: mustAllow ? 'fail' : 'pass', why: `refused: ${arrival.answer}, without redirecting`, exchangeId };
  return { probe, name, result: 'not-probed', why: unreached(arrival), exchangeId };
}

function judgeResponse(params: URLSearchParams, state: string, issuer: string, as: AuthorizationServerMetadata, exchangeId: string): AuthorizationCheck[] {
  const checks: AuthorizationCheck[] = [];
  const returned = params.get('state');
  checks.push({ probe: 'PRB-15', name: 'state returned unchanged', result: returned === state ? 'pass' : 'fail', why: returned === state ? 'state came back as sent' : `state came back as ${returned === null ? '(absent)' : JSON.stringify(returned)}`, exchangeId });
  const iss = params.get('iss');
  const promised = as.authorization_response_iss_parameter_supported === true;
  checks.push({
    probe: 'PRB-15',
    name: 'iss in the authorization response (RFC 9207)',
    result: iss === issuer ? 'pass' : 'fail',
    why: iss === null ? `no iss${promised ? ', although the metadata says authorization_response_iss_parameter_supported' : ''}` : iss === issuer ? `iss is ${iss}` : `iss is ${iss}, not the issuer ${issuer}`,
    exchangeId,
  });
  return checks;
}

/** What the audience probes need of the round trip: a new authorization, a token request, and the code's form. */
interface RoundTrip {
  authorize: (purpose: string, change: (params: URLSearchParams) => void) => Promise<{ arrival: Arrival; exchangeId: string; verifier: string }>;
  token: TokenCall;
  codeForm: (code: string, verifier: string, resource?: string) => URLSearchParams;
}

type TokenCall = (form: URLSearchParams, role: 'token' | 'refresh', purpose: string) => Promise<{ issued: boolean; doc: Record<string, unknown> | undefined; answer: string; exchangeId: string }>;

/** OAuth 2.1 §4.3.1: a public client's refresh tokens are sender-constrained or rotated, and a rotated one is not taken again. */
async function probeRefresh(tokens: Record<string, unknown>, token: TokenCall, resource: string | undefined): Promise<AuthorizationCheck> {
  const name = 'refresh token rotation';
  const old = tokens.refresh_token;
  if (typeof old !== 'string') return { probe: 'PRB-17', name, result: 'not-probed', why: 'no refresh token was issued' };
  const form = () => new URLSearchParams({ grant_type: 'refresh_token', refresh_token: old, ...(resource && { resource }) });
  const refreshed = await token(form(), 'refresh', 'refresh');
  if (!refreshed.issued) return { probe: 'PRB-17', name, result: 'not-probed', why: `the refresh was refused: ${refreshed.answer}`, exchangeId: refreshed.exchangeId };
  const rotated = typeof refreshed.doc?.refresh_token === 'string' && refreshed.doc.refresh_token !== old;
  const again = await token(form(), 'refresh', rotated ? 'the refresh token it replaced, again' : 'the same refresh token, again');
  if (!rotated) return { probe: 'PRB-17', name, result: 'fail', why: `the refresh token was not rotated${again.issued ? ', and it was taken again' : ''}`, exchangeId: again.exchangeId };
  return again.issued
    ? { probe: 'PRB-17', name, result: 'fail', why: 'the refresh token was rotated, yet the replaced one was taken again', exchangeId: again.exchangeId }
    : { probe: 'PRB-17', name, result: 'pass', why: `rotated; the replaced one was refused (${again.answer})`, exchangeId: again.exchangeId };
}

/** RFC 8707 / MCP: the MCP server takes only tokens issued for it. */
async function probeAudience(input: AuthorizationProbeInput, mcp: NonNullable<AuthorizationProbeInput['mcp']>, ownToken: string, round: RoundTrip): Promise<AuthorizationCheck[]> {
  const baseline = await presentToMcp(input.send, mcp, ownToken, 'the token issued for it');
  if (baseline.status < 200 || baseline.status >= 300) {
    const why = `the MCP server refused even the token issued for it (${baseline.status})`;
    return ['a token for another resource', 'a token asked without resource'].map((name) => ({ probe: 'PRB-16', name, result: 'not-probed', why, exchangeId: baseline.exchangeId }));
  }
  return [await otherResourceToken(input, mcp, round), await tokenWithoutResource(input, mcp, round)];
}

/** One authorization for a resource (or none), its code redeemed, the token presented to the MCP server: where it stopped. */
type Presented =
  | { kind: 'no-code'; why: string; exchangeId: string }
  | { kind: 'no-token'; answer: string; exchangeId: string }
  | { kind: 'presented'; audience: unknown; served: boolean; status: number; exchangeId: string };

async function tokenPresented(input: AuthorizationProbeInput, mcp: NonNullable<AuthorizationProbeInput['mcp']>, { authorize, token, codeForm }: RoundTrip, resource: string | undefined): Promise<Presented> {
  const what = resource ? `for another resource (${resource})` : 'without resource';
  const asked = await authorize(`an authorization ${what}`, (p) => (resource ? p.set('resource', resource) : p.delete('resource')));
  const code = asked.arrival.kind === 'callback' ? asked.arrival.params.get('code') : null;
  if (!code) return { kind: 'no-code', why: unreached(asked.arrival), exchangeId: asked.exchangeId };
  const form = codeForm(code, asked.verifier, resource);
  if (!resource) form.delete('resource');
  const got = await token(form, 'token', `the code, ${resource ? `for ${resource}` : 'without resource'}`);
  if (!got.issued) return { kind: 'no-token', answer: got.answer, exchangeId: got.exchangeId };
  const accessToken = String(got.doc!.access_token);
  const presented = await presentToMcp(input.send, mcp, accessToken, resource ? `a token issued for ${resource}` : 'a token asked without resource');
  return { kind: 'presented', audience: jwtAudience(accessToken), served: presented.status >= 200 && presented.status < 300, status: presented.status, exchangeId: presented.exchangeId };
}

async function otherResourceToken(input: AuthorizationProbeInput, mcp: NonNullable<AuthorizationProbeInput['mcp']>, round: RoundTrip): Promise<AuthorizationCheck> {
  const name = 'a token for another resource';
  const other = input.otherResource ?? `${new URL(mcp.url).origin}/authtrace-probe-other-resource`;
  const r = await tokenPresented(input, mcp, round, other);
  const hint = 'give --other-resource with a resource it does issue tokens for';
  if (r.kind === 'no-code') return { probe: 'PRB-16', name, result: 'not-probed', why: `the authorization server issues no token for ${other} (${r.why}); ${hint}`, exchangeId: r.exchangeId };
  if (r.kind === 'no-token') return { probe: 'PRB-16', name, result: 'not-probed', why: `the authorization server refused a token for ${other} (${r.answer}); ${hint}`, exchangeId: r.exchangeId };
  const aud = r.audience === undefined ? 'an opaque token' : `a token whose aud is ${JSON.stringify(r.audience)}`;
  if (r.served) return { probe: 'PRB-16', name, result: 'fail', why: `asked for ${other}, got ${aud}, and the MCP server served it`, exchangeId: r.exchangeId };
  return { probe: 'PRB-16', name, result: 'pass', why: `asked for ${other}, got ${aud}; the MCP server answered ${r.status}`, exchangeId: r.exchangeId };
}

/** A token asked without resource: served only if the authorization server gave it this server's audience. */
async function tokenWithoutResource(input: AuthorizationProbeInput, mcp: NonNullable<AuthorizationProbeInput['mcp']>, round: RoundTrip): Promise<AuthorizationCheck> {
  const name = 'a token asked without resource';
  const r = await tokenPresented(input, mcp, round, undefined);
  if (r.kind === 'no-code') return { probe: 'PRB-16', name, result: 'pass', why: `the authorization server wants a resource (${r.why})`, exchangeId: r.exchangeId };
  if (r.kind === 'no-token') return { probe: 'PRB-16', name, result: 'pass', why: `the authorization server wants a resource (${r.answer})`, exchangeId: r.exchangeId };
  if (!r.served) return { probe: 'PRB-16', name, result: 'pass', why: `the MCP server answered ${r.status}`, exchangeId: r.exchangeId };
  if (r.audience === undefined) return { probe: 'PRB-16', name, result: 'not-probed', why: 'an opaque token was served: whom it was issued for cannot be read', exchangeId: r.exchangeId };
  const audiences = (Array.isArray(r.audience) ? r.audience : [r.audience]).filter((a): a is string => typeof a === 'string');
  if (audiences.some((a) => a === mcp.resource || a === mcp.url)) return { probe: 'PRB-16', name, result: 'pass', why: `the authorization server gave it this server's audience (${JSON.stringify(r.audience)}), and it was served`, exchangeId: r.exchangeId };
  return { probe: 'PRB-16', name, result: 'fail', why: `got a token whose aud is ${JSON.stringify(r.audience)}, and the MCP server served it`, exchangeId: r.exchangeId };
}

async function presentToMcp(send: Send, mcp: NonNullable<AuthorizationProbeInput['mcp']>, accessToken: string, what: string): Promise<{ status: number; exchangeId: string }> {
  const request = probeRequest(mcp.url, mcp.revision);
  request.headers.push({ name: 'Authorization', value: `Bearer ${accessToken}` });
  const sent = await send(request, 'mcp', `probe: an MCP request with ${what}`);
  return { status: sent.result.outcome === 'response' ? sent.result.response.status : 0, exchangeId: sent.exchangeId };
}

/** The aud of a JWT access token, read without trusting it; undefined for an opaque token. */
function jwtAudience(token: string): unknown {
  const payload = token.split('.')[1];
  if (!payload || token.split('.').length !== 3) return undefined;
  try {
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as unknown;
    return typeof claims === 'object' && claims !== null && 'aud' in claims ? (claims as { aud: unknown }).aud : undefined;
  } catch {
    return undefined;
  }
}

function findingsOf(checks: readonly AuthorizationCheck[], as: AuthorizationServerMetadata): ProbeFinding[] {
  const findings: ProbeFinding[] = [];
  const add = (check: AuthorizationCheck, severity: ProbeFinding['severity'], message: string) => findings.push({ id: check.probe, severity, message, exchangeIds: check.exchangeId ? [check.exchangeId] : [] });
  for (const c of checks) {
    if (c.result === 'not-probed') add(c, 'info', `Not probed: ${c.name}: ${c.why}.`);
    if (c.result !== 'fail') continue;
    switch (c.probe) {
      case 'PRB-10':
        add(c, 'error', 'An authorization request without code_challenge got an authorization code: the server does not require PKCE (OAuth 2.1 §4.1.1, MCP authorization), so an intercepted code can be redeemed. Server side: refuse authorization requests without code_challenge.');
        break;
      case 'PRB-12':
        add(c, 'warning', 'An authorization request with code_challenge_method=plain got an authorization code. MCP clients must use S256; plain gives no protection once the request is seen. Server side: accept S256 only.');
        break;
      case 'PRB-11':
        add(c, 'error', 'A token request with the wrong code_verifier got tokens: the server does not verify PKCE (RFC 7636 §4.6). Server side: compare the verifier with the code_challenge of the authorization request.');
        break;
      case 'PRB-13':
        add(c, 'error', `The server redirected to a redirect URI the client never registered, ${c.name.replace(/^redirect_uri: /, '')}: ${c.why}. Redirect URIs must match exactly (OAuth 2.1 §2.3.1), or codes go where an attacker says. Server side: compare redirect_uri with the registered ones as strings.`);
        break;
      case 'PRB-14':
        add(c, 'warning', `A loopback redirect URI on another port was not taken (${c.why}). Native clients listen on whatever port is free; RFC 8252 §7.3 and OAuth 2.1 §8.4.2 ask servers to allow any port for loopback IP redirect URIs. Server side: ignore the port when matching loopback redirect URIs.`);
        break;
      case 'PRB-15': {
        const isIss = c.name.startsWith('iss');
        const promised = as.authorization_response_iss_parameter_supported === true;
        if (!isIss) add(c, 'error', `The authorization response did not return state as sent (${c.why}): clients refuse it (RFC 6749 §4.1.2). Server side: return state unchanged.`);
        else if (promised || !c.why.startsWith('no iss')) add(c, 'error', `The authorization response has ${c.why.replace(/^no iss/, 'no iss')}${promised ? ' (RFC 9207 §2.4 then requires it): clients that check it refuse the response' : ': clients that check iss refuse the response'}. Server side: send iss equal to the issuer.`);
        else add(c, 'info', 'The authorization response has no iss, and the metadata does not promise one: clients cannot detect mix-up attacks (RFC 9207). Server side: send iss and advertise authorization_response_iss_parameter_supported.');
        break;
      }
      case 'PRB-16':
        add(c, 'error', `The MCP server took a token that was not issued for it: ${c.why}. Any token of the authorization server works here, including one issued to another API (RFC 8707, MCP authorization: token audience). Server side: check that aud names this MCP server.`);
        break;
      case 'PRB-17':
        add(c, c.why.includes('rotated, yet') ? 'error' : 'warning', `${c.why[0]!.toUpperCase()}${c.why.slice(1)}. OAuth 2.1 §4.3.1: a public client's refresh tokens are sender-constrained or rotated, and a replaced one is refused, so a stolen one stops working. Server side: rotate refresh tokens for public clients and refuse the ones replaced.`);
        break;
    }
  }
  return findings;
}
