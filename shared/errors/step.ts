// Codes of the ways a step of the flow fails. The step error's message names the URL and what
// was expected; the code says which of these it was.
export const STEP_CODES = {
  HTTP_CONNECTION_REFUSED: 'Nothing listens at the host and port of the URL.',
  HTTP_DNS: 'The host name does not resolve.',
  HTTP_TIMEOUT: 'The server did not answer in time.',
  HTTP_TLS: 'The TLS handshake failed (certificate or protocol).',
  HTTP_RESET: 'The server closed the connection before answering.',
  HTTP_INVALID_URL: 'The URL cannot be requested (not http or https, or malformed).',
  HTTP_NETWORK_ERROR: 'The request failed on the network for another reason.',
  NETWORK_POLICY_BLOCKED: 'Not sent: a server handed over a URL on your own network (loopback, private, link-local) while the target is public; --allow-private-targets consents.',
  STEP_PRECONDITION: 'The step needs what an earlier step finds: run the earlier steps first.',
  CONFIG_MISSING: 'The chosen configuration needs a value that was not given (a client id, a key, a document URL).',
  URL_INVALID: 'A URL the server published is not an absolute http(s) URL.',
  PROBE_UNEXPECTED_STATUS: 'The unauthenticated MCP request was answered with 403, 404 or 5xx instead of a 401 challenge.',
  PROBE_NOT_MCP: 'The MCP endpoint answered with an HTML page (a login wall, or a URL that is not the MCP endpoint).',
  PRM_NO_AUTHORIZATION_SERVERS: 'The protected resource metadata names no authorization server.',
  RESOURCE_MISMATCH: 'The protected resource metadata names a resource that is not the MCP server (nor a prefix of its URL on the same origin); a compliant client stops (RFC 9728 §3.3).',
  ISSUER_MISMATCH: 'The authorization server metadata names another issuer than the one its URL was built from; a compliant client stops (RFC 8414 §3.3).',
  PRM_NOT_FOUND: 'No usable protected resource metadata was found at any well-known URL.',
  METADATA_NOT_FOUND: 'No authorization server metadata was found at any well-known URL.',
  METADATA_MISSING_ENDPOINTS: 'The authorization server metadata lacks the authorization or token endpoint.',
  REGISTRATION_UNAVAILABLE: 'The authorization server offers no way for this client to register (no registration_endpoint).',
  REGISTRATION_REJECTED: 'The registration endpoint refused to register the client.',
  REGISTRATION_INVALID_RESPONSE: 'The registration response is not a JSON object with a client_id.',
  CLIENT_SECRET_MISSING: 'The chosen method needs a client secret, and the client has none.',
  PRIVATE_KEY_INVALID: 'The private key for private_key_jwt cannot be read or is of an unsupported type.',
  AUTHORIZE_DENIED: 'The authorization server answered the authorization request with an error.',
  AUTHORIZE_CALLBACK_INVALID: 'The authorization response did not validate (state or iss).',
  AUTHORIZE_NO_CODE: 'The authorization response carries no code.',
  AUTHORIZE_NO_CALLBACK: 'No authorization response reached the redirect URI.',
  AUTHORIZE_LOGIN_REQUIRED: 'The headless authorization reached a login or consent page that needs a person (run without --headless).',
  AUTHORIZE_UNEXPECTED_RESPONSE: 'During the headless authorization, a server answered with something other than a redirect or a login form.',
  AUTHORIZE_TOO_MANY_REDIRECTS: 'The headless authorization followed too many redirects without reaching the redirect URI.',
  TOKEN_INVALID_CLIENT: 'The token endpoint did not accept the client authentication (invalid_client).',
  TOKEN_INVALID_GRANT: 'The token endpoint did not accept the code or refresh token (invalid_grant).',
  TOKEN_REJECTED: 'The token endpoint answered with another error.',
  TOKEN_INVALID_RESPONSE: 'The token response is not a JSON object, or has no access_token.',
  MCP_UNAUTHORIZED: 'The MCP server refused the access token (401).',
  MCP_INSUFFICIENT_SCOPE: 'The MCP server asked for more scope (403 insufficient_scope).',
  MCP_REVISION_REFUSED: 'The MCP server does not speak the pinned protocol revision.',
  MCP_TOOL_ERROR: 'The MCP tool call returned an error result.',
  MCP_REQUEST_FAILED: 'The MCP request failed for another reason.',
  RUN_DEADLINE: 'The run deadline passed; the run stopped where it was, and what happened so far is recorded.',
  RUN_INTERRUPTED: 'The run was interrupted (Ctrl+C or a termination signal); what happened so far is recorded.',
  STEP_FAILED: 'The step failed; the recording it was read from does not say how (a HAR written before error codes existed).',
} as const;

export type StepCode = keyof typeof STEP_CODES;

const NETWORK: Record<'connection-refused' | 'dns' | 'timeout' | 'tls' | 'reset' | 'invalid-url' | 'blocked' | 'other', StepCode> = {
  'connection-refused': 'HTTP_CONNECTION_REFUSED',
  dns: 'HTTP_DNS',
  timeout: 'HTTP_TIMEOUT',
  tls: 'HTTP_TLS',
  reset: 'HTTP_RESET',
  'invalid-url': 'HTTP_INVALID_URL',
  blocked: 'NETWORK_POLICY_BLOCKED',
  other: 'HTTP_NETWORK_ERROR',
};

/** The code of a request that failed on the network (model.ts NetworkErrorCode). */
export function networkErrorCode(code: keyof typeof NETWORK): StepCode {
  return NETWORK[code];
}

/** The code of a token endpoint error response, from its OAuth `error`. */
export function tokenErrorCode(error: string | undefined): StepCode {
  if (error === 'invalid_client') return 'TOKEN_INVALID_CLIENT';
  if (error === 'invalid_grant') return 'TOKEN_INVALID_GRANT';
  return 'TOKEN_REJECTED';
}
