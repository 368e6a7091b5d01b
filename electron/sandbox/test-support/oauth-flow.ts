import * as oauth from 'oauth4webapi';
import { CookieJar } from '../../../shared/http/cookie-jar.js';

export const insecure = { [oauth.allowInsecureRequests]: true } as const;

export async function discover(issuer: string): Promise<oauth.AuthorizationServer> {
  const issuerUrl = new URL(issuer);
  const response = await oauth.discoveryRequest(issuerUrl, { algorithm: 'oauth2', ...insecure });
  return oauth.processDiscoveryResponse(issuerUrl, response);
}

export interface Registration {
  status: number;
  headers: Headers;
  body: Record<string, unknown>;
}

export async function register(as: oauth.AuthorizationServer, metadata: Record<string, unknown>): Promise<Registration> {
  if (!as.registration_endpoint) throw new Error('no registration_endpoint');
  const response = await fetch(as.registration_endpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify(metadata),
  });
  return { status: response.status, headers: response.headers, body: (await response.json()) as Record<string, unknown> };
}

/** Follows the authorization endpoint's redirects like a browser until they reach the redirect URI. */
export async function authorize(authorizationUrl: URL, redirectUri: string, jar = new CookieJar()): Promise<URL> {
  const callbackPrefix = new URL(redirectUri);
  let url = authorizationUrl;
  for (let hop = 0; hop < 12; hop++) {
    const cookie = jar.header(url);
    const response = await fetch(url, { redirect: 'manual', headers: cookie ? { cookie } : {} });
    jar.store(url, response.headers.getSetCookie());
    const location = response.headers.get('location');
    if (response.status < 300 || response.status >= 400 || !location) {
      throw new Error(`authorization stopped at ${url.href} with ${response.status}: ${await response.text()}`);
    }
    url = new URL(location, url);
    if (url.hostname === callbackPrefix.hostname && url.pathname === callbackPrefix.pathname) return url;
  }
  throw new Error('too many redirects');
}

export interface CodeFlowOptions {
  as: oauth.AuthorizationServer;
  client: oauth.Client;
  clientAuth: oauth.ClientAuth;
  redirectUri: string;
  resource: string;
  scope: string;
  /** Where the user agent is sent back; defaults to redirectUri (differs for the loopback port test). */
  actualRedirectUri?: string;
}

export interface CodeFlowResult {
  callback: URL;
  tokens: oauth.TokenEndpointResponse;
  tokenResponse: Response;
}

export async function authorizationCodeFlow(options: CodeFlowOptions): Promise<CodeFlowResult> {
  const { as, client, clientAuth, resource, scope } = options;
  const redirectUri = options.actualRedirectUri ?? options.redirectUri;
  const verifier = oauth.generateRandomCodeVerifier();
  const state = oauth.generateRandomState();
  const url = new URL(as.authorization_endpoint ?? '');
  url.search = new URLSearchParams({
    response_type: 'code',
    client_id: client.client_id,
    redirect_uri: redirectUri,
    scope,
    resource,
    state,
    code_challenge: await oauth.calculatePKCECodeChallenge(verifier),
    code_challenge_method: 'S256',
  }).toString();
  const callback = await authorize(url, redirectUri);
  const params = oauth.validateAuthResponse(as, client, callback, state);
  const tokenResponse = await oauth.authorizationCodeGrantRequest(as, client, clientAuth, params, redirectUri, verifier, {
    additionalParameters: { resource },
    ...insecure,
  });
  const copy = tokenResponse.clone();
  const tokens = await oauth.processAuthorizationCodeResponse(as, client, tokenResponse);
  return { callback, tokens, tokenResponse: copy };
}

export type TestAuthMethod = 'none' | 'client_secret_basic' | 'client_secret_post' | 'private_key_jwt' | 'client_secret_jwt';

export interface RegisteredClient {
  client: oauth.Client;
  clientAuth: oauth.ClientAuth;
  secret: string;
  registration: Registration;
}

/** Registers through DCR with the given method and returns the oauth4webapi client authentication for it. */
export async function registerClient(
  as: oauth.AuthorizationServer,
  method: TestAuthMethod,
  redirectUri: string,
  grantTypes = ['authorization_code', 'refresh_token'],
): Promise<RegisteredClient> {
  const metadata: Record<string, unknown> = {
    client_name: `sandbox test (${method})`,
    redirect_uris: [redirectUri],
    grant_types: grantTypes,
    token_endpoint_auth_method: method,
  };
  let privateKey: CryptoKey | undefined;
  if (method === 'private_key_jwt') {
    const pair = await oauth.generateKeyPair('ES256', { extractable: true });
    privateKey = pair.privateKey;
    metadata.jwks = { keys: [{ ...(await crypto.subtle.exportKey('jwk', pair.publicKey)), alg: 'ES256', use: 'sig' }] };
    metadata.token_endpoint_auth_signing_alg = 'ES256';
  }
  if (method === 'client_secret_jwt') metadata.token_endpoint_auth_signing_alg = 'HS256';

  const registration = await register(as, metadata);
  if (registration.status >= 300) throw new Error(`registration failed: ${JSON.stringify(registration.body)}`);
  const secret = String(registration.body.client_secret ?? '');
  const clientAuth = {
    none: () => oauth.None(),
    client_secret_basic: () => oauth.ClientSecretBasic(secret),
    client_secret_post: () => oauth.ClientSecretPost(secret),
    client_secret_jwt: () => oauth.ClientSecretJwt(secret),
    private_key_jwt: () => oauth.PrivateKeyJwt(privateKey as CryptoKey),
  }[method]();
  return { client: { client_id: String(registration.body.client_id) }, clientAuth, secret, registration };
}

/** A token request with a made-up code: enough to see how the client authentication is judged. */
export function tokenRequestWith(
  as: oauth.AuthorizationServer,
  credentials: { clientId: string; basicSecret?: string; postSecret?: string },
): Promise<Response> {
  const form = new URLSearchParams({ grant_type: 'authorization_code', code: 'not-a-real-code', redirect_uri: 'http://127.0.0.1/cb', code_verifier: 'x'.repeat(43) });
  const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded' };
  if (credentials.basicSecret !== undefined) {
    const user = encodeURIComponent(credentials.clientId);
    const password = encodeURIComponent(credentials.basicSecret);
    headers.authorization = `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
  } else {
    form.set('client_id', credentials.clientId);
  }
  if (credentials.postSecret !== undefined) form.set('client_secret', credentials.postSecret);
  return fetch(as.token_endpoint ?? '', { method: 'POST', headers, body: form });
}
