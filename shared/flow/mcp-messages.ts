// The first MCP request a client of each revision sends (the probe). Authenticated MCP traffic
// goes through the official client SDK (steps/mcp.ts); the probe is built here so it can be
// shown and edited before it is sent.
import type { HttpRequest, Revision } from '../model.js';

export const CLIENT_INFO = { name: 'authtrace', version: '0.1.0' };
const PROTOCOL_VERSION_META_KEY = 'io.modelcontextprotocol/protocolVersion';
const CLIENT_INFO_META_KEY = 'io.modelcontextprotocol/clientInfo';
const CLIENT_CAPABILITIES_META_KEY = 'io.modelcontextprotocol/clientCapabilities';

export function isModernRevision(revision: Revision): boolean {
  return revision === '2026-07-28';
}

export function probeRequest(url: string, revision: Revision): HttpRequest {
  const headers = [
    { name: 'Content-Type', value: 'application/json' },
    { name: 'Accept', value: 'application/json, text/event-stream' },
  ];
  if (isModernRevision(revision)) {
    // 2026-07-28 stateless Streamable HTTP: the version travels in _meta and in headers.
    headers.push({ name: 'MCP-Protocol-Version', value: revision }, { name: 'Mcp-Method', value: 'server/discover' });
    const body = {
      jsonrpc: '2.0',
      id: 1,
      method: 'server/discover',
      params: {
        _meta: {
          [PROTOCOL_VERSION_META_KEY]: revision,
          [CLIENT_INFO_META_KEY]: CLIENT_INFO,
          [CLIENT_CAPABILITIES_META_KEY]: {},
        },
      },
    };
    return { method: 'POST', url, headers, body: JSON.stringify(body) };
  }
  const body = {
    jsonrpc: '2.0',
    id: 1,
    method: 'initialize',
    params: { protocolVersion: revision, capabilities: {}, clientInfo: CLIENT_INFO },
  };
  return { method: 'POST', url, headers, body: JSON.stringify(body) };
}
