import { describe, expect, it } from 'vitest';
import { applyChallengeFault, missingTokenChallenge } from './challenge.js';
import { detectAttempt } from './method-enforcement.js';
import { rewriteMetadata } from './metadata-faults.js';
import { profileBehaviour } from './profiles.js';

function jwt(header: object, payload: object): string {
  const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${part(header)}.${part(payload)}.signature`;
}

describe('detectAttempt', () => {
  it('reads the method from what the token request carries', () => {
    const basic = `Basic ${Buffer.from('my%20client:s3cret').toString('base64')}`;
    expect(detectAttempt(basic, new URLSearchParams())).toEqual({ method: 'client_secret_basic', clientId: 'my client' });
    expect(detectAttempt(undefined, new URLSearchParams({ client_id: 'c', client_secret: 's' }))).toEqual({ method: 'client_secret_post', clientId: 'c' });
    expect(detectAttempt(undefined, new URLSearchParams({ client_id: 'c' }))).toEqual({ method: 'none', clientId: 'c' });
    expect(detectAttempt(undefined, new URLSearchParams({ client_assertion: jwt({ alg: 'HS256' }, { sub: 'c' }) }))).toEqual({
      method: 'client_secret_jwt',
      clientId: 'c',
    });
    expect(detectAttempt(undefined, new URLSearchParams({ client_assertion: jwt({ alg: 'ES256' }, { sub: 'c' }) }))).toEqual({
      method: 'private_key_jwt',
      clientId: 'c',
    });
  });
});

describe('challenge faults', () => {
  const url = 'http://127.0.0.1:1/.well-known/oauth-protected-resource/mcp';
  const sdkChallenge = `Bearer error="invalid_token", error_description="bad", scope="mcp:tools", resource_metadata="${url}"`;

  it('builds the missing-token challenge per profile', () => {
    expect(missingTokenChallenge(profileBehaviour('correct'), url)).toBe(`Bearer resource_metadata="${url}", scope="mcp:tools"`);
    expect(missingTokenChallenge(profileBehaviour('unquoted-challenge'), url)).toBe(`Bearer resource_metadata=${url}, scope="mcp:tools"`);
    expect(missingTokenChallenge(profileBehaviour('no-resource-metadata-header'), url)).toBe('Bearer');
  });

  it('rewrites the challenges the MCP SDK builds', () => {
    expect(applyChallengeFault(profileBehaviour('correct'), sdkChallenge)).toBe(sdkChallenge);
    expect(applyChallengeFault(profileBehaviour('unquoted-challenge'), sdkChallenge)).toContain(`resource_metadata=${url}`);
    expect(applyChallengeFault(profileBehaviour('legacy-2025-03-26'), sdkChallenge)).toBe(
      'Bearer error="invalid_token", error_description="bad", scope="mcp:tools"',
    );
  });
});

describe('rewriteMetadata', () => {
  const metadata = {
    issuer: 'http://127.0.0.1:9',
    code_challenge_methods_supported: ['S256'],
    token_endpoint_auth_methods_supported: ['client_secret_basic'],
  };

  it('changes only what the profile names', () => {
    expect(rewriteMetadata(metadata, profileBehaviour('no-pkce-metadata'))).not.toHaveProperty('code_challenge_methods_supported');
    expect(rewriteMetadata(metadata, profileBehaviour('issuer-mismatch')).issuer).toBe('http://localhost:9');
    expect(rewriteMetadata(metadata, profileBehaviour('none-first')).token_endpoint_auth_methods_supported).toEqual([
      'none', 'client_secret_post', 'client_secret_basic',
    ]);
    expect(rewriteMetadata(metadata, profileBehaviour('correct'))).toMatchObject({ issuer: metadata.issuer, code_challenge_methods_supported: ['S256'] });
  });
});
