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
});
