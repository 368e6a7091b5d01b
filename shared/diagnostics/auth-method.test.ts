import { describe, expect, it } from 'vitest';
import { SYMPTOM_NO_CLIENT_INFO } from './auth-method.js';
import {
  basic,
  CLIENT_ID,
  fired,
  goodSession,
  patchForm,
  patchRequestJson,
  patchResponseJson,
  removeRole,
  setRequestHeader,
  setStatus,
} from './test-support.js';

const sendBasic = (s: ReturnType<typeof goodSession>, id = CLIENT_ID, secret = 's3cr3t-value'): void => {
  setRequestHeader(s, 'token', 'Authorization', basic(id, secret));
  patchForm(s, 'token', { client_id: null });
};

describe('AM-01 registered method not advertised', () => {
  it('fires when the server registers a method it does not advertise', () => {
    const s = goodSession();
    patchResponseJson(s, 'as-metadata', { token_endpoint_auth_methods_supported: ['none', 'client_secret_basic'] });
    patchResponseJson(s, 'registration', { token_endpoint_auth_method: 'client_secret_post', client_secret: 'x', client_secret_expires_at: 0 });
    const [d] = fired(s, 'AM-01');
    expect(d?.severity).toBe('error');
    expect(d?.evidence.map((e) => e.location)).toEqual([
      { kind: 'response-json', pointer: '/token_endpoint_auth_methods_supported' },
      { kind: 'response-json', pointer: '/token_endpoint_auth_method' },
    ]);
    expect(d?.evidence[0]?.exchangeId).toBe('ex-3');
    expect(d?.evidence[1]?.exchangeId).toBe('ex-4');
  });
  it('is quiet when the registered method is advertised', () => {
    expect(fired(goodSession(), 'AM-01')).toEqual([]);
  });
});

describe('AM-02 public client, none not advertised', () => {
  it('fires on the known failure: none registered, only secret methods advertised', () => {
    const s = goodSession();
    patchResponseJson(s, 'as-metadata', { token_endpoint_auth_methods_supported: ['client_secret_post', 'client_secret_basic'] });
    const [d, ...rest] = fired(s, 'AM-02');
    expect(rest).toEqual([]);
    expect(d?.severity).toBe('error');
    expect(d?.symptom).toBe(SYMPTOM_NO_CLIENT_INFO);
    expect(d?.evidence[0]?.value).toBe('["client_secret_post","client_secret_basic"]');
    expect(d?.evidence[1]).toMatchObject({ exchangeId: 'ex-4', location: { pointer: '/token_endpoint_auth_method' }, value: 'none' });
    // AM-02 is the specific form: AM-01 does not repeat it.
    expect(fired(s, 'AM-01')).toEqual([]);
  });
  it('fires when the token endpoint accepts a none client that was not registered this session', () => {
    const s = goodSession();
    removeRole(s, 'registration');
    s.client = { ...s.client!, token_endpoint_auth_method: 'client_secret_post', client_secret: 'x' };
    patchResponseJson(s, 'as-metadata', { token_endpoint_auth_methods_supported: ['client_secret_post'] });
    expect(fired(s, 'AM-02')[0]?.evidence.some((e) => e.location.kind === 'response-status')).toBe(true);
  });
  it('is quiet when none is advertised', () => {
    expect(fired(goodSession(), 'AM-02')).toEqual([]);
  });
});

describe('AM-03 used differs from registered', () => {
  it('fires even when the server accepts the other method', () => {
    const s = goodSession();
    patchResponseJson(s, 'registration', { token_endpoint_auth_method: 'client_secret_post', client_secret: 's', client_secret_expires_at: 0 });
    sendBasic(s);
    const [d] = fired(s, 'AM-03');
    expect(d?.severity).toBe('error');
    expect(d?.message).toContain('accepted it anyway');
    expect(d?.evidence.find((e) => e.location.kind === 'request-header')?.value).not.toContain('s3cr3t');
  });
  it('fires with the invalid_client symptom when a cached client lost its method', () => {
    const s = goodSession();
    removeRole(s, 'registration');
    s.client = {
      ...s.client!,
      token_endpoint_auth_method: 'unknown',
      client_secret: 'kept-secret',
      registrationResponse: { client_id: CLIENT_ID, token_endpoint_auth_method: 'client_secret_post' },
    };
    setStatus(s, 'token', 401);
    patchResponseJson(s, 'token', () => ({ error: 'invalid_client' }));
    const [d] = fired(s, 'AM-03');
    expect(d?.symptom).toContain('invalid_client');
    expect(d?.evidence[0]).toMatchObject({ location: { kind: 'client', field: 'registrationResponse.token_endpoint_auth_method' } });
  });
  it('is quiet when the registered method is used', () => {
    expect(fired(goodSession(), 'AM-03')).toEqual([]);
  });
});

