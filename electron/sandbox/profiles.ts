export interface SandboxProfile {
  name: string;
  description: string;
}

export type AuthMethod = 'none' | 'client_secret_basic' | 'client_secret_post' | 'private_key_jwt' | 'client_secret_jwt';

export type MethodEnforcement = 'strict' | 'lenient';

/** What a profile changes on top of the real servers. Every field defaults to the `correct` behaviour. */
export interface ProfileBehaviour {
  /** token_endpoint_auth_methods_supported as advertised (the AS itself accepts all five). */
  advertisedMethods: readonly AuthMethod[];
  methodEnforcement: MethodEnforcement;
  /** The MCP endpoint speaks only 2025-11-25 (initialize handshake), like an older server. */
  legacyMcpOnly: boolean;
  omitPkceMetadata: boolean;
  /** The AS metadata carries an issuer that differs from the URL it was fetched from. */
  issuerMismatch: boolean;
  challenge: 'quoted' | 'unquoted' | 'no-resource-metadata';
  /** No RFC 9728 document, AS served from the MCP origin (the 2025-03-26 arrangement). */
  legacy20250326: boolean;
  /** admin-report demands mcp:admin with a 403 insufficient_scope challenge. */
  stepUp: boolean;
  /** The registration endpoint answers 200 without Cache-Control. */
  registration200: boolean;
  /** The protected resource metadata names another resource than the MCP server. */
  resourceMismatch: boolean;
  /** The metadata offers only the client credentials grant (machine clients). */
  clientCredentialsOnly: boolean;
  /** DPoP (RFC 9449): off (Bearer only, DPoP not advertised), or required with nonces at both servers. */
  dpop: 'off' | 'required';
  /** A second authorization server takes over once a token of the first is presented (SEP-2352). */
  asMigration: boolean;
  /** The token endpoint answers invalid_grant instead of invalid_client for a client it does not know. */
  invalidGrantForUnknownClient: boolean;
  /** PKCE: required and verified, or advertised and ignored (challenge and verifier dropped). */
  pkce: 'enforced' | 'ignored';
  /** How a redirect_uri is matched against the registered ones: exactly (loopback port aside), or by prefix. */
  redirectMatching: 'exact' | 'prefix';
  /** Whether the MCP server checks the token's audience; without the check the AS also issues tokens for any resource on the MCP origin. */
  audienceCheck: boolean;
  /** Whether refresh tokens are rotated (one-time use) for public clients. */
  refreshRotation: boolean;
  /** Whether the authorization response carries iss, as the metadata promises (RFC 9207). */
  issInResponse: boolean;
  /** Whether the MCP server verifies access tokens at all (without, any Bearer token is served). */
  tokenCheck: boolean;
  /** Registration that takes anything: dangerous or no redirect URIs, and the JWT methods turned into client_secret_basic. */
  laxRegistration: boolean;
  /** Methods advertised that the authorization server does not take (registration for them is refused). */
  unsupportedAdvertised: readonly AuthMethod[];
}

export const ALL_METHODS: readonly AuthMethod[] = [
  'client_secret_basic',
  'client_secret_post',
  'none',
  'private_key_jwt',
  'client_secret_jwt',
];

const CORRECT: ProfileBehaviour = {
  advertisedMethods: ALL_METHODS,
  methodEnforcement: 'strict',
  legacyMcpOnly: false,
  omitPkceMetadata: false,
  issuerMismatch: false,
  challenge: 'quoted',
  legacy20250326: false,
  stepUp: false,
  registration200: false,
  resourceMismatch: false,
  clientCredentialsOnly: false,
  dpop: 'off',
  asMigration: false,
  invalidGrantForUnknownClient: false,
  pkce: 'enforced',
  redirectMatching: 'exact',
  audienceCheck: true,
  refreshRotation: true,
  issInResponse: true,
  tokenCheck: true,
  laxRegistration: false,
  unsupportedAdvertised: [],
};

interface ProfileDefinition extends SandboxProfile {
  behaviour: ProfileBehaviour;
}

