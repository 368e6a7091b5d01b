import type { Middleware } from 'koa';

/**
 * RFC 6749 §3.3: when a client omits scope, the server "MUST either process the request using a
 * pre-defined default value or fail". oidc-provider fails (access_denied) for a request with no
 * scope at all; the sandbox, like most MCP servers, grants its default scope instead.
 */
export function defaultScope(authorizationPath: string, scope: string): Middleware {
  return async (ctx, next) => {
    if (ctx.path === authorizationPath && ctx.method === 'GET' && !ctx.query.scope) {
      const url = new URL(ctx.href);
      url.searchParams.set('scope', scope);
      ctx.querystring = url.search.slice(1);
    }
    await next();
  };
}
