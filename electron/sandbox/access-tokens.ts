import type { AuthInfo } from '@modelcontextprotocol/server';
import { OAuthError, OAuthErrorCode } from '@modelcontextprotocol/server';
import { createLocalJWKSet, jwtVerify, type JSONWebKeySet } from 'jose';

export interface AccessTokenVerifier {
  verifyAccessToken(token: string): Promise<AuthInfo>;
}

/** Verifies the authorization server's JWT access tokens: signature, issuer, audience (unless a profile skips it), expiry. */
export function jwtAccessTokenVerifier(options: { issuer: string; resource: string; jwks: JSONWebKeySet; checkAudience?: boolean }): AccessTokenVerifier {
  const keySet = createLocalJWKSet(options.jwks);
  return {
    async verifyAccessToken(token: string): Promise<AuthInfo> {
      try {
        const { payload } = await jwtVerify(token, keySet, {
          issuer: options.issuer,
          ...(options.checkAudience !== false && { audience: options.resource }),
          typ: 'at+jwt',
          algorithms: ['ES256'],
        });
        return {
          token,
          clientId: String(payload.client_id ?? ''),
          scopes: typeof payload.scope === 'string' ? payload.scope.split(' ').filter(Boolean) : [],
          ...(payload.exp !== undefined ? { expiresAt: payload.exp } : {}),
          resource: new URL(options.resource),
          // RFC 9449 §6.1: a DPoP-bound token names its key's thumbprint.
          extra: { sub: payload.sub, ...(isJktConfirmation(payload.cnf) && { jkt: payload.cnf.jkt }) },
        };
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        throw new OAuthError(OAuthErrorCode.InvalidToken, `access token rejected: ${reason}`);
      }
    },
  };
}

function isJktConfirmation(cnf: unknown): cnf is { jkt: string } {
  return typeof cnf === 'object' && cnf !== null && typeof (cnf as { jkt?: unknown }).jkt === 'string';
}
