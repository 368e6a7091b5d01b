import { describe, expect, it } from 'vitest';
import {
  CLIENT_ID,
  fired,
  goodSession,
  ISSUER,
  jwt,
  MCP_URL,
  patchForm,
  patchQuery,
  patchRequestJson,
  patchResponseJson,
  REDIRECT_URI,
  removeRole,
  SessionBuilder,
  setStatus,
} from './test-support.js';
import { redirectMatches } from './registration.js';

describe('REG-01 redirect_uri not registered', () => {
  it('fires on a different path', () => {
    const s = goodSession();
    patchQuery(s, 'authorize', { redirect_uri: 'http://127.0.0.1:53123/other' });
    expect(fired(s, 'REG-01')[0]?.evidence[0]).toMatchObject({ location: { kind: 'request-query', name: 'redirect_uri' } });
  });
  it('accepts another port on loopback, and nothing else', () => {
    const s = goodSession();
    patchQuery(s, 'authorize', { redirect_uri: 'http://127.0.0.1:61000/callback' });
    expect(fired(s, 'REG-01')).toEqual([]);
    expect(redirectMatches('https://app.example:444/cb', 'https://app.example/cb')).toBe(false);
  });
});

describe('REG-02 loopback redirect problems', () => {
  it('is info for localhost', () => {
    const s = goodSession();
    patchQuery(s, 'authorize', { redirect_uri: 'http://localhost:53123/callback' });
    patchResponseJson(s, 'registration', { redirect_uris: ['http://localhost:53123/callback'] });
    const ds = fired(s, 'REG-02');
    expect(ds.map((d) => d.severity)).toEqual(['info']);
  });
  it('is an error for http on a non-loopback host', () => {
    const s = goodSession();
    patchResponseJson(s, 'registration', { redirect_uris: ['http://app.example/cb'] });
    patchQuery(s, 'authorize', { redirect_uri: 'http://app.example/cb' });
    expect(fired(s, 'REG-02').map((d) => d.severity)).toEqual(['error']);
  });
  it('is an error when the server refuses another loopback port', () => {
    const b = new SessionBuilder();
    b.add('registration', { method: 'POST', url: `${ISSUER}/reg`, body: JSON.stringify({ redirect_uris: [REDIRECT_URI], application_type: 'native' }) }, {
      status: 201,
      body: { client_id: CLIENT_ID, redirect_uris: [REDIRECT_URI], token_endpoint_auth_method: 'none' },
    });
    b.add('authorize', { url: `${ISSUER}/auth?redirect_uri=${encodeURIComponent('http://127.0.0.1:61000/callback')}` }, { status: 400, body: 'redirect_uri mismatch' });
    const [d] = fired(b.build(), 'REG-02');
    expect(d?.title).toContain('port');
  });
  it('is quiet on 127.0.0.1', () => {
    expect(fired(goodSession(), 'REG-02')).toEqual([]);
  });
});

describe('REG-03 grant not registered or not supported', () => {
  it('fires for the registration and for the metadata', () => {
    const s = goodSession();
    patchResponseJson(s, 'registration', { grant_types: ['authorization_code'] });
    patchResponseJson(s, 'as-metadata', { grant_types_supported: ['authorization_code'] });
    const ds = fired(s, 'REG-03');
    expect(ds).toHaveLength(2);
    expect(ds.every((d) => d.message.includes('refresh_token'))).toBe(true);
  });
  it('is quiet', () => {
    expect(fired(goodSession(), 'REG-03')).toEqual([]);
  });
});

describe('REG-04 code response type', () => {
  it('fires for both sides', () => {
    const s = goodSession();
    patchResponseJson(s, 'registration', { response_types: ['token'] });
    patchResponseJson(s, 'as-metadata', { response_types_supported: ['token'] });
    expect(fired(s, 'REG-04')).toHaveLength(2);
  });
  it('is quiet', () => {
    expect(fired(goodSession(), 'REG-04')).toEqual([]);
  });
});

