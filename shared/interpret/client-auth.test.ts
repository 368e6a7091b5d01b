import { describe, expect, it } from 'vitest';
import type { HttpRequest } from '../model.js';
import { encodeBase64 } from './base64.js';
import { readClientAuth } from './client-auth.js';

const usedMethod = (r: HttpRequest) => readClientAuth(r).used;

const req = (body: string, headers: [string, string][] = []): HttpRequest => ({
  method: 'POST',
  url: 'http://127.0.0.1/token',
  headers: headers.map(([name, value]) => ({ name, value })),
  body,
});

describe('readClientAuth', () => {
  it('reads none from a lone client_id', () => {
    expect(usedMethod(req('grant_type=authorization_code&code=x&client_id=abc'))).toBe('none');
  });
  it('reads client_secret_post', () => {
    expect(usedMethod(req('grant_type=authorization_code&client_id=abc&client_secret=s'))).toBe('client_secret_post');
  });
  it('reads client_secret_basic and the client id from the header', () => {
    const d = readClientAuth(req('grant_type=authorization_code', [['Authorization', `Basic ${encodeBase64('my%3Aid:s%2Fecret')}`]]));
    expect(d).toMatchObject({ methods: ['client_secret_basic'], used: 'client_secret_basic', clientId: 'my:id', basicNotUrlEncoded: false });
    expect(d.basic).toEqual({ rawId: 'my%3Aid', rawSecret: 's%2Fecret', id: 'my:id', secret: 's/ecret' });
  });
  it('flags Basic credentials that were not form-urlencoded first', () => {
    expect(readClientAuth(req('', [['authorization', `Basic ${encodeBase64('id:se/cr:et')}`]])).basicNotUrlEncoded).toBe(true);
  });
  it('reports two methods at once and no single used method', () => {
    const r = req('client_id=a&client_secret=s', [['Authorization', `Basic ${encodeBase64('a:s')}`]]);
    expect(readClientAuth(r).methods).toEqual(['client_secret_basic', 'client_secret_post']);
    expect(usedMethod(r)).toBeNull();
  });
  it('tells private_key_jwt from client_secret_jwt by the assertion alg', () => {
    const jwt = (alg: string) => `${encodeBase64(JSON.stringify({ alg })).replace(/=+$/, '')}.e30.sig`;
    expect(usedMethod(req(`client_id=a&client_assertion_type=x&client_assertion=${jwt('RS256')}`))).toBe('private_key_jwt');
    expect(usedMethod(req(`client_id=a&client_assertion_type=x&client_assertion=${jwt('HS256')}`))).toBe('client_secret_jwt');
  });
  it('reads nothing from a request without client identification', () => {
    expect(readClientAuth(req('grant_type=authorization_code')).methods).toEqual([]);
  });
});
