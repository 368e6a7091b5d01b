// Which grant the flow uses: the authorization code grant with a user; the client credentials
// grant (OAuth 2.1 §4.2, the MCP client credentials extension) for a machine client; or the JWT
// bearer grant (RFC 7523 §2.1, the MCP workload identity extension) with a workload's assertion.
import type { Grant, SessionConfig } from '../model.js';
import type { AuthorizationServerMetadata } from './context.js';

export const JWT_BEARER = 'urn:ietf:params:oauth:grant-type:jwt-bearer';
export const TOKEN_EXCHANGE = 'urn:ietf:params:oauth:grant-type:token-exchange';

/**
 * Asked for with `grant`; else, when the authorization server offers no authorization_code,
 * the JWT bearer grant if it offers it and an assertion was given, or client_credentials if offered.
 */
export function grantOf(config: Pick<SessionConfig, 'grant' | 'assertion' | 'identityAssertion'>, as: AuthorizationServerMetadata | undefined): Grant {
  if (config.grant) return config.grant;
  const grants = as?.grant_types_supported;
  if (!Array.isArray(grants) || grants.includes('authorization_code')) return 'authorization_code';
  if (grants.includes(JWT_BEARER) && (config.assertion || config.identityAssertion)) return 'jwt_bearer';
  if (grants.includes('client_credentials')) return 'client_credentials';
  return 'authorization_code';
}

/** A grant without a user: no authorization request, no browser. */
export function withoutUser(config: Pick<SessionConfig, 'grant' | 'assertion' | 'identityAssertion'>, as: AuthorizationServerMetadata | undefined): boolean {
  return grantOf(config, as) !== 'authorization_code';
}