describe('AM-04 used method not advertised', () => {
  it('fires', () => {
    const s = goodSession();
    patchResponseJson(s, 'as-metadata', { token_endpoint_auth_methods_supported: ['none', 'client_secret_post'] });
    sendBasic(s);
    const [d] = fired(s, 'AM-04');
    expect(d?.severity).toBe('warning');
    expect(d?.evidence[1]).toMatchObject({ location: { kind: 'request-header', name: 'Authorization' } });
  });
  it('reads the RFC 8414 default when the field is absent', () => {
    const s = goodSession();
    patchResponseJson(s, 'as-metadata', { token_endpoint_auth_methods_supported: undefined });
    patchResponseJson(s, 'registration', { token_endpoint_auth_method: 'client_secret_post', client_secret: 'x', client_secret_expires_at: 0 });
    patchForm(s, 'token', { client_secret: 'x' });
    expect(fired(s, 'AM-04')[0]?.evidence[0]?.value).toContain('default');
  });
  it('leaves an accepted none client to AM-02', () => {
    const s = goodSession();
    patchResponseJson(s, 'as-metadata', { token_endpoint_auth_methods_supported: ['client_secret_post'] });
    expect(fired(s, 'AM-04')).toEqual([]);
    expect(fired(s, 'AM-02')).toHaveLength(1);
  });
  it('is quiet', () => {
    expect(fired(goodSession(), 'AM-04')).toEqual([]);
  });
});

describe('AM-05 two methods in one request', () => {
  it('fires on Basic plus client_secret in the body', () => {
    const s = goodSession();
    setRequestHeader(s, 'token', 'Authorization', basic(CLIENT_ID, 'abc'));
    patchForm(s, 'token', { client_secret: 'abc' });
    const [d] = fired(s, 'AM-05');
    expect(d?.evidence.map((e) => e.location.kind)).toEqual(['request-header', 'request-form']);
    expect(JSON.stringify(d)).not.toContain('"abc"');
  });
  it('is quiet with one method', () => {
    expect(fired(goodSession(), 'AM-05')).toEqual([]);
  });
});

describe('a token request with a JSON body', () => {
  // shared/http/client-auth.ts reads any body as a form; a JSON body is no form, so nothing in it is a method.
  const jsonToken = (s: ReturnType<typeof goodSession>, fields: Record<string, string>): void => {
    const ex = s.exchanges.find((e) => e.role === 'token')!;
    ex.request.body = JSON.stringify(fields);
    ex.request.headers = [{ name: 'Content-Type', value: 'application/json' }];
  };
  it('fires no AM-03 for form-like text inside its strings', () => {
    const s = goodSession();
    jsonToken(s, { grant_type: 'authorization_code', client_id: CLIENT_ID, redirect_uri: 'http://127.0.0.1:53123/callback?a=1&client_secret=zz' });
    expect(fired(s, 'AM-03')).toEqual([]);
  });
  it('fires no AM-05 next to a Basic header', () => {
    const s = goodSession();
    jsonToken(s, { grant_type: 'authorization_code', note: 'x=1&client_secret=zz' });
    setRequestHeader(s, 'token', 'Authorization', basic(CLIENT_ID, 'abc'));
    expect(fired(s, 'AM-05')).toEqual([]);
  });
});

describe('AM-06 server substituted the method', () => {
  it('fires as info', () => {
    const s = goodSession();
    patchResponseJson(s, 'registration', { token_endpoint_auth_method: 'client_secret_basic', client_secret: 'x', client_secret_expires_at: 0 });
    expect(fired(s, 'AM-06')[0]?.severity).toBe('info');
  });
  it('is quiet when the server kept the requested method', () => {
    expect(fired(goodSession(), 'AM-06')).toEqual([]);
  });
});

