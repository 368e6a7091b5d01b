import { describe, expect, it } from 'vitest';
import { authorizationServerMetadataUrls, canonicalResource, resourceMetadataUrls } from './discovery-urls.js';

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
});
