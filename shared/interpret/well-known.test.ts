import { describe, expect, it } from 'vitest';
import { asMetadataCandidates as authorizationServerMetadataUrls, canonicalResource, issuerFromWellKnown, resourceFromWellKnown, resourceMetadataCandidates as resourceMetadataUrls } from './well-known.js';

describe('discovery URLs', () => {
  it('orders resource metadata URLs: hint, path-inserted, root', () => {
    expect(resourceMetadataUrls('https://mcp.example.com/mcp', 'https://mcp.example.com/prm').map((x) => x.url)).toEqual([
      'https://mcp.example.com/prm',
      'https://mcp.example.com/.well-known/oauth-protected-resource/mcp',
      'https://mcp.example.com/.well-known/oauth-protected-resource',
    ]);
  });
  it('builds the three AS metadata URLs for a path issuer (GitHub)', () => {
    expect(authorizationServerMetadataUrls('https://github.com/login/oauth').map((x) => x.url)).toEqual([
      'https://github.com/.well-known/oauth-authorization-server/login/oauth',
      'https://github.com/.well-known/openid-configuration/login/oauth',
      'https://github.com/login/oauth/.well-known/openid-configuration',
    ]);
  });
  it('keeps a query component where the specs insert the well-known path (RFC 8414 §3.1, RFC 9728 §3.1)', () => {
    expect(resourceMetadataUrls('https://mcp.example.com/mcp?tenant=a')[0]!.url).toBe('https://mcp.example.com/.well-known/oauth-protected-resource/mcp?tenant=a');
    expect(authorizationServerMetadataUrls('https://as.example.com/t?x=1')[0]!.url).toBe('https://as.example.com/.well-known/oauth-authorization-server/t?x=1');
  });
  it('builds two URLs for an issuer without a path', () => {
    expect(authorizationServerMetadataUrls('https://auth.example.com/').map((x) => x.url)).toEqual([
      'https://auth.example.com/.well-known/oauth-authorization-server',
      'https://auth.example.com/.well-known/openid-configuration',
    ]);
  });
  it('canonicalises resources without a trailing slash on bare origins', () => {
    expect(canonicalResource('https://mcp.example.com/')).toBe('https://mcp.example.com');
    expect(canonicalResource('https://mcp.example.com/mcp#x')).toBe('https://mcp.example.com/mcp');
  });
  it('removes every terminating slash and keeps a query, the same way for the engine and the rules', () => {
    expect(authorizationServerMetadataUrls('https://as.example/tenant1//').map((x) => x.url)).toEqual([
      'https://as.example/.well-known/oauth-authorization-server/tenant1',
      'https://as.example/.well-known/openid-configuration/tenant1',
      'https://as.example/tenant1/.well-known/openid-configuration',
    ]);
    expect(authorizationServerMetadataUrls('https://as.example/t?x=1').map((x) => x.url)).toEqual([
      'https://as.example/.well-known/oauth-authorization-server/t?x=1',
      'https://as.example/.well-known/openid-configuration/t?x=1',
      'https://as.example/t/.well-known/openid-configuration?x=1',
    ]);
  });
  it('reads back the issuer or resource a well-known URL was built from', () => {
    for (const issuer of ['https://as.example/t?x=1', 'https://as.example/tenant1', 'https://github.com/login/oauth']) {
      for (const c of authorizationServerMetadataUrls(issuer)) expect(issuerFromWellKnown(c.url)).toEqual({ issuer, kind: c.kind });
    }
    expect(resourceFromWellKnown(resourceMetadataUrls('https://mcp.example.com/mcp?tenant=a')[0]!.url)).toBe('https://mcp.example.com/mcp?tenant=a');
  });
});
