import { randomBytes } from 'node:crypto';
import { defaultScope } from './default-scope.js';
import Provider, { errors, type Configuration } from 'oidc-provider';
import { autoApprove, INTERACTION_PREFIX, SANDBOX_ACCOUNT } from './auto-approve.js';
import type { SigningKeys } from './keys.js';
import { MemoryAdapter, MemoryStore } from './memory-adapter.js';
import { metadataFaults, registrationStatusFault } from './metadata-faults.js';
import { methodEnforcement } from './method-enforcement.js';
import { invalidGrantForUnknownClient } from './unknown-client.js';
import { dropIssFromResponses, ignorePkce, laxRegistration, prefixRedirectMatching } from './probe-faults.js';
import { ALL_METHODS, type ProfileBehaviour } from './profiles.js';
import { nativeLoopbackDefault } from './registration-defaults.js';

export const RESOURCE_SCOPES = ['mcp:tools', 'mcp:admin'] as const;

export const ROUTES = {
  authorization: '/authorize',
  token: '/token',
  registration: '/register',
  jwks: '/jwks',
  revocation: '/revoke',
  introspection: '/introspect',
  userinfo: '/userinfo',
  end_session: '/logout',
} as const;

/** The other API this authorization server issues tokens for, beside the MCP server: tokens for it must not work there. */
export function otherApi(mcpUrl: string): string {
  return `${new URL(mcpUrl).origin}/other-api`;
}

export interface AuthorizationServerOptions {
  issuer: string;
  /** The MCP URL: the only resource indicator this server issues tokens for. */
  resource: string;
  behaviour: ProfileBehaviour;
  keys: SigningKeys;
}

function configuration({ resource, keys, behaviour }: AuthorizationServerOptions): Configuration {
  const store = new MemoryStore();
  return {
    adapter: (model: string) => new MemoryAdapter(model, store),
    jwks: keys.privateJwks as Configuration['jwks'],
    cookies: { keys: [randomBytes(32).toString('base64url')] },
    routes: ROUTES,
    clientAuthMethods: ALL_METHODS.filter((m) => !behaviour.unsupportedAdvertised.includes(m)),
    scopes: ['openid', 'offline_access', ...RESOURCE_SCOPES],
    responseTypes: ['code'],
    pkce: { required: () => behaviour.pkce === 'enforced' },
    // oidc-provider's default rotates a public client's refresh tokens; the profile that does not, never does.
    ...(!behaviour.refreshRotation && { rotateRefreshToken: () => false }),
    features: {
      devInteractions: { enabled: false },
      registration: { enabled: true, initialAccessToken: false },
      revocation: { enabled: true },
      clientCredentials: { enabled: true },
      // oidc-provider enables DPoP by default; only the DPoP profile advertises it, with a nonce required (RFC 9449 §8).
      dPoP: behaviour.dpop === 'required' ? { enabled: true, nonceSecret: randomBytes(32), requireNonce: () => true } : { enabled: false },
      resourceIndicators: {
        enabled: true,
        // Without the audience check, a token asked without resource is for the other API (and still served).
        defaultResource: () => (behaviour.audienceCheck ? resource : otherApi(resource)),
        useGrantedResource: () => true,
        getResourceServerInfo: (_ctx, indicator) => {
          // A second API beside the MCP server (so a token for another resource can be had); without the
          // audience check, the AS protects every resource on the MCP origin.
          const sibling = indicator === otherApi(resource) || (!behaviour.audienceCheck && URL.canParse(indicator) && new URL(indicator).origin === new URL(resource).origin);
          if (indicator !== resource && !sibling) throw new errors.InvalidTarget(`unknown resource ${indicator}; this server protects ${resource}`);
          return {
            scope: RESOURCE_SCOPES.join(' '),
            audience: indicator,
            accessTokenFormat: 'jwt',
            accessTokenTTL: 3600,
            jwt: { sign: { alg: 'ES256' } },
          };
        },
      },
    },
    discovery: { client_id_metadata_document_supported: true },
    interactions: { url: (_ctx, interaction) => `${INTERACTION_PREFIX}${interaction.uid}` },
    findAccount: (_ctx, accountId) => ({ accountId, claims: () => ({ sub: accountId, name: SANDBOX_ACCOUNT }) }),
    issueRefreshToken: (_ctx, client) => client.grantTypeAllowed('refresh_token'),
    expiresWithSession: () => false,
    ttl: {
      AccessToken: 3600,
      AuthorizationCode: 120,
      Grant: 14 * 24 * 3600,
      IdToken: 3600,
      Interaction: 600,
      RefreshToken: 14 * 24 * 3600,
      Session: 14 * 24 * 3600,
    },
  };
}

/** A real oidc-provider with the profile's faults as thin Koa middlewares in front of its routes. */
export function createAuthorizationServer(options: AuthorizationServerOptions): Provider {
  const provider = new Provider(options.issuer, configuration(options));
  const { behaviour } = options;
  provider.use(metadataFaults(behaviour));
  provider.use(nativeLoopbackDefault(ROUTES.registration));
  provider.use(methodEnforcement(provider, ROUTES.token, behaviour.methodEnforcement));
  if (behaviour.registration200) provider.use(registrationStatusFault(ROUTES.registration));
  if (behaviour.invalidGrantForUnknownClient) provider.use(invalidGrantForUnknownClient(provider, ROUTES.token));
  if (behaviour.pkce === 'ignored') provider.use(ignorePkce(ROUTES.authorization, ROUTES.token));
  if (behaviour.redirectMatching === 'prefix') prefixRedirectMatching(provider);
  if (!behaviour.issInResponse) provider.use(dropIssFromResponses());
  if (behaviour.laxRegistration) provider.use(laxRegistration(ROUTES.registration));
  provider.use(defaultScope(ROUTES.authorization, RESOURCE_SCOPES[0]));
  provider.use(autoApprove(provider));
  return provider;
}
