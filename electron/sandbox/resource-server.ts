import {
  bearerAuthChallengeResponse,
  getOAuthProtectedResourceMetadataUrl,
  hostHeaderValidationResponse,
  localhostAllowedHostnames,
  verifyBearerToken,
  type AuthInfo,
} from '@modelcontextprotocol/server';
import type { AccessTokenVerifier } from './access-tokens.js';
import { applyChallengeFault, CHALLENGE_SCOPE, missingTokenChallenge } from './challenge.js';
import type { McpEndpoint } from './mcp-server.js';
import type { ProfileBehaviour } from './profiles.js';
import { RESOURCE_SCOPES } from './authorization-server.js';

const PROTECTED_RESOURCE_ROOT = '/.well-known/oauth-protected-resource';

export interface ResourceServerOptions {
  mcpUrl: URL;
  issuer: string;
  profile: string;
  behaviour: ProfileBehaviour;
  verifier: AccessTokenVerifier;
  endpoint: McpEndpoint;
}

export interface ResourceServer {
  /** Whether this server answers the path (the rest of the origin may belong to the authorization server). */
  owns(pathname: string): boolean;
  fetch(request: Request): Promise<Response>;
}

function json(body: unknown, status: number, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json', 'access-control-allow-origin': '*', ...headers },
  });
}

function withChallengeFault(response: Response, behaviour: ProfileBehaviour): Response {
  const challenge = response.headers.get('www-authenticate');
  if (!challenge) return response;
  const headers = new Headers(response.headers);
  headers.set('www-authenticate', applyChallengeFault(behaviour, challenge));
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
}

/** The MCP origin: RFC 9728 metadata, the bearer gate, and the MCP endpoint behind it. */
export function createResourceServer(options: ResourceServerOptions): ResourceServer {
  const { mcpUrl, behaviour, verifier, endpoint } = options;
  const resourceMetadataUrl = getOAuthProtectedResourceMetadataUrl(mcpUrl);
  const metadataPaths = new Set([PROTECTED_RESOURCE_ROOT, new URL(resourceMetadataUrl).pathname]);
  const metadata = {
    resource: behaviour.resourceMismatch ? new URL('/other-mcp', mcpUrl).href : mcpUrl.href,
    authorization_servers: [options.issuer],
    scopes_supported: [...RESOURCE_SCOPES],
    bearer_methods_supported: ['header'],
    resource_name: `Authtrace sandbox (${options.profile})`,
  };

  async function authenticate(request: Request): Promise<AuthInfo | Response> {
    const authorization = request.headers.get('authorization');
    if (!authorization) {
      return json(
        { error: 'invalid_request', error_description: 'an access token is required' },
        401,
        { 'www-authenticate': missingTokenChallenge(behaviour, resourceMetadataUrl) },
      );
    }
    const gate = { verifier, requiredScopes: [CHALLENGE_SCOPE], resourceMetadataUrl, expectedResource: mcpUrl };
    try {
      return await verifyBearerToken(authorization, gate);
    } catch (error) {
      return bearerAuthChallengeResponse(error, gate);
    }
  }

  async function serveMcp(request: Request): Promise<Response> {
    const rejected = hostHeaderValidationResponse(request, localhostAllowedHostnames());
    if (rejected) return rejected;
    const authInfo = await authenticate(request);
    if (authInfo instanceof Response) return withChallengeFault(authInfo, behaviour);
    return withChallengeFault(await endpoint.fetch(request, { authInfo }), behaviour);
  }

  return {
    owns: (pathname) => pathname === mcpUrl.pathname || metadataPaths.has(pathname),
    async fetch(request) {
      const { pathname } = new URL(request.url);
      if (metadataPaths.has(pathname)) {
        if (behaviour.legacy20250326) return json({ error: 'not_found' }, 404);
        if (request.method !== 'GET' && request.method !== 'HEAD') return json({ error: 'method_not_allowed' }, 405, { allow: 'GET, HEAD' });
        return json(metadata, 200);
      }
      if (pathname === mcpUrl.pathname) return serveMcp(request);
      return json({ error: 'not_found' }, 404);
    },
  };
}