describe('REG-05 token redirect_uri differs', () => {
  it('fires when different', () => {
    const s = goodSession();
    patchForm(s, 'token', { redirect_uri: 'http://127.0.0.1:53124/callback' });
    expect(fired(s, 'REG-05')[0]?.evidence[1]).toMatchObject({ location: { kind: 'request-form', name: 'redirect_uri' } });
  });
  it('fires when missing', () => {
    const s = goodSession();
    patchForm(s, 'token', { redirect_uri: null });
    expect(fired(s, 'REG-05')[0]?.message).toContain('sent none');
  });
  it('is quiet', () => {
    expect(fired(goodSession(), 'REG-05')).toEqual([]);
  });
});

describe('REG-06 DCR 200', () => {
  it('fires', () => {
    const s = goodSession();
    setStatus(s, 'registration', 200);
    expect(fired(s, 'REG-06')[0]?.severity).toBe('warning');
  });
  it('is quiet on 201', () => {
    expect(fired(goodSession(), 'REG-06')).toEqual([]);
  });
});

describe('REG-07 registration priority', () => {
  const cimd = (revision: '2026-07-28' | '2025-11-25' | '2025-06-18', hasDocument = true) => {
    const s = goodSession(revision);
    if (hasDocument) s.config.clientMetadataUrl = 'https://client.example/authtrace.json';
    patchResponseJson(s, 'as-metadata', { client_id_metadata_document_supported: true });
    return fired(s, 'REG-07').map((d) => d.severity);
  };
  it('is a warning under 2026-07-28 for a client that has a metadata document, info under 2025-11-25, absent before', () => {
    expect(cimd('2026-07-28')).toEqual(['warning']);
    expect(cimd('2025-11-25')).toEqual(['info']);
    expect(cimd('2025-06-18')).toEqual([]);
  });
  it('is info for a client without a metadata document, which may fall back to DCR', () => {
    expect(cimd('2026-07-28', false)).toEqual(['info']);
  });
  it('warns about DCR without a registration_endpoint', () => {
    const s = goodSession();
    patchResponseJson(s, 'as-metadata', { registration_endpoint: undefined });
    expect(fired(s, 'REG-07')[0]?.title).toContain('registration_endpoint');
  });
  it('is quiet', () => {
    expect(fired(goodSession(), 'REG-07')).toEqual([]);
  });
});

describe('REG-08 issuer binding', () => {
  it('is an error under 2026-07-28 when the stored client belongs to another issuer', () => {
    const s = goodSession();
    s.client = { ...s.client!, issuer: 'https://old-as.example' };
    expect(fired(s, 'REG-08')[0]?.severity).toBe('error');
  });
  it('is a warning before 2026-07-28', () => {
    const s = goodSession('2025-11-25');
    s.client = { ...s.client!, issuer: 'https://old-as.example' };
    expect(fired(s, 'REG-08')[0]?.severity).toBe('warning');
  });
  it('fires for a JWT access token from another issuer', () => {
    const s = goodSession();
    patchResponseJson(s, 'token', { access_token: jwt({ iss: 'https://other.example', aud: MCP_URL }) });
    expect(fired(s, 'REG-08')[0]?.evidence[0]?.value).toBe('JWT with iss https://other.example');
  });
  it('is quiet', () => {
    expect(fired(goodSession(), 'REG-08')).toEqual([]);
  });
});

describe('REG-09 application_type', () => {
  it('is an error under 2026-07-28 and info before when absent', () => {
    for (const [revision, severity] of [['2026-07-28', 'error'], ['2025-11-25', 'info'], ['2025-03-26', 'info']] as const) {
      const s = goodSession(revision);
      patchRequestJson(s, 'registration', { application_type: undefined });
      expect(fired(s, 'REG-09').map((d) => d.severity)).toEqual([severity]);
    }
  });
  it('fires for a loopback client registering as web', () => {
    const s = goodSession();
    patchRequestJson(s, 'registration', { application_type: 'web' });
    expect(fired(s, 'REG-09')[0]?.message).toContain('native');
  });
  it('is quiet for native, and without DCR', () => {
    expect(fired(goodSession(), 'REG-09')).toEqual([]);
    const s = goodSession();
    removeRole(s, 'registration');
    expect(fired(s, 'REG-09')).toEqual([]);
  });
});
