import type { Revision } from '../model.js';
import type { SpecRef } from './types.js';

const RFC = 'https://www.rfc-editor.org/rfc/';
const OAUTH21 = 'https://datatracker.ietf.org/doc/html/draft-ietf-oauth-v2-1';

export function rfc(n: number, section: string): SpecRef {
  return { ref: `RFC ${n} §${section}`, url: `${RFC}rfc${n}#section-${section}` };
}

export function oauth21(section: string): SpecRef {
  return { ref: `OAuth 2.1 §${section}`, url: `${OAUTH21}#section-${section}` };
}

export const CIMD: SpecRef = {
  ref: 'OAuth Client ID Metadata Document §4.1',
  url: 'https://datatracker.ietf.org/doc/html/draft-ietf-oauth-client-id-metadata-document#section-4.1',
};

export const OIDC_REGISTRATION: SpecRef = {
  ref: 'OpenID Connect Dynamic Client Registration 1.0 §2 (application_type)',
  url: 'https://openid.net/specs/openid-connect-registration-1_0.html#ClientMetadata',
};

/** The 2026-07-28 authorization spec is split into pages; older revisions are one page with anchors. */
type McpTopic =
  | 'registration'
  | 'cimd'
  | 'dcr'
  | 'as-discovery'
  | 'prm-discovery'
  | 'pkce'
  | 'scope-selection'
  | 'scope-challenge'
  | 'resource'
  | 'audience'
  | 'issuer'
  | 'public-clients'
  | 'communication';

const PAGE_2026: Record<McpTopic, string> = {
  registration: 'client-registration',
  cimd: 'client-registration#client-id-metadata-documents',
  dcr: 'client-registration#dynamic-client-registration',
  'as-discovery': 'authorization-server-discovery',
  'prm-discovery': 'authorization-server-discovery',
  pkce: '',
  'scope-selection': '',
  'scope-challenge': '',
  resource: '',
  audience: '',
  issuer: 'authorization-server-discovery',
  'public-clients': 'client-registration',
  communication: '',
};

const ANCHOR: Record<McpTopic, string> = {
  registration: 'client-id-metadata-documents',
  cimd: 'client-id-metadata-documents',
  dcr: 'dynamic-client-registration',
  'as-discovery': 'authorization-server-metadata-discovery',
  'prm-discovery': 'protected-resource-metadata-discovery-requirements',
  pkce: 'authorization-code-protection',
  'scope-selection': 'scope-selection-strategy',
  'scope-challenge': 'scope-challenge-handling',
  resource: 'resource-parameter-implementation',
  audience: 'token-audience-binding-and-validation',
  issuer: 'authorization-server-metadata-discovery',
  'public-clients': 'dynamic-client-registration',
  communication: 'communication-security',
};

export function mcp(revision: Revision, topic: McpTopic, title: string): SpecRef {
  const base = `https://modelcontextprotocol.io/specification/${revision}/basic/authorization`;
  if (revision === '2026-07-28') {
    const page = PAGE_2026[topic];
    return { ref: `MCP ${revision} authorization: ${title}`, url: page ? `${base}/${page}` : base };
  }
  return { ref: `MCP ${revision} authorization: ${title}`, url: `${base}#${ANCHOR[topic]}` };
}
