import { describe, expect, it } from 'vitest';
import type { Session } from '../model.js';
import { challengeRules } from './challenges.js';
import { Facts } from './facts.js';
import { ACCESS_TOKEN, append, CLIENT_ID, cyclingSession, fired, form, goodSession, ISSUER, MCP_URL, runDiagnostics, setResponseHeader, setStatus } from './test-support.js';

function stepUp(s: Session, scope: string, requested: string, again: 'success' | 'same-challenge'): void {
  append(s, 'mcp', { method: 'POST', url: MCP_URL, headers: { Authorization: `Bearer ${ACCESS_TOKEN}` } }, {
    status: 403,
    headers: { 'WWW-Authenticate': `Bearer error="insufficient_scope", scope="${scope}", resource_metadata="http://127.0.0.1:4100/.well-known/oauth-protected-resource/mcp"` },
  });
  append(s, 'authorize', { url: `${ISSUER}/auth?${new URLSearchParams({ scope: requested, state: 'st-2', code_challenge: 'x', code_challenge_method: 'S256', resource: MCP_URL, redirect_uri: 'http://127.0.0.1:53123/callback', client_id: CLIENT_ID })}` }, 'opened-in-browser');
  append(s, 'callback', { url: `http://127.0.0.1:53123/callback?code=c2&state=st-2&iss=${encodeURIComponent(ISSUER)}` }, { status: 200, body: 'ok' });
  append(s, 'token', { method: 'POST', url: `${ISSUER}/token`, body: form({ grant_type: 'authorization_code', code: 'c2', client_id: CLIENT_ID, redirect_uri: 'http://127.0.0.1:53123/callback', code_verifier: 'v', resource: MCP_URL }) }, {
    status: 200,
    headers: { 'Cache-Control': 'no-store' },
    body: { access_token: ACCESS_TOKEN, token_type: 'Bearer', expires_in: 3600, refresh_token: 'rt-3', scope: requested },
  });
  append(s, 'mcp', { method: 'POST', url: MCP_URL }, again === 'success'
    ? { status: 200, body: { jsonrpc: '2.0', id: 3, result: {} } }
    : { status: 403, headers: { 'WWW-Authenticate': `Bearer error="insufficient_scope", scope="${scope}"` } });
}

describe('WWA-01 401 without WWW-Authenticate', () => {
  it('fires', () => {
    const s = goodSession();
    setResponseHeader(s, 'mcp-probe', 'WWW-Authenticate', null);
    expect(fired(s, 'WWA-01')[0]?.severity).toBe('error');
  });
  it('is quiet', () => {
    expect(fired(goodSession(), 'WWA-01')).toEqual([]);
  });
});

describe('WWA-02 unparseable header', () => {
  it('fires on an unquoted URL, with the position', () => {
    const s = goodSession();
    setResponseHeader(s, 'mcp-probe', 'WWW-Authenticate', 'Bearer resource_metadata=http://127.0.0.1:4100/.well-known/oauth-protected-resource/mcp');
    const [d] = fired(s, 'WWA-02');
    expect(d?.message).toMatch(/at character \d+/);
    // The engine reads the hint leniently, so the metadata it fetched is still recognised as hinted.
    expect(fired(s, 'PRM-01')).toEqual([]);
  });
  it('is quiet', () => {
    expect(fired(goodSession(), 'WWA-02')).toEqual([]);
  });
});

describe('WWA-03 several challenges', () => {
  it('fires when Bearer is not first', () => {
    const s = goodSession();
    setResponseHeader(s, 'mcp-probe', 'WWW-Authenticate', 'Basic realm="x", Bearer resource_metadata="http://127.0.0.1:4100/.well-known/oauth-protected-resource/mcp"');
    expect(fired(s, 'WWA-03')[0]?.message).toContain('Bearer is not the first');
  });
  it('is quiet with one Bearer challenge', () => {
    expect(fired(goodSession(), 'WWA-03')).toEqual([]);
  });
});

