// Which grant the flow uses: the authorization code grant with a user, or the client credentials
// grant (OAuth 2.1 §4.2; the MCP client credentials extension) for a machine client.
import type { SessionConfig } from '../model.js';
import type { AuthorizationServerMetadata } from './context.js';

/** Asked for with `grant`, else when the authorization server offers client_credentials and not authorization_code. */
export function usesClientCredentials(config: Pick<SessionConfig, 'grant'>, as: AuthorizationServerMetadata | undefined): boolean {
  if (config.grant) return config.grant === 'client_credentials';
  const grants = as?.grant_types_supported;
  return Array.isArray(grants) && grants.includes('client_credentials') && !grants.includes('authorization_code');
}
