import { describe, expect, it } from 'vitest';
import type { Session } from '../model.js';
import { encodeBase64Url } from '../interpret/base64.js';
import { dpopAth } from '../interpret/dpop.js';
import { ACCESS_TOKEN, append, exchange, fired, goodAsMetadata, goodSession, ISSUER, MCP_URL, patchResponseJson, setRequestHeader } from './test-support.js';

const part = (o: object) => encodeBase64Url(JSON.stringify(o));
let jti = 0;
function proof(htm: string, url: string, claims: Record<string, unknown> = {}, header: Record<string, unknown> = {}): string {
  const u = new URL(url);
  return `${part({ typ: 'dpop+jwt', alg: 'ES256', jwk: { kty: 'EC', crv: 'P-256', x: 'x', y: 'y' }, ...header })}.${part({ jti: `j${++jti}`, htm, htu: `${u.origin}${u.pathname}`, iat: 1785578400, ...claims })}.sig`;
}

/** The good flow with DPoP throughout: proofs at the token endpoint, a DPoP-bound token presented with the DPoP scheme. */
function dpopSession(): Session {
  const s = goodSession();
  patchResponseJson(s, 'as-metadata', { ...goodAsMetadata(), dpop_signing_alg_values_supported: ['ES256'] });
  setRequestHeader(s, 'token', 'DPoP', proof('POST', `${ISSUER}/token`));
  patchResponseJson(s, 'token', { token_type: 'DPoP' });
  setRequestHeader(s, 'mcp', 'Authorization', `DPoP ${ACCESS_TOKEN}`);
  setRequestHeader(s, 'mcp', 'DPoP', proof('POST', MCP_URL, { ath: dpopAth(ACCESS_TOKEN) }));
  setRequestHeader(s, 'refresh', 'DPoP', proof('POST', `${ISSUER}/token`));
  patchResponseJson(s, 'refresh', { token_type: 'DPoP' });
  return s;
}

const ids = (s: Session) => ['DPOP-01', 'DPOP-02', 'DPOP-03', 'DPOP-04'].flatMap((rule) => fired(s, rule).map((d) => d.rule));

describe('DPoP rules stay quiet on a correct DPoP flow and on a Bearer one', () => {
  it('a correct DPoP flow', () => expect(ids(dpopSession())).toEqual([]));
  it('a Bearer flow', () => expect(ids(goodSession())).toEqual([]));
});

describe('DPOP-01 a DPoP-bound token presented as Bearer or without a proof', () => {
  it('fires on the Bearer scheme, pointing at token_type and the Authorization header', () => {
    const s = dpopSession();
    setRequestHeader(s, 'mcp', 'Authorization', `Bearer ${ACCESS_TOKEN}`);
    const [d] = fired(s, 'DPOP-01');
    expect(d?.severity).toBe('error');
    expect(d?.evidence.map((e) => e.location)).toEqual([
      { kind: 'response-json', pointer: '/token_type' },
      { kind: 'request-header', name: 'Authorization' },
    ]);
  });
  it('fires on the DPoP scheme without a proof', () => {
    const s = dpopSession();
    setRequestHeader(s, 'mcp', 'DPoP', null);
    expect(fired(s, 'DPOP-01')[0]?.message).toContain('without a DPoP proof');
  });
});

