import { describe, expect, it } from 'vitest';
import { append, fired, goodSession, patchResponseJson } from './test-support.js';

const NOW = Date.parse('2026-08-01T10:00:01Z') / 1000;

describe('SEC-01 secret issued to a none client', () => {
  it('fires', () => {
    const s = goodSession();
    patchResponseJson(s, 'registration', { client_secret: 'leaky', client_secret_expires_at: 0 });
    const [d] = fired(s, 'SEC-01');
    expect(d?.severity).toBe('warning');
    expect(d?.evidence[1]?.value).toBe('[redacted, 5 chars]');
  });
  it('is quiet', () => {
    expect(fired(goodSession(), 'SEC-01')).toEqual([]);
  });
});

describe('SEC-02 secret method without a secret', () => {
  it('fires', () => {
    const s = goodSession();
    patchResponseJson(s, 'registration', { token_endpoint_auth_method: 'client_secret_basic' });
    expect(fired(s, 'SEC-02')[0]?.severity).toBe('error');
  });
  it('is quiet when a secret came back', () => {
    const s = goodSession();
    patchResponseJson(s, 'registration', { token_endpoint_auth_method: 'client_secret_basic', client_secret: 'x', client_secret_expires_at: 0 });
    expect(fired(s, 'SEC-02')).toEqual([]);
  });
});

describe('SEC-03 secret without client_secret_expires_at', () => {
  it('fires', () => {
    const s = goodSession();
    patchResponseJson(s, 'registration', { token_endpoint_auth_method: 'client_secret_post', client_secret: 'x' });
    expect(fired(s, 'SEC-03')[0]?.evidence[1]).toMatchObject({ location: { pointer: '/client_secret_expires_at' }, value: 'absent' });
  });
  it('is quiet with 0 (never expires)', () => {
    const s = goodSession();
    patchResponseJson(s, 'registration', { token_endpoint_auth_method: 'client_secret_post', client_secret: 'x', client_secret_expires_at: 0 });
    expect(fired(s, 'SEC-03')).toEqual([]);
  });
});

describe('SEC-04 secret expired or expiring', () => {
  const withExpiry = (at: number) => {
    const s = goodSession();
    patchResponseJson(s, 'registration', { token_endpoint_auth_method: 'client_secret_post', client_secret: 'x', client_secret_expires_at: at });
    return s;
  };
  it('is an error once past', () => {
    expect(fired(withExpiry(NOW - 60), 'SEC-04')[0]?.severity).toBe('error');
  });
  it('is a warning within a day', () => {
    expect(fired(withExpiry(NOW + 3600), 'SEC-04')[0]?.severity).toBe('warning');
  });
  it('is quiet far ahead or for 0', () => {
    expect(fired(withExpiry(NOW + 90 * 86400), 'SEC-04')).toEqual([]);
    expect(fired(withExpiry(0), 'SEC-04')).toEqual([]);
  });
});

describe('SEC-05 client ID metadata document', () => {
  const URL_ = 'https://client.example/authtrace.json';
  const withDoc = (doc: object, revision: '2026-07-28' | '2025-06-18' = '2026-07-28') => {
    const s = goodSession(revision);
    append(s, 'client-metadata', { url: URL_ }, { status: 200, body: doc });
    return s;
  };
  it('fires on a shared-secret method', () => {
    const [d] = fired(withDoc({ client_id: URL_, token_endpoint_auth_method: 'client_secret_post', redirect_uris: ['http://127.0.0.1/cb'] }), 'SEC-05');
    expect(d?.message).toContain('client_secret_post');
  });
  it('fires when client_id is not the URL', () => {
    const [d] = fired(withDoc({ client_id: 'https://client.example/other.json', token_endpoint_auth_method: 'none' }), 'SEC-05');
    expect(d?.evidence[0]).toMatchObject({ location: { pointer: '/client_id' } });
  });
  it('is quiet on a correct document, and before CIMD existed', () => {
    expect(fired(withDoc({ client_id: URL_, token_endpoint_auth_method: 'none' }), 'SEC-05')).toEqual([]);
    expect(fired(withDoc({ client_id: 'x', client_secret: 'y' }, '2025-06-18'), 'SEC-05')).toEqual([]);
  });
});