const DEFINITIONS: readonly ProfileDefinition[] = [
  {
    name: 'correct',
    description:
      'A well-behaved MCP server (2026-07-28 and 2025-11-25) with an oidc-provider authorization server: protected resource metadata, a quoted WWW-Authenticate challenge, dynamic client registration, client ID metadata documents, PKCE S256, resource indicators with JWT access tokens bound to the MCP URL (the authorization server also issues tokens for a second API at /other-api on the same origin, which the MCP server refuses), the iss authorization response parameter, refresh tokens, and all five token endpoint authentication methods advertised; each client must authenticate exactly with the method it registered.',
    behaviour: CORRECT,
  },
  {
    name: 'none-first',
    description:
      'Advertises token_endpoint_auth_methods_supported as ["none", "client_secret_post", "client_secret_basic"], in that order, and enforces the registered method strictly. A client that forgot how it registered and picks the first advertised method sends no secret and gets 401 invalid_client.',
    behaviour: { ...CORRECT, advertisedMethods: ['none', 'client_secret_post', 'client_secret_basic'] },
  },
  {
    name: 'omits-none',
    description:
      'Advertises only client_secret_post and client_secret_basic, yet its registration endpoint registers public clients with token_endpoint_auth_method "none" and its token endpoint accepts them (the MCP Python SDK metadata bug). Clients that trust the metadata conclude public clients are unsupported, or pick a secret method they have no secret for.',
    behaviour: { ...CORRECT, advertisedMethods: ['client_secret_post', 'client_secret_basic'] },
  },
  {
    name: 'lenient-methods',
    description:
      'Accepts any token endpoint authentication method whatever the client registered, as long as a secret that is sent is the right one; even a confidential client that sends only its client_id is let through. Everything works, which hides client bugs that a strict server will expose.',
    behaviour: { ...CORRECT, methodEnforcement: 'lenient' },
  },
  {
    name: 'legacy-2025-11-25',
    description:
      'The MCP endpoint only speaks 2025-11-25: it expects the initialize handshake and answers a 2026-07-28 request (server/discover with a protocol version in _meta and the MCP-Protocol-Version header) with 400 "Unsupported protocol version", as an older SDK server does. Negotiating clients must fall back to initialize. OAuth is the same as in correct.',
    behaviour: { ...CORRECT, legacyMcpOnly: true },
  },
  {
    name: 'no-pkce-metadata',
    description:
      'The authorization server metadata omits code_challenge_methods_supported, although the server still requires PKCE with S256. Clients that refuse to proceed without advertised PKCE support (as the MCP specification requires) stop at discovery; clients that skip PKCE fail at the authorization endpoint.',
    behaviour: { ...CORRECT, omitPkceMetadata: true },
  },
  {
    name: 'issuer-mismatch',
    description:
      'The authorization server metadata names its issuer as http://localhost:<port> while it is fetched from, and issues tokens as, http://127.0.0.1:<port>, so the issuer differs from the URL the document was fetched from (RFC 8414 section 3.3). Strict clients reject the metadata; lenient ones continue and then fail the iss check of the authorization response.',
    behaviour: { ...CORRECT, issuerMismatch: true },
  },
  {
    name: 'unquoted-challenge',
    description:
      'The 401 WWW-Authenticate header carries resource_metadata=http://... without quotes, which does not parse as an RFC 9110 auth-param because the URL contains characters a token may not. The well-known protected resource metadata URLs still work, so clients with a fallback recover.',
    behaviour: { ...CORRECT, challenge: 'unquoted' },
  },
  {
    name: 'no-resource-metadata-header',
    description:
      'The 401 answer carries a bare "WWW-Authenticate: Bearer" without resource_metadata or scope. Clients must find the protected resource metadata at the well-known URLs, which still work.',
    behaviour: { ...CORRECT, challenge: 'no-resource-metadata' },
  },
  {
    name: 'legacy-2025-03-26',
    description:
      'A 2025-03-26 style server: no protected resource metadata (404 at both well-known URLs) and a bare Bearer challenge; the authorization server lives on the MCP origin itself, with its metadata at /.well-known/oauth-authorization-server and the default /authorize, /token and /register endpoints.',
    behaviour: { ...CORRECT, legacy20250326: true, challenge: 'no-resource-metadata' },
  },
  {
    name: 'step-up',
    description:
      'The first challenge asks only for mcp:tools; the admin-report tool then needs mcp:admin as well and answers 403 with WWW-Authenticate: Bearer error="insufficient_scope", scope="mcp:tools mcp:admin". Clients must authorize again with the wider scope (refresh cannot widen it).',
    behaviour: { ...CORRECT, stepUp: true },
  },
  {
    name: 'dcr-200',
    description:
      'The registration endpoint answers 200 instead of 201 Created and without Cache-Control: no-store. The registration itself succeeds; strict clients reject the status, and the missing no-store leaves the client secret cacheable.',
    behaviour: { ...CORRECT, registration200: true },
  },
  {
    name: 'resource-mismatch',
    description:
      'The protected resource metadata names "resource": ".../other-mcp", not the MCP server it is served for. RFC 9728 §3.3 asks clients to reject it, so a compliant client stops before authorizing (PRM-01); --continue-on PRM-01 (in the app: Continue anyway) shows what a lenient client would do next.',
    behaviour: { ...CORRECT, resourceMismatch: true },
  },
  {
    name: 'client-credentials',
    description:
      'A machine-to-machine server: the authorization server metadata offers only the client_credentials grant and only confidential client authentication. A client registers with grant_types ["client_credentials"] and gets its token without a user or a browser (OAuth 2.1 §4.2, the MCP client credentials extension).',
    behaviour: { ...CORRECT, clientCredentialsOnly: true },
  },
  {
    name: 'dpop-required',
    description:
      'Sender-constrained tokens (RFC 9449): the authorization server advertises dpop_signing_alg_values_supported ["ES256"] and answers a token request without its nonce with 400 use_dpop_nonce; the MCP server accepts only DPoP-bound tokens, presented with the DPoP scheme and a fresh proof (htm, htu, ath) per request, and demands its own nonce with 401 use_dpop_nonce. A Bearer-only client gets 401 invalid_token.',
    behaviour: { ...CORRECT, dpop: 'required' },
  },
  {
    name: 'as-migration',
    description:
      'The MCP server moves to a new authorization server: its resource metadata names the first one until a token from it is presented, then answers 401 invalid_token and names the second one in authorization_servers. A compliant client discovers again, registers at the new server and never sends it the old client_id or tokens (credentials are bound to their issuer, SEP-2352).',
    behaviour: { ...CORRECT, asMigration: true },
  },
  {
    name: 'invalid-grant-for-unknown-client',
    description:
      'The token endpoint answers 400 invalid_grant, not invalid_client, to a client it does not know, as some servers do once they forgot a registration. SDK clients re-register only on invalid_client, so a client whose registration the server lost keeps failing (better-auth #11035, openai/codex #29630). authtrace probe finds it; a normal flow works.',
    behaviour: { ...CORRECT, invalidGrantForUnknownClient: true },
  },
  {
    name: 'pkce-not-enforced',
    description:
      'Advertises code_challenge_methods_supported ["S256"] but ignores PKCE: an authorization request without code_challenge, or with code_challenge_method=plain, gets a code, and the token endpoint issues tokens whatever code_verifier comes (or none). Every client works; an intercepted code is as good as a token. authtrace probe finds it (PRB-10, PRB-11, PRB-12).',
    behaviour: { ...CORRECT, pkce: 'ignored' },
  },
  {
    name: 'redirect-prefix-match',
    description:
      'Matches redirect_uri by prefix: any URI that begins with a registered one is accepted, so http://127.0.0.1:PORT/callback/anything receives the code. Every client works. authtrace probe finds it (PRB-13).',
    behaviour: { ...CORRECT, redirectMatching: 'prefix' },
  },
  {
    name: 'no-audience-check',
    description:
      'The MCP server accepts any access token its authorization server signed, whatever its audience, and the authorization server issues tokens for any resource on the MCP origin: a token issued for another API works here, and so does one asked without resource (issued for that other API by default). Every client works. authtrace probe finds it (PRB-16).',
    behaviour: { ...CORRECT, audienceCheck: false },
  },
  {
    name: 'iss-missing',
    description:
      'The metadata promises the iss authorization response parameter (authorization_response_iss_parameter_supported: true, RFC 9207), but the redirect back to the client carries none. Clients that check iss refuse the response at the authorize step; clients that ignore it work. authtrace probe finds it (PRB-15).',
    behaviour: { ...CORRECT, issInResponse: false },
  },
  {
    name: 'accepts-any-token',
    description:
      'The MCP server answers a request without a token with 401 and its challenge, as it should, but serves any Bearer token at all, even one its authorization server never issued. Every client works. authtrace probe finds it (PRB-07).',
    behaviour: { ...CORRECT, tokenCheck: false },
  },
  {
    name: 'lax-registration',
    description:
      'The registration endpoint takes anything: javascript: and data: redirect URIs, an authorization code client with no redirect URI at all, and a request for client_secret_jwt or private_key_jwt, which it silently registers as client_secret_basic. Clients that register none or a secret method work. authtrace probe finds it (PRB-08, PRB-09).',
    behaviour: { ...CORRECT, laxRegistration: true },
  },
  {
    name: 'advertises-unsupported-method',
    description:
      'Advertises client_secret_jwt among token_endpoint_auth_methods_supported, but its authorization server does not take it: a registration that asks for it is refused with invalid_client_metadata. Clients that pick another method work. authtrace probe finds it (PRB-02).',
    behaviour: { ...CORRECT, unsupportedAdvertised: ['client_secret_jwt'] },
  },
  {
    name: 'refresh-reuse-allowed',
    description:
      'Refresh tokens are never rotated, so a public client\'s refresh token can be used again and again (OAuth 2.1 §4.3.1 asks for rotation or sender-constrained tokens). Every client works. authtrace probe finds it (PRB-17).',
    behaviour: { ...CORRECT, refreshRotation: false },
  },
];

export const SANDBOX_PROFILES: readonly SandboxProfile[] = DEFINITIONS.map(({ name, description }) => ({ name, description }));

export function profileBehaviour(name: string): ProfileBehaviour {
  const definition = DEFINITIONS.find((candidate) => candidate.name === name);
  if (!definition) {
    const known = DEFINITIONS.map((candidate) => candidate.name).join(', ');
    throw new Error(`Unknown sandbox profile "${name}". Known profiles: ${known}`);
  }
  return definition.behaviour;
}
