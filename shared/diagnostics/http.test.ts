import { describe, expect, it } from 'vitest';
import { basic, CLIENT_ID, fired, goodSession, patchForm, patchResponseJson, setRequestHeader, setResponseHeader, setStatus } from './test-support.js';

describe('HTTP-01 no-store', () => {
  it('fires for a token response without no-store', () => {
    const s = goodSession();
    setResponseHeader(s, 'token', 'Cache-Control', 'private, max-age=0');
    const [d, ...rest] = fired(s, 'HTTP-01');
    expect(rest).toEqual([]);
    expect(d?.evidence[0]).toMatchObject({ exchangeId: 'ex-7', value: 'private, max-age=0' });
  });
  it('fires for a registration response', () => {
    const s = goodSession();
    setResponseHeader(s, 'registration', 'Cache-Control', null);
    expect(fired(s, 'HTTP-01')[0]?.spec.ref).toBe('RFC 7591 §3.2.1');
  });
  it('is quiet, and ignores error responses', () => {
    expect(fired(goodSession(), 'HTTP-01')).toEqual([]);
    const s = goodSession();
    setStatus(s, 'token', 400);
    setResponseHeader(s, 'token', 'Cache-Control', null);
    expect(fired(s, 'HTTP-01')).toEqual([]);
  });
});

describe('HTTP-02 JSON content type', () => {
  it('fires for metadata served as text/plain', () => {
    const s = goodSession();
    setResponseHeader(s, 'as-metadata', 'Content-Type', 'text/plain');
    expect(fired(s, 'HTTP-02')[0]?.evidence[0]?.value).toBe('text/plain');
  });
  it('accepts application/json with parameters and +json types', () => {
    const s = goodSession();
    setResponseHeader(s, 'resource-metadata', 'Content-Type', 'application/problem+json');
    expect(fired(s, 'HTTP-02')).toEqual([]);
    expect(fired(goodSession(), 'HTTP-02')).toEqual([]);
  });
});

describe('HTTP-03 invalid_client status', () => {
  it('fires when a Basic attempt gets 401 without WWW-Authenticate', () => {
    const s = goodSession();
    setRequestHeader(s, 'token', 'Authorization', basic(CLIENT_ID, 'x'));
    patchForm(s, 'token', { client_id: null });
    setStatus(s, 'token', 401);
    patchResponseJson(s, 'token', () => ({ error: 'invalid_client' }));
    expect(fired(s, 'HTTP-03')[0]?.evidence[1]).toMatchObject({ value: 'absent' });
  });
  it('notes invalid_client as 400', () => {
    const s = goodSession();
    setStatus(s, 'token', 400);
    patchResponseJson(s, 'token', () => ({ error: 'invalid_client' }));
    expect(fired(s, 'HTTP-03')[0]?.severity).toBe('info');
  });
  it('is quiet for 401 after a form attempt', () => {
    const s = goodSession();
    setStatus(s, 'token', 401);
    patchResponseJson(s, 'token', () => ({ error: 'invalid_client' }));
    expect(fired(s, 'HTTP-03')).toEqual([]);
  });
});
