import { describe, expect, it } from 'vitest';
import { append, AS_URL, exchange, fired, goodAsMetadata, goodSession, ISSUER, patchQuery, patchResponseJson, patchForm, removeRole, SessionBuilder } from './test-support.js';
import type { Session } from '../model.js';

/** Puts failed well-known tries before the AS metadata exchange. */
function withFailedTries(s: Session, urls: string[]): void {
  const as = exchange(s, 'as-metadata');
  const index = s.exchanges.indexOf(as);
  const tries = urls.map((url, i) => ({ ...as, id: `try-${i}`, request: { ...as.request, url }, response: { ...(as as Extract<typeof as, { outcome: 'response' }>).response, status: 404, body: 'Not found', headers: [] } }));
  s.exchanges.splice(index, 0, ...tries);
}

describe('DSC-01 issuer mismatch', () => {
  it('is an error under 2026-07-28 and names the trailing slash', () => {
    const s = goodSession();
    patchResponseJson(s, 'as-metadata', { issuer: `${ISSUER}/` });
    const [d] = fired(s, 'DSC-01');
    expect(d?.severity).toBe('error');
    expect(d?.title).toContain('trailing slash');
    expect(d?.evidence[1]).toMatchObject({ location: { pointer: '/authorization_servers/0' } });
  });
  it.each(['2025-11-25', '2025-06-18', '2025-03-26'] as const)('reports a case-only difference separately, as an error under %s too (RFC 8414 §3.3 MUST)', (revision) => {
    const s = goodSession(revision);
    patchResponseJson(s, 'as-metadata', { issuer: ISSUER.toUpperCase() });
    const [d] = fired(s, 'DSC-01');
    expect(d?.severity).toBe('error');
    expect(d?.title).toContain('case');
  });
  it('fires on a different issuer', () => {
    const s = goodSession();
    patchResponseJson(s, 'as-metadata', { issuer: 'https://login.example' });
    expect(fired(s, 'DSC-01')[0]?.title).toBe('The metadata issuer differs from the issuer the URL was built from');
  });
  it('is quiet', () => {
    expect(fired(goodSession(), 'DSC-01')).toEqual([]);
  });
});

describe('DSC-02 well-known URLs', () => {
  it('says which URL answered after failures (info), and warns on the legacy path', () => {
    const b = new SessionBuilder('2026-07-28', 'https://mcp.example/mcp', 'https://as.example/tenant');
    b.add('as-metadata', { url: 'https://as.example/.well-known/oauth-authorization-server/tenant' }, { status: 404, body: '' });
    b.add('as-metadata', { url: 'https://as.example/.well-known/openid-configuration/tenant' }, { status: 404, body: '' });
    b.add('as-metadata', { url: 'https://as.example/tenant/.well-known/openid-configuration' }, { status: 200, body: goodAsMetadata('https://as.example/tenant') });
    const ds = fired(b.build(), 'DSC-02');
    expect(ds.map((d) => d.severity).sort()).toEqual(['info', 'warning']);
    expect(ds.find((d) => d.severity === 'warning')?.title).toContain('legacy');
  });
  it('warns when the OAuth and OpenID documents disagree', () => {
    const s = goodSession();
    append(s, 'as-metadata', { url: `${ISSUER}/.well-known/openid-configuration` }, { status: 200, body: { ...goodAsMetadata(), code_challenge_methods_supported: undefined, registration_endpoint: undefined } });
    const [d] = fired(s, 'DSC-02');
    expect(d?.severity).toBe('warning');
    expect(d?.message).toContain('registration_endpoint, code_challenge_methods_supported');
  });
  it('warns when only the 2025-03-26 discovery (AS metadata on the MCP origin, no PRM) works', () => {
    const b = new SessionBuilder('2025-11-25', 'https://mcp.example/mcp', 'https://mcp.example');
    b.add('mcp-probe', { method: 'POST', url: 'https://mcp.example/mcp' }, { status: 401, headers: { 'WWW-Authenticate': 'Bearer' } });
    b.add('resource-metadata', { url: 'https://mcp.example/.well-known/oauth-protected-resource/mcp' }, { status: 404, body: '' });
    b.add('as-metadata', { url: 'https://mcp.example/.well-known/oauth-authorization-server' }, { status: 200, body: goodAsMetadata('https://mcp.example') });
    expect(fired(b.build(), 'DSC-02').map((d) => d.title)).toEqual(['Only the 2025-03-26 discovery works']);
    const legacy = new SessionBuilder('2025-03-26', 'https://mcp.example/mcp', 'https://mcp.example');
    legacy.add('as-metadata', { url: 'https://mcp.example/.well-known/oauth-authorization-server' }, { status: 200, body: goodAsMetadata('https://mcp.example') });
    expect(fired(legacy.build(), 'DSC-02')).toEqual([]);
  });
  it('is quiet when the first URL answers', () => {
    expect(fired(goodSession(), 'DSC-02')).toEqual([]);
  });
  it('reports earlier failures', () => {
    const s = goodSession();
    withFailedTries(s, [`${AS_URL}-nope`]);
    expect(fired(s, 'DSC-02')[0]?.severity).toBe('info');
  });
});

