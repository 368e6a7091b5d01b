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

const STANDS_IN = 'http://127.0.0.1/lax-registration';
const DANGEROUS = /^(javascript|data):/i;

/**
 * A registration endpoint that takes anything: dangerous or missing redirect URIs are stored as a
 * harmless stand-in and echoed back as sent (so the response says they were taken), and a JWT method
 * becomes client_secret_basic without a word.
 */
export function laxRegistration(registrationPath: string): Middleware {
  return async (ctx: Context, next: Next) => {
    if (ctx.method !== 'POST' || ctx.path !== registrationPath || !ctx.is('application/json')) return next();
    const body = await readRequestBody(ctx.req);
    let metadata: Record<string, unknown>;
    try {
      metadata = JSON.parse(body.toString('utf8')) as Record<string, unknown>;
    } catch {
      replayRequestBody(ctx, body);
      return next();
    }
    const asked = Array.isArray(metadata.redirect_uris) ? metadata.redirect_uris : undefined;
    const lax = asked !== undefined && (asked.length === 0 || asked.some((u) => typeof u === 'string' && DANGEROUS.test(u)));
    const rewritten: Record<string, unknown> = { ...metadata, ...(lax && { redirect_uris: [STANDS_IN], application_type: 'native' }) };
    if (metadata.token_endpoint_auth_method === 'client_secret_jwt' || metadata.token_endpoint_auth_method === 'private_key_jwt') {
      rewritten.token_endpoint_auth_method = 'client_secret_basic';
      delete rewritten.jwks;
    }
    replayRequestBody(ctx, Buffer.from(JSON.stringify(rewritten), 'utf8'));
    await next();
    if (lax && ctx.status >= 200 && ctx.status < 300 && typeof ctx.body === 'object' && ctx.body !== null) ctx.body = { ...(ctx.body as object), redirect_uris: asked };
  };
}
