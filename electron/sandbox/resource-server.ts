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
import { createDpopGate, DPOP_ALGS, dpopChallenge } from './dpop-gate.js';
import type { McpEndpoint } from './mcp-server.js';
import type { ProfileBehaviour } from './profiles.js';
import { RESOURCE_SCOPES } from './authorization-server.js';

const PROTECTED_RESOURCE_ROOT = '/.well-known/oauth-protected-resource';

/** Which authorization server the resource metadata names; the as-migration profile moves it on. */
export interface AuthorizationServerChoice {
  current(): string;
  /** A token was refused; a pending migration happens now. */
  tokenRefused(): void;
}

export interface ResourceServerOptions {
  mcpUrl: URL;
  authorizationServer: AuthorizationServerChoice;
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
  const metadata = () => ({
    resource: behaviour.resourceMismatch ? new URL('/other-mcp', mcpUrl).href : mcpUrl.href,
    authorization_servers: [options.authorizationServer.current()],
    scopes_supported: [...RESOURCE_SCOPES],
    bearer_methods_supported: ['header'],
    resource_name: `Authtrace sandbox (${options.profile})`,
    ...(behaviour.dpop === 'required' && { dpop_signing_alg_values_supported: [...DPOP_ALGS], dpop_bound_access_tokens_required: true }),
  });
  const dpop = behaviour.dpop === 'required' ? createDpopGate() : undefined;

  async function authenticate(request: Request): Promise<AuthInfo | Response> {
    const authorization = request.headers.get('authorization');
    if (!authorization) {
      return json(
        { error: 'invalid_request', error_description: 'an access token is required' },
        401,
        { 'www-authenticate': dpop ? dpopChallenge(resourceMetadataUrl, { scope: CHALLENGE_SCOPE }) : missingTokenChallenge(behaviour, resourceMetadataUrl) },
      );
    }
    const gate = { verifier, requiredScopes: [CHALLENGE_SCOPE], resourceMetadataUrl, expectedResource: mcpUrl };
    // The accepts-any-token profile: a token is served without a look at it.
    if (!behaviour.tokenCheck && /^Bearer \S/i.test(authorization)) return { token: authorization.slice(7), clientId: 'unchecked', scopes: [...RESOURCE_SCOPES], resource: mcpUrl };
    if (!dpop) {
      try {
        return await verifyBearerToken(authorization, gate);
      } catch (error) {
        return bearerAuthChallengeResponse(error, gate);
      }
    }
    const verdict = await dpop.check(request);
    if (!verdict.ok) {
      return json({ error: verdict.error, error_description: verdict.description }, 401, {
        'www-authenticate': dpopChallenge(resourceMetadataUrl, { error: verdict.error, description: verdict.description }),
        ...(verdict.error === 'use_dpop_nonce' && { 'dpop-nonce': dpop.nonce }),
      });
    }
    let authInfo: AuthInfo;
    try {
      // The SDK checks the token itself (signature, audience, expiry, scope); DPoP adds the key binding.
      authInfo = await verifyBearerToken(`Bearer ${verdict.token}`, gate);
    } catch (error) {
      const answer = bearerAuthChallengeResponse(error, gate);
      const headers = new Headers(answer.headers);
      headers.set('www-authenticate', (headers.get('www-authenticate') ?? '').replace(/^Bearer\b/, `DPoP algs="${DPOP_ALGS.join(' ')}",`).replace(/,\s*$/, ''));
      return new Response(answer.body, { status: answer.status, headers });
    }
    if (authInfo.extra?.jkt !== verdict.thumbprint) {
      return json({ error: 'invalid_token', error_description: 'the access token is not bound to the key of this DPoP proof (cnf.jkt)' }, 401, {
        'www-authenticate': dpopChallenge(resourceMetadataUrl, { error: 'invalid_token', description: 'the access token is not bound to the key of this DPoP proof' }),
      });
    }
    return authInfo;
  }

  async function serveMcp(request: Request): Promise<Response> {
    const rejected = hostHeaderValidationResponse(request, localhostAllowedHostnames());
    if (rejected) return rejected;
    const authInfo = await authenticate(request);
    if (authInfo instanceof Response) {
      if (authInfo.status === 401 && request.headers.has('authorization')) options.authorizationServer.tokenRefused();
      return withChallengeFault(authInfo, behaviour);
    }
    return withChallengeFault(await endpoint.fetch(request, { authInfo }), behaviour);
  }

  return {
    owns: (pathname) => pathname === mcpUrl.pathname || metadataPaths.has(pathname),
    async fetch(request) {
      const { pathname } = new URL(request.url);
      if (metadataPaths.has(pathname)) {
        if (behaviour.legacy20250326) return json({ error: 'not_found' }, 404);
        if (request.method !== 'GET' && request.method !== 'HEAD') return json({ error: 'method_not_allowed' }, 405, { allow: 'GET, HEAD' });
        return json(metadata(), 200);
      }
      if (pathname === mcpUrl.pathname) return serveMcp(request);
      return json({ error: 'not_found' }, 404);
    },
  };
}