describe('DPOP-02 a proof that does not match its request', () => {
  it('fires on the wrong htm and htu, naming both', () => {
    const s = dpopSession();
    setRequestHeader(s, 'mcp', 'DPoP', proof('GET', `${ISSUER}/token`, { ath: dpopAth(ACCESS_TOKEN) }));
    const [d] = fired(s, 'DPOP-02');
    expect(d?.message).toContain('htm is "GET", but the request is POST');
    expect(d?.message).toContain(`htu is "${ISSUER}/token", but the request went to ${MCP_URL}`);
    expect(d?.evidence[0]).toMatchObject({ exchangeId: exchange(s, 'mcp').id, location: { kind: 'request-header', name: 'DPoP' } });
  });
  it('fires when ath is missing or is another token’s hash', () => {
    const s = dpopSession();
    setRequestHeader(s, 'mcp', 'DPoP', proof('POST', MCP_URL, { ath: dpopAth('another token') }));
    expect(fired(s, 'DPOP-02')[0]?.message).toContain('ath is not the hash of the access token presented');
    setRequestHeader(s, 'mcp', 'DPoP', proof('POST', MCP_URL));
    expect(fired(s, 'DPOP-02')[0]?.message).toContain('ath (the hash of the access token) is missing');
  });
  it('does not judge ath against a token a HAR redacted', () => {
    const s = dpopSession();
    setRequestHeader(s, 'mcp', 'Authorization', 'DPoP [redacted:hmac:0123abcd]');
    expect(fired(s, 'DPOP-02')).toEqual([]);
  });
});

describe('DPOP-03 nonces', () => {
  const demand = (s: Session, withHeader: boolean) =>
    append(s, 'mcp', { method: 'POST', url: MCP_URL, headers: { Authorization: `DPoP ${ACCESS_TOKEN}`, DPoP: proof('POST', MCP_URL, { ath: dpopAth(ACCESS_TOKEN) }) } }, {
      status: 401,
      headers: { 'WWW-Authenticate': 'DPoP error="use_dpop_nonce"', ...(withHeader && { 'DPoP-Nonce': 'n-1' }) },
    });
  const retry = (s: Session, claims: Record<string, unknown>) =>
    append(s, 'mcp', { method: 'POST', url: MCP_URL, headers: { Authorization: `DPoP ${ACCESS_TOKEN}`, DPoP: proof('POST', MCP_URL, { ath: dpopAth(ACCESS_TOKEN), ...claims }) } }, { status: 200, body: {} });

  it('is quiet when the retry carries the nonce', () => {
    const s = dpopSession();
    demand(s, true);
    retry(s, { nonce: 'n-1' });
    expect(fired(s, 'DPOP-03')).toEqual([]);
  });
  it('fires on the client when the next proof lacks it or carries a stale one', () => {
    const s = dpopSession();
    demand(s, true);
    retry(s, {});
    demand(s, true);
    retry(s, { nonce: 'n-0' });
    expect(fired(s, 'DPOP-03').map((d) => d.message)).toEqual([expect.stringContaining('carries no nonce'), expect.stringContaining('carries "n-0"')]);
  });
  it('fires on the server when use_dpop_nonce comes without DPoP-Nonce', () => {
    const s = dpopSession();
    demand(s, false);
    const [d] = fired(s, 'DPOP-03');
    expect(d?.message).toContain('without a DPoP-Nonce header');
    expect(d?.evidence[0]?.location).toEqual({ kind: 'response-header', name: 'DPoP-Nonce' });
  });
});

describe('DPOP-04 a resource that requires DPoP got a Bearer token', () => {
  const requiring = (asSupports: boolean) => {
    const s = goodSession();
    patchResponseJson(s, 'resource-metadata', { dpop_bound_access_tokens_required: true });
    if (asSupports) patchResponseJson(s, 'as-metadata', { dpop_signing_alg_values_supported: ['ES256'] });
    return fired(s, 'DPOP-04');
  };
  it('blames the client when the authorization server advertises DPoP', () => expect(requiring(true)[0]?.message).toContain('Client side'));
  it('blames the server when it does not', () => {
    const [d] = requiring(false);
    expect(d?.message).toContain('Server side');
    expect(d?.evidence).toHaveLength(3);
  });
  it('is quiet on a DPoP flow to such a resource', () => {
    const s = dpopSession();
    patchResponseJson(s, 'resource-metadata', { dpop_bound_access_tokens_required: true });
    expect(fired(s, 'DPOP-04')).toEqual([]);
  });
});
