import type { Context, Middleware, Next } from 'koa';
import { readRequestBody, replayRequestBody } from './request-body.js';

const LOOPBACK_HOSTS = new Set(['127.0.0.1', '[::1]', 'localhost']);

function isLoopbackHttp(uri: unknown): boolean {
  if (typeof uri !== 'string' || !URL.canParse(uri)) return false;
  const url = new URL(uri);
  return url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname);
}

/**
 * A registration without application_type whose redirect URIs are all loopback http is a native
 * client (RFC 8252 section 7.3); registering it as such lets it come back on any port.
 */
export function nativeLoopbackDefault(registrationPath: string): Middleware {
  return async (ctx: Context, next: Next) => {
    if (ctx.method !== 'POST' || ctx.path !== registrationPath || !ctx.is('application/json')) return next();
    const body = await readRequestBody(ctx.req);
    let metadata: unknown;
    try {
      metadata = JSON.parse(body.toString('utf8'));
    } catch {
      replayRequestBody(ctx, body);
      return next();
    }
    if (typeof metadata === 'object' && metadata !== null && !('application_type' in metadata)) {
      const redirectUris = (metadata as { redirect_uris?: unknown }).redirect_uris;
      if (Array.isArray(redirectUris) && redirectUris.length > 0 && redirectUris.every(isLoopbackHttp)) {
        replayRequestBody(ctx, Buffer.from(JSON.stringify({ ...metadata, application_type: 'native' }), 'utf8'));
        return next();
      }
    }
    replayRequestBody(ctx, body);
    return next();
  };
}
