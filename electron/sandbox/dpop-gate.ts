// The sandbox resource server's side of DPoP (RFC 9449 §7.1, §4.3): the DPoP scheme, one proof per
// request that matches it (htm, htu, ath), no proof used twice, and the server's own nonce (§9).
import { randomBytes } from 'node:crypto';
import { calculateJwkThumbprint, EmbeddedJWK, jwtVerify, type JWK } from 'jose';
import { dpopAth, dpopHtu } from '../../shared/interpret/dpop.js';

export const DPOP_ALGS = ['ES256'] as const;

export type DpopVerdict =
  | { ok: true; token: string; thumbprint: string }
  | { ok: false; error: 'invalid_token' | 'invalid_dpop_proof' | 'use_dpop_nonce'; description: string };

export interface DpopGate {
  /** The nonce every proof must carry; sent in DPoP-Nonce with use_dpop_nonce. */
  readonly nonce: string;
  check(request: Request): Promise<DpopVerdict>;
}

const PROOF_LIFETIME_S = 300;

export function createDpopGate(): DpopGate {
  const nonce = randomBytes(16).toString('base64url');
  /** jti → when it may be forgotten (a proof older than its lifetime is refused anyway). */
  const seen = new Map<string, number>();

  const refuse = (error: 'invalid_token' | 'invalid_dpop_proof' | 'use_dpop_nonce', description: string): DpopVerdict => ({ ok: false, error, description });

  return {
    nonce,
    async check(request) {
      const authorization = request.headers.get('authorization') ?? '';
      const [scheme = '', token = ''] = authorization.split(/\s+/, 2);
      if (scheme.toLowerCase() !== 'dpop' || !token) return refuse('invalid_token', 'this resource accepts only DPoP-bound access tokens, sent as "Authorization: DPoP <token>" with a DPoP proof (RFC 9449 §7.1)');
      const proof = request.headers.get('dpop');
      if (!proof) return refuse('invalid_dpop_proof', 'a DPoP proof is required in the DPoP header');
      if (proof.includes(',')) return refuse('invalid_dpop_proof', 'exactly one DPoP proof is allowed');
      let payload: Record<string, unknown>;
      let jwk: JWK;
      try {
        const verified = await jwtVerify(proof, EmbeddedJWK, { typ: 'dpop+jwt', algorithms: [...DPOP_ALGS], maxTokenAge: PROOF_LIFETIME_S, clockTolerance: 60 });
        payload = verified.payload;
        jwk = verified.protectedHeader.jwk as JWK;
      } catch (error) {
        return refuse('invalid_dpop_proof', `the DPoP proof does not verify: ${(error as Error).message}`);
      }
      if (payload.htm !== request.method) return refuse('invalid_dpop_proof', `htm is ${JSON.stringify(payload.htm)}, the request is ${request.method}`);
      const htu = dpopHtu(request.url);
      if (payload.htu !== htu) return refuse('invalid_dpop_proof', `htu is ${JSON.stringify(payload.htu)}, the request went to ${htu}`);
      if (payload.ath !== dpopAth(token)) return refuse('invalid_dpop_proof', 'ath is not the hash of the access token presented');
      if (typeof payload.jti !== 'string' || seen.has(payload.jti)) return refuse('invalid_dpop_proof', 'the proof has no jti, or its jti was used before');
      if (payload.nonce !== nonce) return refuse('use_dpop_nonce', 'the resource server requires its nonce in the DPoP proof');
      const now = Date.now();
      for (const [jti, until] of seen) if (until < now) seen.delete(jti);
      seen.set(payload.jti, now + 2 * PROOF_LIFETIME_S * 1000);
      return { ok: true, token, thumbprint: await calculateJwkThumbprint(jwk) };
    },
  };
}

/** The WWW-Authenticate value of a DPoP-only resource (RFC 9449 §7.1), with RFC 9728's resource_metadata. */
export function dpopChallenge(resourceMetadataUrl: string, params: { error?: string; description?: string; scope?: string } = {}): string {
  const quoted = (value: string) => `"${value.replace(/["\\]/g, '')}"`;
  return [
    ...(params.error ? [`error=${quoted(params.error)}`] : []),
    ...(params.description ? [`error_description=${quoted(params.description)}`] : []),
    `algs=${quoted(DPOP_ALGS.join(' '))}`,
    `resource_metadata=${quoted(resourceMetadataUrl)}`,
    ...(params.scope ? [`scope=${quoted(params.scope)}`] : []),
  ].reduce((header, param, i) => `${header}${i === 0 ? ' ' : ', '}${param}`, 'DPoP');
}
