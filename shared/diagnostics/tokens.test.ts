import { describe, expect, it } from 'vitest';
import { fired, goodSession, patchForm, patchQuery, patchResponseJson } from './test-support.js';

describe('TOK-01 access_token and token_type', () => {
  it('fires without token_type', () => {
    const s = goodSession();
    patchResponseJson(s, 'token', { token_type: undefined });
    expect(fired(s, 'TOK-01')[0]?.message).toContain('no token_type');
  });
  it('fires with an unknown token_type or no access_token', () => {
    const s = goodSession();
    patchResponseJson(s, 'token', { token_type: 'mac', access_token: undefined });
    expect(fired(s, 'TOK-01')[0]?.evidence).toHaveLength(2);
  });
  it('accepts bearer in any case', () => {
    const s = goodSession();
    patchResponseJson(s, 'token', { token_type: 'bearer' });
    expect(fired(s, 'TOK-01')).toEqual([]);
  });
});

describe('TOK-02 expires_in', () => {
  const withExpiry = (value: unknown) => {
    const s = goodSession();
    patchResponseJson(s, 'token', { expires_in: value });
    return fired(s, 'TOK-02').map((d) => d.severity);
  };
  it('warns when absent or a numeric string, errs on garbage', () => {
    expect(withExpiry(undefined)).toEqual(['warning']);
    expect(withExpiry('3600')).toEqual(['warning']);
    expect(withExpiry('an hour')).toEqual(['error']);
  });
  it('is quiet on a number', () => {
    expect(withExpiry(3600)).toEqual([]);
  });
});

describe('TOK-03 narrower scope', () => {
  it('fires', () => {
    const s = goodSession();
    patchQuery(s, 'authorize', { scope: 'mcp admin' });
    const [d] = fired(s, 'TOK-03');
    expect(d?.message).toContain('without admin');
  });
  it('is quiet when the response omits scope (same as requested) or grants it', () => {
    const s = goodSession();
    patchResponseJson(s, 'token', { scope: undefined });
    expect(fired(s, 'TOK-03')).toEqual([]);
    expect(fired(goodSession(), 'TOK-03')).toEqual([]);
  });
});

describe('TOK-04 refresh tokens', () => {
  it('is info when a refresh-capable client gets none', () => {
    const s = goodSession();
    patchResponseJson(s, 'token', { refresh_token: undefined });
    expect(fired(s, 'TOK-04').map((d) => d.severity)).toEqual(['info']);
  });
  it('warns when a public client refresh token is not rotated', () => {
    const s = goodSession();
    patchResponseJson(s, 'refresh', { refresh_token: 'rt-1' });
    const [d] = fired(s, 'TOK-04');
    expect(d?.severity).toBe('warning');
    expect(JSON.stringify(d)).not.toContain('rt-1');
  });
  it('does not ask confidential clients to rotate', () => {
    const s = goodSession();
    patchResponseJson(s, 'refresh', { refresh_token: undefined });
    patchForm(s, 'refresh', { client_secret: 'x' });
    expect(fired(s, 'TOK-04')).toEqual([]);
  });
  it('is quiet', () => {
    expect(fired(goodSession(), 'TOK-04')).toEqual([]);
  });
});

