import type { HttpRequest } from '../../model.js';
import { tokenErrorCode } from '../../errors/step.js';
import { rawRegisteredMethod } from '../../interpret/auth-method.js';
import { readClientAuth } from '../../interpret/client-auth.js';
import { applyClientAuth } from '../client-auth-apply.js';
import { sendWithNonce, withProof } from '../dpop.js';
import { grantOf, JWT_BEARER, TOKEN_EXCHANGE } from '../grant.js';
import { selectScope } from './authorize.js';
import { advertisedMethods, StepFailure, type StepDefinition, type StepRuntime, type Tokens } from '../context.js';
import { chooseAuthMethod } from '../method-choice.js';
import { oauthError, readJsonObject, requireResponse, statusLine } from '../responses.js';

/** Builds a token request with the method chosen by DESIGN.md's order, and reports the choice. */
export async function tokenRequest(rt: StepRuntime, grant: URLSearchParams): Promise<HttpRequest> {
  const { as, client } = rt.state;
  if (!as?.token_endpoint || !client) throw new StepFailure('STEP_PRECONDITION', 'the token request needs metadata and a client: run the earlier steps first');
  const advertised = advertisedMethods(as);
  const reselect = rt.config.client && rt.config.client.tokenMethod !== 'as-registered' ? rt.config.client.tokenMethod : undefined;
  const choice = chooseAuthMethod({
    ...(rt.config.authMethod && { explicit: rt.config.authMethod }),
    registered: client.token_endpoint_auth_method,
    hasSecret: Boolean(client.client_secret),
    advertised,
    strategy: reselect ?? rt.config.strategy,
    ...(reselect && { reselect: true }),
  });
  rt.recordChoice({ method: choice.method, chosenBy: choice.chosenBy, reason: choice.reason });
  const body = new URLSearchParams(grant);
  const authHeaders = await applyClientAuth(choice.method, as, client, body, rt.config.privateKey);
  const request: HttpRequest = {
    method: 'POST',
    url: as.token_endpoint,
    headers: [
      { name: 'Content-Type', value: 'application/x-www-form-urlencoded' },
      { name: 'Accept', value: 'application/json' },
      ...authHeaders,
    ],
    body: body.toString(),
  };
  // RFC 9449 §5: a DPoP-bound token is asked for with a proof of the session key.
  return rt.state.dpop ? withProof(request, rt.state.dpop) : request;
}

/** Sends a token request and reads the tokens, failing with the server's reason and what to try. */
export async function sendTokenRequest(rt: StepRuntime, request: HttpRequest, role: 'token' | 'refresh'): Promise<Tokens> {
  const purpose = role === 'token' ? 'authorization code grant' : 'refresh token grant';
  const key = rt.state.dpop;
  const sent = await sendWithNonce(
    key,
    request,
    (r, again) => rt.send(r, role, again ? `${purpose}, again with the DPoP nonce the server asked for` : purpose),
    () => withProof(request, key!),
  );
  request = sent.request;
  const { result } = sent;
  const response = requireResponse(result, request.url);
  const json = readJsonObject(response);
  if (response.status < 200 || response.status >= 300) {
    const error = oauthError(response);
    const used = readClientAuth(request).used;
    const registered = rt.state.client?.token_endpoint_auth_method;
    const remembered = rawRegisteredMethod(rt.state.client);
    const invalidClient = error?.startsWith('invalid_client') ?? false;
    const code = tokenErrorCode(error?.split(':')[0]);
    const hint =
      invalidClient && used && registered === 'unknown' && remembered && remembered !== used
        ? `The stored client lost its method, and ${used} was picked instead; its registration response says ${remembered}. Restore the stored client's method to ${remembered} (or set the auth method to ${remembered}) and run the token step again (CLI: \`authtrace clients set-method ${rt.state.issuer} ${remembered}\`, or --auth-method ${remembered}).`
        : invalidClient && used && registered !== used
          ? `The client authenticated with ${used}, but it is registered as ${registered}. Set the auth method${registered === 'unknown' ? '' : ` to ${registered}`}, or restore the stored client's method, then run the token step again (CLI: --auth-method, \`authtrace clients set-method\`, --strategy).`
          : invalidClient
            ? 'The server did not accept the client credentials: check the client id, the secret and the authentication method.'
            : "Read the response body for the server's reason.";
    throw new StepFailure(code, `The token endpoint ${request.url} answered ${statusLine(response)}${error ? ` (${error})` : ''}.`, hint);
  }
  if (!json.ok) throw new StepFailure('TOKEN_INVALID_RESPONSE', `The token endpoint ${request.url} answered ${statusLine(response)} but ${json.reason}.`);
  const accessToken = json.value.access_token;
  if (typeof accessToken !== 'string' || !accessToken) {
    throw new StepFailure('TOKEN_INVALID_RESPONSE', `The token response from ${request.url} has no access_token (OAuth 2.1 §3.2.3).`);
  }
  const v = json.value;
  return {
    access_token: accessToken,
    ...(typeof v.token_type === 'string' && { token_type: v.token_type }),
    ...(typeof v.refresh_token === 'string' && { refresh_token: v.refresh_token }),
    ...(typeof v.scope === 'string' && { scope: v.scope }),
    ...(v.expires_in !== undefined && { expires_in: v.expires_in }),
  };
}

