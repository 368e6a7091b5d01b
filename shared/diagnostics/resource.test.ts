import { describe, expect, it } from 'vitest';
import { fired, goodSession, jwt, ISSUER, MCP_URL, patchForm, patchQuery, patchResponseJson } from './test-support.js';

describe('RES-01 resource parameter', () => {
  it('is an error when missing from both requests', () => {
    const s = goodSession();
    patchQuery(s, 'authorize', { resource: null });
    patchForm(s, 'token', { resource: null });
    const [d] = fired(s, 'RES-01');
    expect(d?.severity).toBe('error');
    expect(d?.evidence.map((e) => e.location.kind)).toEqual(['request-query', 'request-form']);
  });
  it('stays quiet when the flow started from an authorization server, with no resource to name', () => {
    const s = goodSession();
    s.config = { ...s.config, target: { kind: 'issuer', issuer: ISSUER } };
    patchQuery(s, 'authorize', { resource: null });
    patchForm(s, 'token', { resource: null });
    expect(fired(s, 'RES-01')).toEqual([]);
  });
  it('is an error when the two differ', () => {
    const s = goodSession();
    patchForm(s, 'token', { resource: 'http://127.0.0.1:4100/other' });
    expect(fired(s, 'RES-01')[0]?.message).toContain('same resource');
  });
  it('is a warning when not canonical (trailing slash, upper case) and an error with a fragment', () => {
    const slash = goodSession();
    patchQuery(slash, 'authorize', { resource: `${MCP_URL}/` });
    patchForm(slash, 'token', { resource: `${MCP_URL}/` });
    patchForm(slash, 'refresh', { resource: `${MCP_URL}/` });
    expect(fired(slash, 'RES-01').map((d) => d.severity)).toEqual(['warning']);
    const upper = goodSession();
    patchQuery(upper, 'authorize', { resource: 'HTTP://127.0.0.1:4100/mcp' });
    patchForm(upper, 'token', { resource: 'HTTP://127.0.0.1:4100/mcp' });
    patchForm(upper, 'refresh', { resource: 'HTTP://127.0.0.1:4100/mcp' });
    expect(fired(upper, 'RES-01')[0]?.message).toContain('lower case');
    const fragment = goodSession();
    patchQuery(fragment, 'authorize', { resource: `${MCP_URL}#x` });
    patchForm(fragment, 'token', { resource: `${MCP_URL}#x` });
    patchForm(fragment, 'refresh', { resource: `${MCP_URL}#x` });
    expect(fired(fragment, 'RES-01').map((d) => d.severity)).toEqual(['error']);
  });
  it('does not apply to 2025-03-26, and is quiet', () => {
    const old = goodSession('2025-03-26');
    patchQuery(old, 'authorize', { resource: null });
    expect(fired(old, 'RES-01')).toEqual([]);
    expect(fired(goodSession(), 'RES-01')).toEqual([]);
  });
});

describe('RES-02 audience', () => {
  it('fires when aud lacks the resource, without showing the token', () => {
    const s = goodSession();
    const token = jwt({ iss: ISSUER, aud: 'https://api.example' });
    patchResponseJson(s, 'token', { access_token: token });
    const [d] = fired(s, 'RES-02');
    expect(d?.evidence[0]?.value).toBe('JWT with aud "https://api.example"');
    expect(JSON.stringify(d)).not.toContain(token);
  });
  it('is quiet for an opaque token or a matching aud array', () => {
    const opaque = goodSession();
    patchResponseJson(opaque, 'token', { access_token: 'opaque-token' });
    expect(fired(opaque, 'RES-02')).toEqual([]);
    const array = goodSession();
    patchResponseJson(array, 'token', { access_token: jwt({ iss: ISSUER, aud: ['x', MCP_URL] }) });
    expect(fired(array, 'RES-02')).toEqual([]);
  });
});
