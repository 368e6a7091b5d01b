import { calculateJwkThumbprint, decodeJwt, decodeProtectedHeader, EmbeddedJWK, jwtVerify, type JWK } from 'jose';
import { describe, expect, it } from 'vitest';
import { createDpopKey, rememberNonce, withProof } from './dpop.js';

const request = (url: string, headers: { name: string; value: string }[] = []) => ({ method: 'post', url, headers });

describe('DPoP proofs (RFC 9449) signed through oauth4webapi', () => {
  it('signs a fresh proof per request with the session key in its header, htu without query, and ath for a token', async () => {
    const key = await createDpopKey();
    const signed = await withProof(request('https://mcp.example/mcp?x=1#f'), key, 'at-123');
    const proof = signed.headers.find((h) => h.name === 'DPoP')!.value;
    const header = decodeProtectedHeader(proof);
    expect(header).toMatchObject({ alg: 'ES256', typ: 'dpop+jwt' });
    expect(await calculateJwkThumbprint(header.jwk as JWK)).toBe(key.thumbprint);
    expect(header.jwk).not.toHaveProperty('d');
    const { payload } = await jwtVerify(proof, EmbeddedJWK, { typ: 'dpop+jwt' });
    expect(payload).toMatchObject({ htm: 'POST', htu: 'https://mcp.example/mcp' });
    // base64url(SHA-256("at-123"))
    expect(payload.ath).toBe('pZOyhFN0Z9eQivPyniH1Gg1OzUpcjUffjr7n0FzCLck');
    expect(typeof payload.iat).toBe('number');
    const again = await withProof(request('https://mcp.example/mcp'), key);
    const second = decodeJwt(again.headers[0]!.value);
    expect(second.jti).not.toBe(payload.jti);
    expect(second.ath).toBeUndefined();
  });

  it('replaces the DPoP header of a request', async () => {
    const key = await createDpopKey();
    const signed = await withProof(request('https://as.example/token', [{ name: 'dpop', value: 'old' }]), key);
    expect(signed.headers.filter((h) => h.name.toLowerCase() === 'dpop')).toHaveLength(1);
    expect(signed.headers[0]!.value).not.toBe('old');
  });

  it('carries the nonce each origin sent, and only to that origin', async () => {
    const key = await createDpopKey();
    rememberNonce(key, 'https://as.example/token', [{ name: 'DPoP-Nonce', value: 'n-as' }]);
    rememberNonce(key, 'https://mcp.example/mcp', [{ name: 'Content-Type', value: 'application/json' }]);
    const nonceOf = async (url: string) => decodeJwt((await withProof(request(url), key)).headers[0]!.value).nonce;
    expect(await nonceOf('https://as.example/token')).toBe('n-as');
    expect(await nonceOf('https://mcp.example/mcp')).toBeUndefined();
    rememberNonce(key, 'https://as.example/token', [{ name: 'dpop-nonce', value: 'n-as-2' }]);
    expect(await nonceOf('https://as.example/other')).toBe('n-as-2');
  });
});
