import type { Context, Middleware, Next } from 'koa';
import type Provider from 'oidc-provider';
import type { AuthMethod, MethodEnforcement } from './profiles.js';
import { readRequestBody, replayRequestBody } from './request-body.js';

export interface AuthenticationAttempt {
  method: AuthMethod;
  clientId: string | undefined;
}

function decodeBasicPart(part: string): string {
  return decodeURIComponent(part.replace(/\+/g, '%20'));
}

function basicClientId(authorization: string): string | undefined {
  const [scheme, credentials] = authorization.split(' ');
  if (scheme?.toLowerCase() !== 'basic' || !credentials) return undefined;
  const decoded = Buffer.from(credentials, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon === -1) return undefined;
  try {
    return decodeBasicPart(decoded.slice(0, colon));
  } catch {
    return undefined;
  }
}

function decodeJwtPart(part: string | undefined): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(Buffer.from(part ?? '', 'base64url').toString('utf8'));
    return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/** Which token endpoint authentication method a request used, judged from what it carries. */
export function detectAttempt(authorization: string | undefined, form: URLSearchParams): AuthenticationAttempt {
  const formClientId = form.get('client_id') ?? undefined;
  if (authorization) {
    return { method: 'client_secret_basic', clientId: basicClientId(authorization) ?? formClientId };
  }
  const assertion = form.get('client_assertion');
  if (assertion) {
    const [header, payload] = assertion.split('.');
    const alg = decodeJwtPart(header).alg;
    const subject = decodeJwtPart(payload).sub;
    return {
      method: typeof alg === 'string' && alg.startsWith('HS') ? 'client_secret_jwt' : 'private_key_jwt',
      clientId: formClientId ?? (typeof subject === 'string' ? subject : undefined),
    };
  }
  if (form.has('client_secret')) return { method: 'client_secret_post', clientId: formClientId };
  return { method: 'none', clientId: formClientId };
}

function rejectMismatch(ctx: Context, issuer: string, registered: string, attempt: AuthenticationAttempt): void {
  const description = `client is registered with token_endpoint_auth_method ${registered} but authenticated with ${attempt.method}`;
  ctx.status = 401;
  ctx.set('Cache-Control', 'no-store');
  if (attempt.method === 'client_secret_basic') {
    ctx.set('WWW-Authenticate', `Basic realm="${issuer}", error="invalid_client", error_description="${description}"`);
  }
  ctx.body = { error: 'invalid_client', error_description: description };
}

/**
 * oidc-provider treats client_secret_basic and client_secret_post as one method. Strict mode holds
 * every client to the method it registered; lenient mode lets a confidential client that sends
 * only its client_id through by adding its secret as client_secret_post would.
 */
export function methodEnforcement(provider: Provider, tokenPath: string, mode: MethodEnforcement): Middleware {
  return async (ctx: Context, next: Next) => {
    if (ctx.method !== 'POST' || ctx.path !== tokenPath || !ctx.is('application/x-www-form-urlencoded')) {
      return next();
    }
    let body = await readRequestBody(ctx.req);
    const form = new URLSearchParams(body.toString('utf8'));
    const attempt = detectAttempt(ctx.get('authorization') || undefined, form);
    const client = attempt.clientId ? await provider.Client.find(attempt.clientId) : undefined;
    const registered = client?.clientAuthMethod;

    if (client && registered && registered !== attempt.method) {
      if (mode === 'strict') {
        rejectMismatch(ctx, provider.issuer, registered, attempt);
        return;
      }
      if (attempt.method === 'none' && client.clientSecret) {
        form.set('client_secret', client.clientSecret);
        body = Buffer.from(form.toString(), 'utf8');
      }
    }
    replayRequestBody(ctx, body);
    return next();
  };
}