describe('DSC-03 required metadata', () => {
  it('fires', () => {
    const s = goodSession();
    patchResponseJson(s, 'as-metadata', { token_endpoint: undefined, response_types_supported: undefined });
    expect(fired(s, 'DSC-03')[0]?.evidence.map((e) => e.location)).toEqual([
      { kind: 'response-json', pointer: '/token_endpoint' },
      { kind: 'response-json', pointer: '/response_types_supported' },
    ]);
  });
  it('is quiet', () => {
    expect(fired(goodSession(), 'DSC-03')).toEqual([]);
  });
});

describe('DSC-04 PKCE', () => {
  it('is an error when the metadata omits code_challenge_methods_supported (2025-11-25+), a warning before', () => {
    for (const [revision, severity] of [['2026-07-28', 'error'], ['2025-11-25', 'error'], ['2025-06-18', 'warning']] as const) {
      const s = goodSession(revision);
      patchResponseJson(s, 'as-metadata', { code_challenge_methods_supported: undefined });
      expect(fired(s, 'DSC-04').map((d) => d.severity)).toEqual([severity]);
    }
  });
  it('fires when S256 is missing', () => {
    const s = goodSession();
    patchResponseJson(s, 'as-metadata', { code_challenge_methods_supported: ['plain'] });
    expect(fired(s, 'DSC-04')).toHaveLength(1);
  });
  it('fires for a request with plain, with no method, or without PKCE', () => {
    const plain = goodSession();
    patchQuery(plain, 'authorize', { code_challenge_method: 'plain' });
    expect(fired(plain, 'DSC-04')[0]?.evidence[0]?.value).toBe('plain');
    const implicitPlain = goodSession();
    patchQuery(implicitPlain, 'authorize', { code_challenge_method: null });
    expect(fired(implicitPlain, 'DSC-04')[0]?.message).toContain('means plain');
    const none = goodSession();
    patchQuery(none, 'authorize', { code_challenge: null, code_challenge_method: null });
    expect(fired(none, 'DSC-04')[0]?.message).toContain('without PKCE');
    const noVerifier = goodSession();
    patchForm(noVerifier, 'token', { code_verifier: null });
    expect(fired(noVerifier, 'DSC-04')[0]?.message).toContain('code_verifier');
  });
  it('is quiet when plain is advertised next to S256 and S256 is used', () => {
    const s = goodSession();
    patchResponseJson(s, 'as-metadata', { code_challenge_methods_supported: ['plain', 'S256'] });
    expect(fired(s, 'DSC-04')).toEqual([]);
  });
});

describe('DSC-05 https', () => {
  it('is info on loopback', () => {
    expect(fired(goodSession(), 'DSC-05').map((d) => d.severity)).toEqual(['info']);
  });
  it('is an error elsewhere', () => {
    const s = goodSession();
    patchResponseJson(s, 'as-metadata', { token_endpoint: 'http://as.example/token' });
    const error = fired(s, 'DSC-05').find((d) => d.severity === 'error');
    expect(error?.evidence).toEqual([{ exchangeId: 'ex-3', location: { kind: 'response-json', pointer: '/token_endpoint' }, value: 'http://as.example/token' }]);
  });
  it('is quiet on https', () => {
    const b = new SessionBuilder('2026-07-28', 'https://mcp.example/mcp', 'https://as.example');
    b.add('as-metadata', { url: 'https://as.example/.well-known/oauth-authorization-server' }, { status: 200, body: goodAsMetadata('https://as.example') });
    expect(fired(b.build(), 'DSC-05')).toEqual([]);
  });
});

describe('DSC-06 redirects', () => {
  it('fires', () => {
    const s = goodSession();
    removeRole(s, 'resource-metadata');
    append(s, 'resource-metadata', { url: 'http://127.0.0.1:4100/.well-known/oauth-protected-resource' }, { status: 301, headers: { Location: 'https://elsewhere.example/prm' } });
    const [d] = fired(s, 'DSC-06');
    expect(d?.evidence[1]).toMatchObject({ location: { kind: 'response-header', name: 'Location' }, value: 'https://elsewhere.example/prm' });
    expect(d?.spec.ref).toBe('RFC 9728 §3.2');
  });
  it('is quiet', () => {
    expect(fired(goodSession(), 'DSC-06')).toEqual([]);
  });
});
