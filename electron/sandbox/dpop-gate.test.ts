import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { dpopAth } from '../../shared/interpret/dpop.js';
import { createDpopGate, dpopChallenge } from './dpop-gate.js';

const URL_ = 'http://127.0.0.1:4100/mcp';
const keys = await generateKeyPair('ES256', { extractable: true });
const jwk = await exportJWK(keys.publicKey);
let n = 0;

async function proof(claims: Record<string, unknown>): Promise<string> {
  return new SignJWT({ htm: 'POST', htu: URL_, jti: `j-${++n}`, ...claims }).setProtectedHeader({ alg: 'ES256', typ: 'dpop+jwt', jwk }).setIssuedAt().sign(keys.privateKey);
}
const request = (headers: Record<string, string | undefined>) => new Request(`${URL_}?x=1`, { method: 'POST', headers: Object.entries(headers).filter((e): e is [string, string] => e[1] !== undefined) });

describe('the sandbox resource server checks DPoP as RFC 9449 §4.3 and §7.1 ask', () => {
  it('asks for its nonce first, then accepts a proof that carries it, once', async () => {
    const gate = createDpopGate();
    const auth = { authorization: 'DPoP tok' };
    const first = await gate.check(request({ ...auth, dpop: await proof({ ath: dpopAth('tok') }) }));
    expect(first).toMatchObject({ ok: false, error: 'use_dpop_nonce' });
    const good = await proof({ ath: dpopAth('tok'), nonce: gate.nonce });
    expect(await gate.check(request({ ...auth, dpop: good }))).toMatchObject({ ok: true, token: 'tok', thumbprint: expect.any(String) });
    expect(await gate.check(request({ ...auth, dpop: good }))).toMatchObject({ ok: false, error: 'invalid_dpop_proof', description: expect.stringContaining('used before') });
  });

  it.each([
    ['the Bearer scheme', { authorization: 'Bearer tok' }, {}, 'invalid_token'],
    ['no proof', { authorization: 'DPoP tok' }, undefined, 'invalid_dpop_proof'],
    ['another URL', { authorization: 'DPoP tok' }, { htu: 'http://127.0.0.1:4100/other' }, 'invalid_dpop_proof'],
    ['another method', { authorization: 'DPoP tok' }, { htm: 'GET' }, 'invalid_dpop_proof'],
    ['another token', { authorization: 'DPoP tok' }, { ath: dpopAth('other') }, 'invalid_dpop_proof'],
  ] as const)('refuses %s', async (_what, headers, claims, error) => {
    const gate = createDpopGate();
    const dpop = claims === undefined ? {} : { dpop: await proof({ ath: dpopAth('tok'), nonce: gate.nonce, ...claims }) };
    expect(await gate.check(request({ ...headers, ...dpop }))).toMatchObject({ ok: false, error });
  });

  it('challenges with the DPoP scheme, its algorithms and the resource metadata', () => {
    expect(dpopChallenge('http://127.0.0.1:4100/.well-known/oauth-protected-resource/mcp', { error: 'use_dpop_nonce', description: 'say "please"' })).toBe(
      'DPoP error="use_dpop_nonce", error_description="say please", algs="ES256", resource_metadata="http://127.0.0.1:4100/.well-known/oauth-protected-resource/mcp"',
    );
  });
});
