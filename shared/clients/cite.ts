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
