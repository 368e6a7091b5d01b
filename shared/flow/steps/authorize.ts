import * as oauth from 'oauth4webapi';
import { grantOf } from '../grant.js';
import { type ClientBehaviour, type HttpRequest } from '../../model.js';
import { authorizationRequest } from '../authorization-request.js';
import { followRedirects, MAX_HOPS } from '../follow-redirects.js';
import { StepFailure, type StepDefinition, type StepRuntime } from '../context.js';
import { requireResponse, statusLine } from '../responses.js';

/** How long a person has to log in in their browser. */
const INTERACTIVE_TIMEOUT_MS = 5 * 60_000;

/** MCP 2025-11-25 scope selection: the challenged scope, else all of scopes_supported, else none. */
export function selectScope(rt: StepRuntime): string | undefined {
  if (rt.state.scopes.length > 0) return rt.state.scopes.join(' ');
  const client = rt.config.client;
  if (client && !rt.config.scope) return imitatedScope(rt, client);
  // MCP scope selection: the challenge's scope, else the resource's scopes_supported, else none.
  // Started from an authorization server there is neither: its own scopes_supported stands in.
  const fromServer = rt.config.target.kind === 'issuer' ? rt.state.as?.scopes_supported?.filter((s) => typeof s === 'string').join(' ') : undefined;
  const chosen = rt.config.scope ?? rt.state.challenge?.scope ?? rt.state.resourceMetadata?.scopes_supported?.join(' ') ?? fromServer;
  return chosen?.trim() || undefined;
}

/** The scope a real client asks for: its own rule, then offline_access where it adds that. */
function imitatedScope(rt: StepRuntime, client: ClientBehaviour): string | undefined {
  const asScopes = (rt.state.as?.scopes_supported ?? []).filter((s): s is string => typeof s === 'string');
  const base =
    client.scope === 'none'
      ? []
      : client.scope === 'as-scopes'
        ? asScopes
        : client.scope === 'prm-scopes'
          ? (rt.state.resourceMetadata?.scopes_supported ?? []).filter((s): s is string => typeof s === 'string')
          : (rt.state.challenge?.scope ?? rt.state.resourceMetadata?.scopes_supported?.join(' ') ?? (rt.config.target.kind === 'issuer' ? asScopes.join(' ') : '')).split(' ').filter(Boolean);
  const scopes = client.offlineAccess && asScopes.includes('offline_access') && !base.includes('offline_access') ? [...base, 'offline_access'] : base;
  return scopes.length > 0 ? scopes.join(' ') : undefined;
}

export const authorizeStep: StepDefinition = {
  name: 'authorize',
  async prepare(rt) {
    const grant = grantOf(rt.config, rt.state.as);
    if (grant !== 'authorization_code') return { kind: 'skip', summary: `${grant === 'jwt_bearer' ? 'JWT bearer grant: the workload\'s assertion stands' : 'client credentials grant: the client acts'} for itself, no user authorizes it` };
    const { as, client, listener } = rt.state;
    if (!as?.authorization_endpoint || !client || !listener) throw new StepFailure('STEP_PRECONDITION', 'authorization needs metadata and a client: run the earlier steps first');
    const scope = selectScope(rt);
    const redirectUri = listener.redirectUri;
    const { url, state, codeVerifier } = await authorizationRequest(as.authorization_endpoint, { clientId: client.client_id, redirectUri, ...(scope && { scope }), ...(rt.state.resource && { resource: rt.state.resource }) });
    rt.write({
      authorization: { url: url.href, state, codeVerifier, redirectUri, ...(scope && { scope }), ...(rt.state.resource && { resource: rt.state.resource }) },
      ...(scope && { scopes: scope.split(' ') }),
    });
    return { kind: 'request', request: { method: 'GET', url: url.href, headers: [{ name: 'Accept', value: 'text/html,application/xhtml+xml' }] } };
  },
  async execute(rt, request) {
    const auth = rt.state.authorization!;
    const callbackUrl = rt.config.headless ? await followHeadless(rt, request, auth.redirectUri) : await viaBrowser(rt, request);
    const params = new URL(callbackUrl);
    // A client that drops iss unread still meets a server that promised it (RFC 9207 §2.4 then requires it).
    if (rt.config.client?.iss === 'ignore') params.searchParams.delete('iss');
    let validated: URLSearchParams;
    try {
      // The iss parameter is compared with the issuer the client set out to use (RFC 9207 §2.4).
      validated = oauth.validateAuthResponse({ ...rt.state.as!, issuer: rt.state.issuer! } as oauth.AuthorizationServer, { client_id: rt.state.client!.client_id }, params, auth.state);
    } catch (e) {
      const error = params.searchParams.get('error');
      if (error) {
        const description = params.searchParams.get('error_description');
        throw new StepFailure('AUTHORIZE_DENIED', `The authorization server refused the request: ${error}${description ? ` (${description})` : ''}.`, 'Check the client_id, redirect_uri, scope and resource in the authorize request.');
      }
      throw new StepFailure('AUTHORIZE_CALLBACK_INVALID', `The callback did not validate: ${(e as Error).message}.`, 'See the callback exchange: state must match, and iss must equal the issuer (RFC 9207).');
    }
    const code = validated.get('code');
    if (!code) throw new StepFailure('AUTHORIZE_NO_CODE', 'The callback carries no authorization code.');
    rt.write({ code });
    return `authorization code received${params.searchParams.has('iss') ? `, iss ${params.searchParams.get('iss')}` : ''}`;
  },
};

