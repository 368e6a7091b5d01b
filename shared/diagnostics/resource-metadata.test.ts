import { describe, expect, it } from 'vitest';
import { append, cyclingSession, fired, goodSession, ISSUER, MCP_URL, patchQuery, patchResponseJson, PRM_URL, removeRole, setResponseHeader, exchange } from './test-support.js';

describe('PRM-01 resource mismatch', () => {
  it('fires when the hinted metadata names the bare origin', () => {
    const s = goodSession();
    patchResponseJson(s, 'resource-metadata', { resource: 'http://127.0.0.1:4100' });
    const [d] = fired(s, 'PRM-01');
    expect(d?.message).toContain('resource_metadata hint');
    expect(d?.evidence[0]).toMatchObject({ exchangeId: 'ex-2', location: { pointer: '/resource' } });
  });
  it('names a trailing-slash difference', () => {
    const s = goodSession();
    patchResponseJson(s, 'resource-metadata', { resource: `${MCP_URL}/` });
    expect(fired(s, 'PRM-01')[0]?.message).toContain('trailing slash');
  });
  it('compares with the resource the well-known URL was built from when there was no hint', () => {
    const s = goodSession('2025-11-25');
    setResponseHeader(s, 'mcp-probe', 'WWW-Authenticate', 'Bearer');
    exchange(s, 'resource-metadata').request.url = 'http://127.0.0.1:4100/.well-known/oauth-protected-resource';
    patchResponseJson(s, 'resource-metadata', { resource: 'http://127.0.0.1:4100' });
    expect(fired(s, 'PRM-01')).toEqual([]);
  });
  it('accepts the MCP URL itself from the root fallback URL without a hint', () => {
    const s = goodSession('2025-11-25');
    setResponseHeader(s, 'mcp-probe', 'WWW-Authenticate', 'Bearer');
    exchange(s, 'resource-metadata').request.url = 'http://127.0.0.1:4100/.well-known/oauth-protected-resource';
    expect(fired(s, 'PRM-01')).toEqual([]);
  });
  it('still fires from the root fallback for a resource that is neither the origin nor the MCP URL', () => {
    const s = goodSession('2025-11-25');
    setResponseHeader(s, 'mcp-probe', 'WWW-Authenticate', 'Bearer');
    exchange(s, 'resource-metadata').request.url = 'http://127.0.0.1:4100/.well-known/oauth-protected-resource';
    patchResponseJson(s, 'resource-metadata', { resource: 'http://127.0.0.1:4100/other' });
    expect(fired(s, 'PRM-01')[0]?.message).toContain(`must be the origin http://127.0.0.1:4100 or the MCP server URL ${MCP_URL}`);
  });
  it('is quiet', () => {
    expect(fired(goodSession(), 'PRM-01')).toEqual([]);
  });
});

describe('PRM-02 authorization_servers', () => {
  it('is an error when empty', () => {
    const s = goodSession();
    patchResponseJson(s, 'resource-metadata', { authorization_servers: [] });
    expect(fired(s, 'PRM-02')[0]?.severity).toBe('error');
  });
  it('is info when several, naming the chosen one', () => {
    const s = goodSession();
    patchResponseJson(s, 'resource-metadata', { authorization_servers: ['https://other.example', ISSUER] });
    const [d] = fired(s, 'PRM-02');
    expect(d?.severity).toBe('info');
    expect(d?.message).toContain(ISSUER);
  });
  it('is quiet with one', () => {
    expect(fired(goodSession(), 'PRM-02')).toEqual([]);
  });
});

describe('PRM-03 401 without resource_metadata', () => {
  const bare = (revision: '2026-07-28' | '2025-11-25' | '2025-06-18' | '2025-03-26') => {
    const s = goodSession(revision);
    setResponseHeader(s, 'mcp-probe', 'WWW-Authenticate', 'Bearer scope="mcp"');
    return s;
  };
  it('is an error under 2025-06-18', () => {
    expect(fired(bare('2025-06-18'), 'PRM-03').map((d) => d.severity)).toEqual(['error']);
  });
  it('is info under 2025-11-25 and 2026-07-28 when a fallback served the metadata', () => {
    const [d] = fired(bare('2025-11-25'), 'PRM-03');
    expect(d?.severity).toBe('info');
    expect(d?.message).toContain(PRM_URL);
    expect(fired(bare('2026-07-28'), 'PRM-03')[0]?.severity).toBe('info');
  });
  it('is an error when nothing served the metadata', () => {
    const s = bare('2025-11-25');
    removeRole(s, 'resource-metadata');
    expect(fired(s, 'PRM-03')[0]?.severity).toBe('error');
  });
  it('does not apply to 2025-03-26, and is quiet with the parameter', () => {
    expect(fired(bare('2025-03-26'), 'PRM-03')).toEqual([]);
    expect(fired(goodSession(), 'PRM-03')).toEqual([]);
  });
});

describe('PRM-04 scope selection', () => {
  it('fires when the request ignores the challenged scope', () => {
    const s = goodSession();
    patchQuery(s, 'authorize', { scope: 'openid mcp admin' });
    const [d] = fired(s, 'PRM-04');
    expect(d?.message).toContain('extra: openid admin');
    expect(d?.evidence[1]).toMatchObject({ location: { kind: 'response-header', name: 'WWW-Authenticate' } });
  });
  it('falls back to scopes_supported when the challenge has none', () => {
    const s = goodSession();
    setResponseHeader(s, 'mcp-probe', 'WWW-Authenticate', `Bearer resource_metadata="${PRM_URL}"`);
    patchResponseJson(s, 'resource-metadata', { scopes_supported: ['mcp', 'files'] });
    expect(fired(s, 'PRM-04')[0]?.message).toContain('missing: files');
  });
  it('tolerates offline_access, and does not apply before 2025-11-25', () => {
    const s = goodSession();
    patchQuery(s, 'authorize', { scope: 'mcp offline_access' });
    expect(fired(s, 'PRM-04')).toEqual([]);
    const old = goodSession('2025-06-18');
    patchQuery(old, 'authorize', { scope: 'everything' });
    expect(fired(old, 'PRM-04')).toEqual([]);
  });
  it('wants the union after a step-up under 2026-07-28', () => {
    const s = goodSession();
    append(s, 'mcp', { method: 'POST', url: MCP_URL }, { status: 403, headers: { 'WWW-Authenticate': 'Bearer error="insufficient_scope", scope="admin"' } });
    append(s, 'authorize', { url: `${ISSUER}/auth?scope=admin&state=s2` }, 'opened-in-browser');
    expect(fired(s, 'PRM-04')[0]?.message).toContain('missing: mcp');
  });
  it('reports the same mismatch once, with a count', () => {
    const s = goodSession();
    patchQuery(s, 'authorize', { scope: 'openid mcp admin' });
    for (let i = 0; i < 49; i++) append(s, 'authorize', { url: `${ISSUER}/auth?scope=${encodeURIComponent('openid mcp admin')}&state=s${i}` }, 'opened-in-browser');
    const found = fired(s, 'PRM-04');
    expect(found).toHaveLength(1);
    expect(found[0]?.message).toContain('50 authorization requests did the same');
  });
  it('stays a handful of findings over thousands of distinct mismatches', () => {
    const found = fired(cyclingSession(8000), 'PRM-04');
    expect(found).toHaveLength(21);
    expect(found[20]?.message).toMatch(/^1980 more authorization request\(s\), in 1980 other combinations/);
  });
});
