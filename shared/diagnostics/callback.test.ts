import { describe, expect, it } from 'vitest';
import { append, fired, goodSession, ISSUER, patchQuery, patchResponseJson, REDIRECT_URI, removeRole } from './test-support.js';

describe('CB-01 state', () => {
  it('fires when state is missing', () => {
    const s = goodSession();
    patchQuery(s, 'callback', { state: null });
    expect(fired(s, 'CB-01')[0]?.evidence[1]).toEqual({ exchangeId: 'ex-6', location: { kind: 'request-query', name: 'state' }, value: 'absent' });
  });
  it('fires when state differs', () => {
    const s = goodSession();
    patchQuery(s, 'callback', { state: 'other' });
    expect(fired(s, 'CB-01')).toHaveLength(1);
  });
  it('reads the Location of the last redirect when there is no callback exchange (HAR)', () => {
    const s = goodSession();
    removeRole(s, 'callback');
    append(s, 'authorize-redirect', { url: `${ISSUER}/interaction/1/login` }, { status: 303, headers: { Location: `${REDIRECT_URI}?code=c&state=wrong&iss=${encodeURIComponent(ISSUER)}` } });
    const [d] = fired(s, 'CB-01');
    expect(d?.evidence[1]).toMatchObject({ location: { kind: 'response-header', name: 'Location' }, value: 'wrong' });
  });
  it('is quiet', () => {
    expect(fired(goodSession(), 'CB-01')).toEqual([]);
  });
});

describe('CB-02 iss', () => {
  it('is an error under 2026-07-28 when iss differs', () => {
    const s = goodSession();
    patchQuery(s, 'callback', { iss: 'https://evil.example' });
    expect(fired(s, 'CB-02')[0]?.severity).toBe('error');
  });
  it('is a warning before 2026-07-28', () => {
    const s = goodSession('2025-11-25');
    patchQuery(s, 'callback', { iss: `${ISSUER}/` });
    expect(fired(s, 'CB-02')[0]?.severity).toBe('warning');
  });
  it('fires when iss is absent but promised', () => {
    const s = goodSession();
    patchQuery(s, 'callback', { iss: null });
    expect(fired(s, 'CB-02')[0]?.evidence[1]).toMatchObject({ location: { pointer: '/authorization_response_iss_parameter_supported' } });
  });
  it.each(['2026-07-28', '2025-11-25', '2025-06-18', '2025-03-26'] as const)('is an error under %s when iss is absent but promised (RFC 9207 MUST)', (revision) => {
    const s = goodSession(revision);
    patchQuery(s, 'callback', { iss: null });
    expect(fired(s, 'CB-02')[0]?.severity).toBe('error');
  });
  it('is quiet when absent and not promised, or correct', () => {
    const s = goodSession();
    patchQuery(s, 'callback', { iss: null });
    patchResponseJson(s, 'as-metadata', { authorization_response_iss_parameter_supported: undefined });
    expect(fired(s, 'CB-02')).toEqual([]);
    expect(fired(goodSession(), 'CB-02')).toEqual([]);
  });
});

describe('the authorization response behind a redirect (review findings)', () => {
  /** A HAR-like flow: the callback is the consent redirect whose Location carries the code to a custom scheme. */
  function customScheme(location: string) {
    const s = goodSession();
    const callback = s.exchanges.find((e) => e.role === 'callback')!;
    Object.assign(callback, {
      request: { method: 'POST', url: `${ISSUER}/interaction/1/consent`, headers: [], body: 'ok=1' },
      outcome: 'response',
      response: { status: 303, statusText: '', headers: [{ name: 'Location', value: location }], body: '', truncated: false, bodySize: 0, httpVersion: 'HTTP/1.1' },
      timings: { wait: 1, receive: 1, total: 2 },
    });
    return s;
  }

  it('reads state and iss from the Location of a callback that is a redirect hop', () => {
    const s = customScheme(`vscode://auth/cb?code=c&state=st-1&iss=${encodeURIComponent(ISSUER)}`);
    expect(fired(s, 'CB-01')).toEqual([]);
    expect(fired(s, 'CB-02')).toEqual([]);
  });

  it('still fires on a wrong state in that Location, with the Location as evidence', () => {
    const s = customScheme(`vscode://auth/cb?code=c&state=other&iss=${encodeURIComponent(ISSUER)}`);
    expect(fired(s, 'CB-01')[0]?.evidence[1]).toMatchObject({ location: { kind: 'response-header', name: 'Location' }, value: 'other' });
  });

  it('takes no redirect to a login page for the authorization response', () => {
    const s = goodSession();
    removeRole(s, 'callback');
    append(s, 'authorize-redirect', { url: `${ISSUER}/auth?x=1` }, { status: 302, headers: { Location: '/login?next=1' } });
    expect(fired(s, 'CB-01')).toEqual([]);
    expect(fired(s, 'CB-02')).toEqual([]);
  });

  it('takes the last redirect that carries the code, not a later one that does not', () => {
    const s = goodSession();
    removeRole(s, 'callback');
    append(s, 'authorize-redirect', { url: `${ISSUER}/consent` }, { status: 303, headers: { Location: `${REDIRECT_URI}?code=c&state=wrong` } });
    append(s, 'authorize-redirect', { url: `${ISSUER}/auth?x=1` }, { status: 302, headers: { Location: '/login?next=1' } });
    expect(fired(s, 'CB-01')[0]?.evidence[1]).toMatchObject({ value: 'wrong' });
  });
});

describe('CB-03 denied without a scope', () => {
  it('fires when access_denied answers a request with no scope', () => {
    const s = goodSession();
    patchQuery(s, 'authorize', { scope: null });
    patchQuery(s, 'callback', { code: null, error: 'access_denied' });
    const [d] = fired(s, 'CB-03');
    expect(d?.severity).toBe('warning');
    expect(d?.evidence.map((e) => e.value)).toEqual(['absent', 'access_denied']);
  });
  it('is quiet when the request asked for a scope, or nothing was denied', () => {
    const s = goodSession();
    patchQuery(s, 'callback', { code: null, error: 'access_denied' });
    expect(fired(s, 'CB-03')).toEqual([]);
    expect(fired(goodSession(), 'CB-03')).toEqual([]);
  });
});
