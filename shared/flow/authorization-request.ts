// The authorization request a client sends (OAuth 2.1 §4.1.1): code flow, PKCE S256, a fresh state.
import * as oauth from 'oauth4webapi';

export interface AuthorizationRequest {
  url: URL;
  state: string;
  codeVerifier: string;
}

export async function authorizationRequest(
  endpoint: string,
  { clientId, redirectUri, scope, resource }: { clientId: string; redirectUri: string; scope?: string; resource?: string },
): Promise<AuthorizationRequest> {
  const codeVerifier = oauth.generateRandomCodeVerifier();
  const state = oauth.generateRandomState();
  const url = new URL(endpoint);
  url.searchParams.set('response_type', 'code');
  url.searchParams.set('client_id', clientId);
  url.searchParams.set('redirect_uri', redirectUri);
  url.searchParams.set('code_challenge', await oauth.calculatePKCECodeChallenge(codeVerifier));
  url.searchParams.set('code_challenge_method', 'S256');
  url.searchParams.set('state', state);
  if (scope) url.searchParams.set('scope', scope);
  if (resource) url.searchParams.set('resource', resource);
  return { url, state, codeVerifier };
}