describe('WWA-04 resource_metadata URL', () => {
  it('fires for https on an http server, and for another origin', () => {
    const s = goodSession();
    setResponseHeader(s, 'mcp-probe', 'WWW-Authenticate', 'Bearer resource_metadata="https://127.0.0.1:4100/.well-known/oauth-protected-resource/mcp"');
    expect(fired(s, 'WWA-04')[0]?.message).toContain('origin');
    const other = goodSession();
    setResponseHeader(other, 'mcp-probe', 'WWW-Authenticate', 'Bearer resource_metadata="/.well-known/oauth-protected-resource"');
    expect(fired(other, 'WWA-04')[0]?.message).toContain('not an absolute URL');
  });
  it('is quiet for http on the same loopback origin', () => {
    expect(fired(goodSession(), 'WWA-04')).toEqual([]);
  });
});

describe('WWA-05 insufficient scope', () => {
  it('warns on insufficient_scope sent as 401', () => {
    const s = goodSession();
    append(s, 'mcp', { method: 'POST', url: MCP_URL }, { status: 401, headers: { 'WWW-Authenticate': 'Bearer error="insufficient_scope", scope="admin"' } });
    expect(fired(s, 'WWA-05').map((d) => d.title)).toEqual(['insufficient_scope sent with 401']);
  });
  it('warns on 403 insufficient_scope without scope', () => {
    const s = goodSession();
    append(s, 'mcp', { method: 'POST', url: MCP_URL }, { status: 403, headers: { 'WWW-Authenticate': 'Bearer error="insufficient_scope"' } });
    expect(fired(s, 'WWA-05').map((d) => d.severity)).toEqual(['warning']);
  });
  it('is an error when the same scope is challenged again after step-up', () => {
    const s = goodSession();
    stepUp(s, 'mcp admin', 'mcp admin', 'same-challenge');
    const ds = fired(s, 'WWA-05');
    expect(ds.map((d) => d.severity)).toEqual(['error']);
    expect(ds[0]?.evidence).toHaveLength(2);
  });
  it('stays quiet for a legitimate step-up, and so does everything else', () => {
    const s = goodSession();
    stepUp(s, 'admin', 'mcp admin', 'success');
    expect(fired(s, 'WWA-05')).toEqual([]);
    expect(runDiagnostics(s).filter((d) => d.severity !== 'info')).toEqual([]);
  });
  it('stays quiet with the 2025-11-25 style challenge that repeats granted scopes', () => {
    const s = goodSession('2025-11-25');
    stepUp(s, 'mcp admin', 'mcp admin', 'success');
    expect(runDiagnostics(s).filter((d) => d.severity !== 'info')).toEqual([]);
  });
});

describe('WWA rules ignore 200s', () => {
  it('does not look at successful MCP calls', () => {
    const s = goodSession();
    setStatus(s, 'mcp', 200);
    expect(runDiagnostics(s).filter((d) => d.rule.startsWith('WWA'))).toEqual([]);
  });
});

describe('unparseable challenges are read the way lenient clients read them', () => {
  it('takes the scope from an unquoted header for PRM-04', () => {
    const s = goodSession();
    setResponseHeader(s, 'mcp-probe', 'WWW-Authenticate', 'Bearer resource_metadata=http://127.0.0.1:4100/.well-known/oauth-protected-resource/mcp, scope="mcp"');
    expect(runDiagnostics(s).filter((d) => d.severity !== 'info').map((d) => d.rule)).toEqual(['WWA-02']);
  });
});

describe('WWA-05 over a long session', () => {
  it('looks for step-up loops in one pass over 8,000 cycling exchanges', () => {
    const s = cyclingSession(8000);
    // the last round's scope challenged again after its token: a loop, found only at the very end
    append(s, 'mcp', { method: 'POST', url: MCP_URL }, { status: 403, headers: { 'WWW-Authenticate': 'Bearer error="insufficient_scope", scope="s1999"' } });
    const facts = new Facts(s);
    facts.challenges();
    facts.tokenRequests();
    let lookups = 0;
    const position = facts.position.bind(facts);
    facts.position = (id: string) => {
      lookups++;
      return position(id);
    };
    const wwa05 = challengeRules.find((r) => r.id === 'WWA-05')!;
    const found = wwa05.check(facts);
    expect(found.map((f) => f.title)).toContain('The same scope is challenged again after step-up');
    expect(lookups).toBeLessThan(5 * s.exchanges.length);
  });
});
