// Well-known URLs: built for an issuer or a resource (RFC 8414 §3.1, RFC 9728 §3.1, and the
// MCP 2025-11-25 order for issuers with a path), and read back from a URL. The engine tries
// exactly the URLs the diagnostics expect, because both come from here.
//
// Both RFCs remove "any terminating /" of the path before inserting, and keep a query
// component where it was (an issuer must not have one, RFC 8414 §2; a resource may).

export type WellKnownKind = 'resource-hinted' | 'resource-inserted' | 'resource-root' | 'oauth-inserted' | 'openid-inserted' | 'openid-appended';

export interface WellKnownCandidate {
  url: string;
  kind: WellKnownKind;
  /** Why this URL is tried, in a few words. */
  purpose: string;
}

const OAUTH_AS = '/.well-known/oauth-authorization-server';
const OPENID = '/.well-known/openid-configuration';
const PRM = '/.well-known/oauth-protected-resource';

function parse(text: string): URL | undefined {
  try {
    return new URL(text);
  } catch {
    return undefined;
  }
}

function trimSlashes(path: string): string {
  return path.replace(/\/+$/, '');
}

function dedupe(list: WellKnownCandidate[]): WellKnownCandidate[] {
  const seen = new Set<string>();
  return list.filter((c) => (seen.has(c.url) ? false : (seen.add(c.url), true)));
}

/** AS metadata URLs for an issuer, in the order a client tries them; [] when it is not a URL. */
export function asMetadataCandidates(issuer: string): WellKnownCandidate[] {
  const u = parse(issuer);
  if (!u) return [];
  const path = trimSlashes(u.pathname);
  const q = u.search;
  if (path === '' && q === '') {
    return [
      { url: `${u.origin}${OAUTH_AS}`, kind: 'oauth-inserted', purpose: 'OAuth 2.0 AS metadata (RFC 8414)' },
      { url: `${u.origin}${OPENID}`, kind: 'openid-inserted', purpose: 'OpenID Connect discovery' },
    ];
  }
  return dedupe([
    { url: `${u.origin}${OAUTH_AS}${path}${q}`, kind: 'oauth-inserted', purpose: 'OAuth 2.0 AS metadata, path-inserted (RFC 8414 §3.1)' },
    { url: `${u.origin}${OPENID}${path}${q}`, kind: 'openid-inserted', purpose: 'OpenID Connect discovery, path-inserted' },
    { url: `${u.origin}${path}${OPENID}${q}`, kind: 'openid-appended', purpose: 'OpenID Connect discovery, path-appended' },
  ]);
}

/** RFC 9728 §3.1 and MCP: the challenge's resource_metadata first, then path-inserted, then root. */
export function resourceMetadataCandidates(resource: string, hinted?: string): WellKnownCandidate[] {
  const u = parse(resource);
  const out: WellKnownCandidate[] = [];
  if (hinted) out.push({ url: hinted, kind: 'resource-hinted', purpose: 'resource_metadata from the WWW-Authenticate challenge' });
  if (!u) return out;
  const path = trimSlashes(u.pathname);
  if (path || u.search) out.push({ url: `${u.origin}${PRM}${path}${u.search}`, kind: 'resource-inserted', purpose: 'path-inserted well-known URL (RFC 9728 §3.1)' });
  out.push({ url: `${u.origin}${PRM}`, kind: 'resource-root', purpose: 'root well-known URL' });
  return dedupe(out);
}

/** The issuer an AS metadata URL was built from, or undefined for a URL of another shape. */
export function issuerFromWellKnown(href: string): { issuer: string; kind: WellKnownKind } | undefined {
  const u = parse(href);
  if (!u) return undefined;
  const path = u.pathname;
  if (path.startsWith(OAUTH_AS)) return { issuer: u.origin + path.slice(OAUTH_AS.length) + u.search, kind: 'oauth-inserted' };
  if (path.startsWith(OPENID)) return { issuer: u.origin + path.slice(OPENID.length) + u.search, kind: 'openid-inserted' };
  if (path.endsWith(OPENID)) return { issuer: u.origin + path.slice(0, -OPENID.length) + u.search, kind: 'openid-appended' };
  return undefined;
}

/** Whether `href` is one of the AS metadata URLs built for `issuer`. */
export function isAsMetadataUrlFor(issuer: string, href: string): boolean {
  return asMetadataCandidates(issuer).some((c) => c.url === href);
}

/** The resource identifier a protected-resource metadata URL was built from. */
export function resourceFromWellKnown(href: string): string | undefined {
  const u = parse(href);
  if (!u?.pathname.startsWith(PRM)) return undefined;
  return u.origin + u.pathname.slice(PRM.length) + u.search;
}

/** The root fallback `/.well-known/oauth-protected-resource`, built from the origin alone. */
export function isRootResourceMetadata(href: string): boolean {
  const u = parse(href);
  return u !== undefined && u.search === '' && trimSlashes(u.pathname) === PRM;
}

export function isWellKnown(href: string): boolean {
  return parse(href)?.pathname.includes('/.well-known/') ?? false;
}

/** RFC 8707 §2: the resource as an absolute URI without fragment; MCP: the canonical server URI. */
export function canonicalResource(url: string): string {
  const u = new URL(url);
  u.hash = '';
  return u.pathname === '/' && !u.search ? u.href.replace(/\/$/, '') : u.href;
}