/** Reads the stored client again, as a real client reads its cache before each token request. */
async function refreshClientFromStore(rt: StepRuntime): Promise<void> {
  const current = rt.state.client;
  if (!current || !rt.state.issuer) return;
  const stored = await rt.clients.get(rt.state.issuer);
  if (!stored || stored.client_id !== current.client_id) return;
  // A client whose cache forgets the method still holds it in memory for the run that registered.
  const forgotten = rt.config.client?.cacheKeepsMethod === false && stored.token_endpoint_auth_method === 'unknown';
  rt.write({ client: forgotten ? { ...stored, token_endpoint_auth_method: current.token_endpoint_auth_method } : stored });
}

const ID_TOKEN_TYPE = 'urn:ietf:params:oauth:token-type:id_token';
const ID_JAG_TYPE = 'urn:ietf:params:oauth:token-type:id-jag';

/** Enterprise-managed authorization, first leg: the ID token for an ID-JAG at the IdP (RFC 8693). */
function identityAssertionExchange(rt: StepRuntime): HttpRequest {
  const ia = rt.config.identityAssertion!;
  const body = new URLSearchParams({
    grant_type: TOKEN_EXCHANGE,
    requested_token_type: ID_JAG_TYPE,
    subject_token: ia.idToken,
    subject_token_type: ID_TOKEN_TYPE,
    audience: rt.state.issuer ?? '',
  });
  if (rt.state.resource) body.set('resource', rt.state.resource);
  const scope = selectScope(rt);
  if (scope) body.set('scope', scope);
  if (ia.idpClientId) body.set('client_id', ia.idpClientId);
  return { method: 'POST', url: ia.idpTokenEndpoint, headers: [{ name: 'Content-Type', value: 'application/x-www-form-urlencoded' }, { name: 'Accept', value: 'application/json' }], body: body.toString() };
}

async function exchangeForIdJag(rt: StepRuntime, request: HttpRequest): Promise<string> {
  const result = await rt.send(request, 'other', 'identity assertion grant from the enterprise IdP (RFC 8693 token exchange)');
  const response = requireResponse(result, request.url);
  const json = readJsonObject(response);
  const jag = json.ok ? json.value.access_token : undefined;
  if (response.status !== 200 || typeof jag !== 'string') {
    throw new StepFailure('TOKEN_REJECTED', `The IdP's token endpoint ${request.url} answered ${statusLine(response)}${oauthError(response) ? ` (${oauthError(response)})` : ''} to the token exchange, without an ID-JAG.`, "Check the ID token (--id-token), the IdP's client id and the audience; read the response body for the IdP's reason.");
  }
  return jag;
}

