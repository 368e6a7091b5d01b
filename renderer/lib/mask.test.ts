import { describe, expect, it } from 'vitest';
import { MASK, maskBody, maskHeaderValue, maskUrl } from './mask.js';

describe('masking', () => {
  it('keeps the auth scheme and hides the credential', () => {
    expect(maskHeaderValue('Authorization', 'Bearer eyJhbGciOi.x.y')).toBe(`Bearer ${MASK}`);
    expect(maskHeaderValue('authorization', 'Basic Zm9vOmJhcg==')).toBe(`Basic ${MASK}`);
    expect(maskHeaderValue('Cookie', 'sid=1')).toBe(MASK);
    expect(maskHeaderValue('Content-Type', 'application/json')).toBe('application/json');
  });

  it('masks secret fields in JSON and form bodies only', () => {
    expect(maskBody('{"access_token":"abc","token_type":"Bearer","refresh_token":"r"}')).toBe(
      `{"access_token":"${MASK}","token_type":"Bearer","refresh_token":"${MASK}"}`,
    );
    expect(maskBody('grant_type=authorization_code&code=xyz&client_secret=s3&client_id=c')).toBe(
      `grant_type=authorization_code&code=${MASK}&client_secret=${MASK}&client_id=c`,
    );
    expect(maskBody('plain text with code=1 in it')).toBe('plain text with code=1 in it');
  });

  it('masks secret query parameters in URLs', () => {
    const masked = maskUrl('http://127.0.0.1:1/callback?code=abc&state=s&iss=x');
    expect(masked).toContain(`code=${MASK}`);
    expect(masked).toContain('state=s');
    expect(maskUrl('not a url')).toBe('not a url');
  });

  it('masks token, device_code and logout_token too', () => {
    expect(maskBody('token=abc&token_type_hint=refresh_token')).toBe(`token=${MASK}&token_type_hint=refresh_token`);
    expect(maskBody('grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Adevice_code&device_code=dc1')).toBe(
      `grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Adevice_code&device_code=${MASK}`,
    );
    expect(maskBody('{"logout_token":"eyJ.x.y"}')).toBe(`{"logout_token":"${MASK}"}`);
  });

  it('masks a form body with whitespace or newlines around it, keeping them', () => {
    expect(maskBody('code=xyz&code_verifier=v\n')).toBe(`code=${MASK}&code_verifier=${MASK}\n`);
    expect(maskBody('  client_secret=s3&client_id=c \r\n')).toBe(`  client_secret=${MASK}&client_id=c \r\n`);
  });

  it('masks fragment parameters (an implicit or hybrid response)', () => {
    expect(maskUrl('http://127.0.0.1:1/cb#access_token=abc&token_type=Bearer&state=s')).toBe(`http://127.0.0.1:1/cb#access_token=${MASK}&token_type=Bearer&state=s`);
    expect(maskUrl('http://127.0.0.1:1/cb?code=abc#id_token=x.y.z')).toBe(`http://127.0.0.1:1/cb?code=${MASK}#id_token=${MASK}`);
    expect(maskUrl('https://docs.example/page#section-2')).toBe('https://docs.example/page#section-2');
  });

  it('shows the mask itself, not its percent-encoding, and leaves the rest as written', () => {
    const masked = maskUrl('https://as.example/authorize?client_id=c&code_challenge=x&redirect_uri=http%3A%2F%2F127.0.0.1%2Fcb&code=abc');
    expect(masked).toBe(`https://as.example/authorize?client_id=c&code_challenge=x&redirect_uri=http%3A%2F%2F127.0.0.1%2Fcb&code=${MASK}`);
    expect(masked).not.toContain('%E2%80%A2');
    expect(maskUrl('/callback?code=abc&state=s')).toBe(`/callback?code=${MASK}&state=s`);
  });
});
