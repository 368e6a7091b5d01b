// Well-known URL construction: RFC 8414 §3.1 (AS metadata), RFC 9728 §3.1 (resource metadata),
// and the MCP 2025-11-25 order for issuers with a path (oauth inserted, openid inserted, openid appended).
import { parseUrl } from './util.js';

export type WellKnownKind = 'oauth-inserted' | 'openid-inserted' | 'openid-appended';

export interface WellKnownCandidate {
  url: string;
  kind: WellKnownKind;
}

const OAUTH_AS = '/.well-known/oauth-authorization-server';
const OPENID = '/.well-known/openid-configuration';
const PRM = '/.well-known/oauth-protected-resource';

function trimSlash(path: string): string {
  return path.replace(/\/+$/, '');
}

export function asMetadataCandidates(issuer: string): WellKnownCandidate[] {
  const url = parseUrl(issuer);
  if (!url) return [];
  const path = trimSlash(url.pathname);
  if (path === '') {
    return [
      { url: `${url.origin}${OAUTH_AS}`, kind: 'oauth-inserted' },
      { url: `${url.origin}${OPENID}`, kind: 'openid-inserted' },
    ];
  }
  return [
    { url: `${url.origin}${OAUTH_AS}${path}`, kind: 'oauth-inserted' },
    { url: `${url.origin}${OPENID}${path}`, kind: 'openid-inserted' },
    { url: `${url.origin}${path}${OPENID}`, kind: 'openid-appended' },
  ];
}

/** The issuer an AS metadata URL was built from, or undefined for a URL of another shape. */
export function issuerFromWellKnown(href: string): { issuer: string; kind: WellKnownKind } | undefined {
  const url = parseUrl(href);
  if (!url) return undefined;
  const path = url.pathname;
  if (path.startsWith(OAUTH_AS)) return { issuer: url.origin + path.slice(OAUTH_AS.length), kind: 'oauth-inserted' };
  if (path.startsWith(OPENID)) return { issuer: url.origin + path.slice(OPENID.length), kind: 'openid-inserted' };
  if (path.endsWith(OPENID)) return { issuer: url.origin + path.slice(0, -OPENID.length), kind: 'openid-appended' };
  return undefined;
}

/** The resource identifier a protected-resource metadata URL was built from. */
export function resourceFromWellKnown(href: string): string | undefined {
  const url = parseUrl(href);
  if (!url?.pathname.startsWith(PRM)) return undefined;
  return url.origin + url.pathname.slice(PRM.length) + url.search;
}

/** The root fallback `/.well-known/oauth-protected-resource`, built from the origin alone. */
export function isRootResourceMetadata(href: string): boolean {
  const url = parseUrl(href);
  return url !== undefined && url.search === '' && trimSlash(url.pathname) === PRM;
}

export function isWellKnown(href: string): boolean {
  return parseUrl(href)?.pathname.includes('/.well-known/') ?? false;
}