/** Enterprise-managed authorization, second leg: the ID-JAG as the JWT bearer grant at the authorization server. */
async function jwtBearerRequest(rt: StepRuntime, assertion: string): Promise<HttpRequest> {
  const grant = new URLSearchParams({ grant_type: JWT_BEARER, assertion });
  const scope = selectScope(rt);
  if (scope) grant.set('scope', scope);
  if (rt.state.resource) grant.set('resource', rt.state.resource);
  return tokenRequest(rt, grant);
}

export const tokenStep: StepDefinition = {
  name: 'token',
  async prepare(rt) {
    await refreshClientFromStore(rt);
    const kind = grantOf(rt.config, rt.state.as);
    if (kind === 'jwt_bearer' && !rt.config.assertion && rt.config.identityAssertion) return { kind: 'request', request: identityAssertionExchange(rt) };
    if (kind !== 'authorization_code') {
      const grant = new URLSearchParams(kind === 'jwt_bearer' ? { grant_type: JWT_BEARER, assertion: rt.config.assertion ?? '' } : { grant_type: 'client_credentials' });
      const scope = selectScope(rt);
      if (scope) grant.set('scope', scope);
      if (rt.state.resource) grant.set('resource', rt.state.resource);
      return { kind: 'request', request: await tokenRequest(rt, grant) };
    }
    const { code, authorization } = rt.state;
    if (!code || !authorization) throw new StepFailure('STEP_PRECONDITION', 'no authorization code yet: run the authorize step first');
    const grant = new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: authorization.redirectUri, code_verifier: authorization.codeVerifier });
    if (authorization.resource) grant.set('resource', authorization.resource);
    return { kind: 'request', request: await tokenRequest(rt, grant) };
  },
  async execute(rt, request) {
    const idJag = new URLSearchParams(request.body ?? '').get('grant_type') === TOKEN_EXCHANGE ? await exchangeForIdJag(rt, request) : undefined;
    if (idJag) request = await jwtBearerRequest(rt, idJag);
    const tokens = await sendTokenRequest(rt, request, 'token');
    rt.write({ tokens });
    return `access token received (${tokens.token_type ?? 'no token_type'})${tokens.refresh_token ? ' with a refresh token' : ''}${tokens.scope ? `, scope "${tokens.scope}"` : ''}`;
  },
};

export const refreshStep: StepDefinition = {
  name: 'refresh',
  async prepare(rt) {
    await refreshClientFromStore(rt);
    const refreshToken = rt.state.tokens?.refresh_token;
    if (!refreshToken) return { kind: 'skip', summary: 'no refresh token was issued' };
    const grant = new URLSearchParams({ grant_type: 'refresh_token', refresh_token: refreshToken });
    if (rt.state.resource) grant.set('resource', rt.state.resource);
    const granted = rt.state.tokens?.scope ?? rt.state.scopes.join(' ');
    if (rt.config.client?.refreshScope && granted) grant.set('scope', granted);
    return { kind: 'request', request: await tokenRequest(rt, grant) };
  },
  async execute(rt, request) {
    const tokens = await sendTokenRequest(rt, request, 'refresh');
    const rotated = tokens.refresh_token && tokens.refresh_token !== rt.state.tokens?.refresh_token;
    // A refresh rotates the token step's credentials, as a client's token cache does: a re-run of
    // the refresh step sends the newest refresh token (the one a rotating server still honours).
    rt.write({ tokens: { ...tokens, refresh_token: tokens.refresh_token ?? rt.state.tokens?.refresh_token ?? '' } }, { owner: 'token' });
    return `new access token${rotated ? ', refresh token rotated' : ', refresh token not rotated'}`;
  },
};
