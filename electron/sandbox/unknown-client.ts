import type { Context, Middleware, Next } from 'koa';
import type Provider from 'oidc-provider';
import { detectAttempt } from './method-enforcement.js';
import { readRequestBody, replayRequestBody } from './request-body.js';

/**
 * A token endpoint that answers invalid_grant, not invalid_client, for a client it does not know: the
 * way some servers answer once they forgot a registration, which keeps SDK clients from registering
 * again (better-auth #11035, openai/codex #29630, workers-oauth-provider #201).
 */
export function invalidGrantForUnknownClient(provider: Provider, tokenPath: string): Middleware {
  return async (ctx: Context, next: Next) => {
    if (ctx.method !== 'POST' || ctx.path !== tokenPath || !ctx.is('application/x-www-form-urlencoded')) return next();
    const body = await readRequestBody(ctx.req);
    const attempt = detectAttempt(ctx.get('authorization') || undefined, new URLSearchParams(body.toString('utf8')));
    if (attempt.clientId && !(await provider.Client.find(attempt.clientId))) {
      ctx.status = 400;
      ctx.set('Cache-Control', 'no-store');
      ctx.body = { error: 'invalid_grant', error_description: 'grant request is invalid' };
      return;
    }
    replayRequestBody(ctx, body);
    return next();
  };
}