describe('AM-07 stored client without a method', () => {
  it('fires', () => {
    const s = goodSession();
    removeRole(s, 'registration');
    s.client = { ...s.client!, token_endpoint_auth_method: 'unknown' };
    const [d] = fired(s, 'AM-07');
    expect(d?.severity).toBe('warning');
    expect(d?.message).toContain('client_secret_basic');
    expect(d?.evidence[0]?.location).toEqual({ kind: 'client', field: 'token_endpoint_auth_method' });
  });
  it('is quiet when the method is known', () => {
    const s = goodSession();
    removeRole(s, 'registration');
    expect(fired(s, 'AM-07')).toEqual([]);
  });
});

describe('AM-08 method chosen by list order', () => {
  function lostMethod() {
    const s = goodSession();
    removeRole(s, 'registration');
    s.client = { ...s.client!, token_endpoint_auth_method: 'unknown', client_secret: 'cached' };
    setStatus(s, 'token', 401);
    patchResponseJson(s, 'token', () => ({ error: 'invalid_client' }));
    return s;
  }
  it('fires on the known failure: cached client, none listed first, invalid_client', () => {
    const s = lostMethod();
    const [d] = fired(s, 'AM-08');
    expect(d?.severity).toBe('warning');
    expect(d?.symptom).toContain('invalid_client');
    expect(fired(s, 'AM-07')).toHaveLength(1);
  });
  it('is quiet when the first advertised entry is the RFC default anyway', () => {
    const s = lostMethod();
    patchResponseJson(s, 'as-metadata', { token_endpoint_auth_methods_supported: ['client_secret_basic', 'none'] });
    expect(fired(s, 'AM-08')).toEqual([]);
  });
  it('is quiet for a client with a stored method', () => {
    expect(fired(goodSession(), 'AM-08')).toEqual([]);
  });
  it('is quiet for a client without a secret: it can only use none', () => {
    const s = lostMethod();
    delete s.client!.client_secret;
    expect(fired(s, 'AM-08')).toEqual([]);
  });
});

describe('AM-07 and AM-08 on a client rebuilt from a foreign recording', () => {
  function imported(withRegistration: boolean) {
    const s = goodSession();
    if (!withRegistration) removeRole(s, 'registration');
    else patchResponseJson(s, 'registration', { token_endpoint_auth_method: undefined }, 'first');
    if (withRegistration) patchRequestJson(s, 'registration', { token_endpoint_auth_method: undefined });
    s.client = { ...s.client!, token_endpoint_auth_method: 'unknown', source: 'imported', client_secret: 'cached' };
    return s;
  }
  it('are quiet when the recording has no registration: the method was never seen, not lost', () => {
    const s = imported(false);
    expect(fired(s, 'AM-07')).toEqual([]);
    expect(fired(s, 'AM-08')).toEqual([]);
  });
  it('still fire for an imported client whose recorded registration did not say the method', () => {
    const s = imported(true);
    expect(fired(s, 'AM-07')).toHaveLength(1);
    expect(fired(s, 'AM-08')).toHaveLength(1);
  });
});

describe('AM-09 Basic credentials not form-urlencoded', () => {
  it('fires when a reserved character is sent raw', () => {
    const s = goodSession();
    patchResponseJson(s, 'registration', { token_endpoint_auth_method: 'client_secret_basic', client_secret: 'a/b:c', client_secret_expires_at: 0 });
    sendBasic(s, CLIENT_ID, 'a/b:c');
    const [d] = fired(s, 'AM-09');
    expect(d?.message).toContain('the secret');
    expect(JSON.stringify(d)).not.toContain('a/b:c');
  });
  it('is quiet when the secret is encoded', () => {
    const s = goodSession();
    patchResponseJson(s, 'registration', { token_endpoint_auth_method: 'client_secret_basic', client_secret: 'a/b:c', client_secret_expires_at: 0 });
    sendBasic(s, CLIENT_ID, encodeURIComponent('a/b:c'));
    expect(fired(s, 'AM-09')).toEqual([]);
  });
});

describe('AM helpers over the request', () => {
  it('reads client_secret_jwt from an HS256 assertion', () => {
    const s = goodSession();
    patchResponseJson(s, 'registration', { token_endpoint_auth_method: 'private_key_jwt', jwks_uri: 'https://c/jwks' });
    patchRequestJson(s, 'registration', { token_endpoint_auth_method: 'private_key_jwt' });
    const header = btoa(JSON.stringify({ alg: 'HS256' })).replace(/=+$/, '');
    patchForm(s, 'token', { client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer', client_assertion: `${header}.e30.sig` });
    expect(fired(s, 'AM-03')[0]?.message).toContain('"client_secret_jwt"');
  });
});
