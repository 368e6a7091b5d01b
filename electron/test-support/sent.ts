// What a client sent, reduced to what a client profile claims: discovery order, the registration
// body, the token request's client authentication, scope and resource, and the MCP headers. The
// same reading for a real client's recorded requests and for an Authtrace session.
import { readClientAuth } from '../../shared/interpret/client-auth.js';
import { headerValue, type HttpRequest, type Session } from '../../shared/model.js';

export interface Sent {
  /** The well-known documents fetched, in order, as paths. */
  discovery: string[];
  registration: { token_endpoint_auth_method?: unknown; scope?: unknown; application_type?: unknown; grant_types?: unknown; redirectUriSchemes: string[] } | undefined;
  token: { method: string | null; scope: string | null; resource: string | null } | undefined;
  mcpProtocolVersion: string | undefined;
}

export function sentBy(requests: readonly HttpRequest[]): Sent {
  const discovery = requests.filter((r) => r.method === 'GET' && new URL(r.url).pathname.startsWith('/.well-known/')).map((r) => new URL(r.url).pathname);
  const dcr = requests.find((r) => r.method === 'POST' && new URL(r.url).pathname === '/register');
  const body = dcr?.body ? (JSON.parse(dcr.body) as Record<string, unknown>) : undefined;
  const token = requests.find((r) => r.method === 'POST' && new URL(r.url).pathname === '/token' && new URLSearchParams(r.body ?? '').get('grant_type') === 'authorization_code');
  const form = new URLSearchParams(token?.body ?? '');
  const mcp = requests.filter((r) => r.method === 'POST' && new URL(r.url).pathname === '/mcp' && headerValue(r.headers, 'authorization'));
  return {
    discovery: [...new Set(discovery)],
    registration: body && {
      token_endpoint_auth_method: body.token_endpoint_auth_method,
      scope: body.scope,
      application_type: body.application_type,
      grant_types: body.grant_types,
      redirectUriSchemes: (Array.isArray(body.redirect_uris) ? body.redirect_uris : []).map((u) => new URL(String(u)).protocol),
    },
    token: token && { method: readClientAuth(token).used ?? null, scope: form.get('scope'), resource: form.get('resource') },
    mcpProtocolVersion: mcp.map((r) => headerValue(r.headers, 'mcp-protocol-version')).find((v) => v !== undefined),
  };
}

export function sentInSession(session: Session): Sent {
  return sentBy(session.exchanges.map((e) => e.request));
}
