// Well-known URL construction, in the order the MCP authorization spec asks clients to try them.

/** RFC 9728 §3.1 and MCP: the challenge's resource_metadata first, then path-inserted, then root. */
export function resourceMetadataUrls(resourceUrl: string, hinted?: string): { url: string; purpose: string }[] {
  const u = new URL(resourceUrl);
  const out: { url: string; purpose: string }[] = [];
  if (hinted) out.push({ url: hinted, purpose: 'resource_metadata from the WWW-Authenticate challenge' });
  const path = trimSlash(u.pathname);
  if (path || u.search) out.push({ url: `${u.origin}/.well-known/oauth-protected-resource${path}${u.search}`, purpose: 'path-inserted well-known URL (RFC 9728 §3.1)' });
  out.push({ url: `${u.origin}/.well-known/oauth-protected-resource`, purpose: 'root well-known URL' });
  return dedupe(out);
}

/**
 * RFC 8414 §3.1 path insertion, then OpenID Connect discovery path-inserted, then path-appended
 * (MCP 2025-11-25 "Authorization Server Metadata Discovery").
 */
export function authorizationServerMetadataUrls(issuer: string): { url: string; purpose: string }[] {
  const u = new URL(issuer);
  const path = trimSlash(u.pathname);
  if (!path && !u.search) {
    return [
      { url: `${u.origin}/.well-known/oauth-authorization-server`, purpose: 'OAuth 2.0 AS metadata (RFC 8414)' },
      { url: `${u.origin}/.well-known/openid-configuration`, purpose: 'OpenID Connect discovery' },
    ];
  }
  return dedupe([
    { url: `${u.origin}/.well-known/oauth-authorization-server${path}${u.search}`, purpose: 'OAuth 2.0 AS metadata, path-inserted (RFC 8414 §3.1)' },
    { url: `${u.origin}/.well-known/openid-configuration${path}${u.search}`, purpose: 'OpenID Connect discovery, path-inserted' },
    { url: `${u.origin}${path}/.well-known/openid-configuration${u.search}`, purpose: 'OpenID Connect discovery, path-appended' },
  ]);
}

/** RFC 8707 §2: the resource as an absolute URI without fragment; MCP: the canonical server URI. */
export function canonicalResource(url: string): string {
  const u = new URL(url);
  u.hash = '';
  const s = u.href;
  return u.pathname === '/' && !u.search ? s.replace(/\/$/, '') : s;
}

function trimSlash(path: string): string {
  return path === '/' ? '' : path.replace(/\/$/, '');
}

function dedupe<T extends { url: string }>(list: T[]): T[] {
  const seen = new Set<string>();
  return list.filter((x) => (seen.has(x.url) ? false : (seen.add(x.url), true)));
}
