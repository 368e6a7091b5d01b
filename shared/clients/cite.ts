import type { Citation } from './types.js';

/** An issue or pull request: GitHub redirects /issues/N to the pull request when N is one. */
export function gh(repo: string, n: number): Citation {
  return { ref: `${repo}#${n}`, url: `https://github.com/${repo}/issues/${n}` };
}

export function rfc(n: number, section: string): Citation {
  return { ref: `RFC ${n} §${section}`, url: `https://www.rfc-editor.org/rfc/rfc${n}#section-${section}` };
}

export function mcpSpec(revision: string, page: string, topic: string): Citation {
  return { ref: `MCP ${revision} ${topic}`, url: `https://modelcontextprotocol.io/specification/${revision}/basic/${page}` };
}

/** What docs/CLIENTS.md records as measured here against the sandbox with the real client from npm. */
export const MEASURED: Citation = { ref: 'measured here (docs/CLIENTS.md, 2026-11-30)', url: 'docs/CLIENTS.md#measured-here-against-the-sandbox-2026-11-30' };

/** The MCP TypeScript SDK's own selectClientAuthMethod, which Authtrace calls for the `mcp-sdk` strategy. */
export const TS_SDK_SELECT: Citation = { ref: '@modelcontextprotocol/client selectClientAuthMethod', url: 'https://github.com/modelcontextprotocol/typescript-sdk' };

/** A place in a client's own source, read at a pinned commit. */
export function src(ref: string, url: string): Citation {
  return { ref, url };
}

/** What docs/CLIENTS.md records as read in the installed packages themselves (file and line given there). */
export const READ_IN_PACKAGE: Citation = { ref: 'read in the package (docs/CLIENTS.md)', url: 'docs/CLIENTS.md#read-in-the-installed-packages-2026-11-30' };

const TS_V1 = 'https://github.com/modelcontextprotocol/typescript-sdk/blob/2d889f2b329e46680ec9bdd565de4616c497825a/src/client';
const TS_V2 = 'https://github.com/modelcontextprotocol/typescript-sdk/blob/3924de99df834302d89f5997a1b64ca268282284/packages/client/src/client';

/** The TypeScript SDK v1 line (1.30.0 on GitHub; the same code in the 1.32.2 package). */
export const TS_V1_SRC = {
  noIssuerCheck: src('typescript-sdk 1.30.0 auth.ts: discovery takes the first document, no issuer check', `${TS_V1}/auth.ts#L978-L1028`),
  resource: src('typescript-sdk 1.30.0 auth.ts selectResourceURL: the PRM resource, none without a PRM', `${TS_V1}/auth.ts#L632-L655`),
  stepUp: src('typescript-sdk 1.30.0 streamableHttp.ts: 403 upscoping through auth(), which refreshes first', `${TS_V1}/streamableHttp.ts#L516-L548`),
};

/** The TypeScript SDK v2 line (2.0.x on GitHub; the same logic in the 2.4.0 package). */
export const TS_V2_SRC = {
  issuerCheck: src('typescript-sdk 2.x auth.ts: issuer must equal the discovery URL (RFC 8414 §3.3)', `${TS_V2}/auth.ts#L1825-L1893`),
  resource: src('typescript-sdk 2.x auth.ts: the PRM resource, none without a PRM', `${TS_V2}/auth.ts#L1211-L1216`),
  discovery: src('typescript-sdk 2.x auth.ts: RFC 8414 then OpenID Connect, path-aware, no root fallback', `${TS_V2}/auth.ts#L1744-L1796`),
  stepUp: src('typescript-sdk 2.x streamableHttp.ts: step-up with the union of scopes', `${TS_V2}/streamableHttp.ts#L385-L433`),
};
