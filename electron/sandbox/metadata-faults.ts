import type { Context, Middleware, Next } from 'koa';
import type { ProfileBehaviour } from './profiles.js';

const OPENID_CONFIGURATION = '/.well-known/openid-configuration';
const OAUTH_AUTHORIZATION_SERVER = '/.well-known/oauth-authorization-server';

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function rewriteMetadata(metadata: Record<string, unknown>, behaviour: ProfileBehaviour): Record<string, unknown> {
  const rewritten: Record<string, unknown> = { ...metadata, token_endpoint_auth_methods_supported: [...behaviour.advertisedMethods] };
  if (behaviour.omitPkceMetadata) delete rewritten.code_challenge_methods_supported;
  // A machine-to-machine server: client credentials only, and only confidential clients.
  if (behaviour.clientCredentialsOnly) {
    rewritten.grant_types_supported = ['client_credentials'];
    rewritten.token_endpoint_auth_methods_supported = behaviour.advertisedMethods.filter((m) => m !== 'none');
  }
  if (behaviour.issuerMismatch) {
    // A trailing slash would be lost on URL normalization of an origin-only issuer; another host name is not.
    const issuer = new URL(String(metadata.issuer));
    issuer.hostname = 'localhost';
    rewritten.issuer = issuer.href.replace(/\/$/, '');
  }
  return rewritten;
}

/**
 * Serves RFC 8414 metadata next to oidc-provider's OpenID discovery document and applies the
 * profile's metadata faults to both.
 */
export function metadataFaults(behaviour: ProfileBehaviour): Middleware {
  return async (ctx: Context, next: Next) => {
    if (ctx.path === OAUTH_AUTHORIZATION_SERVER) ctx.path = OPENID_CONFIGURATION;
    await next();
    if (ctx.path === OPENID_CONFIGURATION && ctx.status === 200 && isRecord(ctx.body)) {
      ctx.body = rewriteMetadata(ctx.body, behaviour);
    }
  };
}

/** The registration endpoint answers 200 without Cache-Control (the dcr-200 profile). */
export function registrationStatusFault(registrationPath: string): Middleware {
  return async (ctx: Context, next: Next) => {
    await next();
    if (ctx.method === 'POST' && ctx.path === registrationPath && ctx.status === 201) {
      ctx.status = 200;
      ctx.remove('Cache-Control');
      ctx.remove('Pragma');
    }
  };
}
