import { describe, expect, it } from 'vitest';
import { encodeBase64Url } from './base64.js';
import { asksForNonce, demandedNonce, dpopAth, readDpopProof } from './dpop.js';

const part = (o: object) => encodeBase64Url(JSON.stringify(o));
const JWK = { kty: 'EC', crv: 'P-256', x: 'x', y: 'y' };
function proof(header: object, payload: object, signature = 'sig'): string {
  return `${part({ typ: 'dpop+jwt', alg: 'ES256', jwk: JWK, ...header })}.${part({ jti: 'j', htm: 'POST', htu: 'https://mcp.example/mcp', iat: 1, ...payload })}.${signature}`;
}
const post = { method: 'POST', url: 'https://mcp.example/mcp?session=1' };
const read = (value: string, accessToken?: string) => readDpopProof([{ name: 'DPoP', value }], post, accessToken);

describe('reading a DPoP proof against its request (RFC 9449 §4.2, §4.3)', () => {
  it('finds nothing wrong with a well-formed proof, with or without the redacted signature of a HAR', () => {
    expect(read(proof({}, { ath: dpopAth('tok') }), 'tok')).toMatchObject({ ok: true, problems: [] });
    expect(read(proof({}, {}, '[redacted:hmac:0123abcd]'))).toMatchObject({ ok: true, problems: [] });
  });

  it('names each problem', () => {
    expect(read(proof({ typ: 'JWT', alg: 'HS256', jwk: { ...JWK, d: 'private' } }, { htm: 'GET', htu: 'https://mcp.example/other?x=1', jti: undefined }), 'tok')!.problems).toEqual([
      { kind: 'typ', value: 'JWT' },
      { kind: 'alg', value: 'HS256' },
      { kind: 'jwk', reason: 'private' },
      { kind: 'claim-missing', claim: 'jti' },
      { kind: 'htm', value: 'GET', expected: 'POST' },
      { kind: 'htu', value: 'https://mcp.example/other?x=1', expected: 'https://mcp.example/mcp' },
      { kind: 'ath', reason: 'missing' },
    ]);
    expect(read(proof({}, { ath: dpopAth('other') }), 'tok')!.problems).toEqual([{ kind: 'ath', reason: 'mismatch' }]);
    expect(read('not a jwt')).toEqual({ ok: false, problems: [{ kind: 'not-a-jwt' }] });
    expect(readDpopProof([{ name: 'DPoP', value: proof({}, {}) }, { name: 'dpop', value: proof({}, {}) }], post)).toEqual({ ok: false, problems: [{ kind: 'several-proofs' }] });
    expect(readDpopProof([], post)).toBeUndefined();
  });

  it('reads the nonce a server demands, at the token endpoint and at the resource, and nothing else', () => {
    const nonce = [{ name: 'DPoP-Nonce', value: 'n-2' }];
    expect(demandedNonce(400, nonce, '{"error":"use_dpop_nonce"}')).toBe('n-2');
    expect(demandedNonce(401, [...nonce, { name: 'WWW-Authenticate', value: 'DPoP error="use_dpop_nonce", algs="ES256"' }], '')).toBe('n-2');
    expect(demandedNonce(400, nonce, '{"error":"invalid_grant"}')).toBeUndefined();
    expect(demandedNonce(401, [{ name: 'WWW-Authenticate', value: 'DPoP error="use_dpop_nonce"' }], '')).toBeUndefined();
    expect(asksForNonce(401, [{ name: 'WWW-Authenticate', value: 'DPoP error="use_dpop_nonce"' }], '')).toBe(true);
    expect(asksForNonce(401, [{ name: 'WWW-Authenticate', value: 'Bearer error="use_dpop_nonce"' }], '')).toBe(false);
  });
});