async function viaBrowser(rt: StepRuntime, request: HttpRequest): Promise<string> {
  const listener = rt.state.listener!;
  rt.recordBrowser({ kind: 'opened', request, role: 'authorize', purpose: 'authorization request, opened in the browser for the user to log in' });
  const waiting = listener.wait({ timeoutMs: Math.max(rt.config.timeoutMs, INTERACTIVE_TIMEOUT_MS), signal: rt.signal });
  // Awaited below; if opening the browser fails first, its rejection must not go unhandled.
  waiting.catch(() => undefined);
  rt.setWaitingForBrowser(request.url);
  try {
    await rt.browser.open(request.url);
    const capture = await waiting;
    rt.recordBrowser({ kind: 'received', request: capture.request, response: capture.response, startedAt: capture.startedAt, role: 'callback', purpose: 'the browser returned to the loopback redirect URI' });
    return capture.request.url;
  } catch (e) {
    throw new StepFailure('AUTHORIZE_NO_CALLBACK', `No callback reached ${listener.redirectUri}: ${(e as Error).message}.`, 'Finish the login in the browser window, or run again; the listener waits five minutes.');
  } finally {
    rt.setWaitingForBrowser(undefined);
  }
}

/** Follows the redirect chain as a browser would (with its cookies) until the redirect URI. */
async function followHeadless(rt: StepRuntime, first: HttpRequest, redirectUri: string): Promise<string> {
  const listener = rt.state.listener!;
  const outcome = await followRedirects(
    first,
    async (request, hop) => requireResponse(await rt.send(request, hop === 0 ? 'authorize' : 'authorize-redirect', hop === 0 ? 'authorization request (headless)' : 'following the redirect chain'), request.url),
    (next) => !sameEndpoint(next, redirectUri),
  );
  if (outcome.kind === 'stopped') {
    // Cookies ignore ports: the authorization server's must not reach our own loopback listener.
    const request: HttpRequest = { method: 'GET', url: outcome.location.href, headers: [{ name: 'Accept', value: 'text/html,application/xhtml+xml' }] };
    const waiting = listener.wait({ timeoutMs: rt.config.timeoutMs, signal: rt.signal });
    waiting.catch(() => undefined);
    requireResponse(await rt.send(request, 'callback', 'redirect to the loopback redirect URI'), request.url);
    await waiting.catch(() => undefined);
    return request.url;
  }
  if (outcome.kind === 'too-many-redirects') throw new StepFailure('AUTHORIZE_TOO_MANY_REDIRECTS', `More than ${MAX_HOPS} redirects during authorization without reaching ${redirectUri}.`, 'The server may be redirecting in a loop.');
  const { url, response } = outcome;
  if (response.status === 200) {
    throw new StepFailure(
      'AUTHORIZE_LOGIN_REQUIRED',
      `${url} answered ${statusLine(response)} with a page instead of redirecting back: the server wants a person to log in or consent.`,
      'Run without --headless: Authtrace opens your browser and waits for the redirect.',
    );
  }
  throw new StepFailure('AUTHORIZE_UNEXPECTED_RESPONSE', `${url} answered ${statusLine(response)} during authorization; expected a redirect to ${redirectUri}.`, 'Read the response body for the server\'s reason.');
}

function sameEndpoint(url: URL, redirectUri: string): boolean {
  const r = new URL(redirectUri);
  return url.origin === r.origin && url.pathname === r.pathname;
}
