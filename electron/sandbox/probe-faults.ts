// Faults that only an active probe finds: a flow through them works, which is why they go unnoticed.
import type { Context, Middleware, Next } from 'koa';
import type Provider from 'oidc-provider';
import { readRequestBody, replayRequestBody } from './request-body.js';

const PKCE_AT_AUTHORIZE = ['code_challenge', 'code_challenge_method'];

/**
 * An authorization server that advertises S256 but ignores PKCE: the challenge is dropped at the
 * authorization endpoint and the verifier at the token endpoint, so any code redeems without proof.
 */
export function ignorePkce(authorizationPath: string, tokenPath: string): Middleware {
  return async (ctx: Context, next: Next) => {
    if (ctx.method === 'GET' && ctx.path === authorizationPath) {
      const params = new URLSearchParams(ctx.querystring);
      for (const name of PKCE_AT_AUTHORIZE) params.delete(name);
      ctx.querystring = params.toString();
    } else if (ctx.method === 'POST' && ctx.path === tokenPath && ctx.is('application/x-www-form-urlencoded')) {
      const form = new URLSearchParams((await readRequestBody(ctx.req)).toString('utf8'));
      form.delete('code_verifier');
      replayRequestBody(ctx, Buffer.from(form.toString(), 'utf8'));
    }
    await next();
  };
}

/**
 * An authorization response without iss, although the metadata promises it
 * (authorization_response_iss_parameter_supported): the redirect back to the client loses the parameter.
 */
export function dropIssFromResponses(): Middleware {
  return async (ctx: Context, next: Next) => {
    await next();
    const location = ctx.response.get('location');
    if (ctx.status < 300 || ctx.status >= 400 || !location || !URL.canParse(location)) return;
    const url = new URL(location);
    if (!url.searchParams.has('iss') || !(url.searchParams.has('code') || url.searchParams.has('error'))) return;
    url.searchParams.delete('iss');
    ctx.set('location', url.href);
  };
}

/** Redirect URIs matched by prefix: any URI that starts with a registered one is taken (a common, exploitable shortcut). */
export function prefixRedirectMatching(provider: Provider): void {
  const clientClass = provider.Client as unknown as { prototype: { redirectUriAllowed(value: string): boolean; redirectUris?: string[] } };
  clientClass.prototype.redirectUriAllowed = function (this: { redirectUris?: string[] }, value: string): boolean {
    return (this.redirectUris ?? []).some((registered) => value.startsWith(registered));
  };
}
