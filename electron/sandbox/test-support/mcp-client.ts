import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';

export type Era = '2026-07-28' | '2025-11-25' | 'auto';

export interface WireRequest {
  method: string;
  headers: Record<string, string>;
  body: string;
}

export interface ToolCall {
  text: string;
  protocolVersion: string | undefined;
  wire: WireRequest[];
}

function recordingFetch(wire: WireRequest[]): typeof fetch {
  return async (input, init) => {
    const request = new Request(input, init);
    wire.push({
      method: request.method,
      headers: Object.fromEntries(request.headers),
      body: request.method === 'POST' ? await request.clone().text() : '',
    });
    return fetch(request);
  };
}

/** Calls a tool with the real MCP SDK client, pinned to one era (or negotiating). */
export async function callTool(mcpUrl: string, token: string, era: Era, name: string, args: Record<string, unknown> = {}): Promise<ToolCall> {
  const wire: WireRequest[] = [];
  const mode = era === 'auto' ? 'auto' : era === '2025-11-25' ? 'legacy' : { pin: era };
  const client = new Client({ name: 'sandbox-test', version: '1.0.0' }, { versionNegotiation: { mode } });
  const transport = new StreamableHTTPClientTransport(new URL(mcpUrl), {
    authProvider: { token: async () => token },
    fetch: recordingFetch(wire),
  });
  try {
    await client.connect(transport);
    const result = await client.callTool({ name, arguments: args });
    const content = Array.isArray(result.content) ? result.content : [];
    const first = content[0] as { type?: string; text?: string } | undefined;
    return { text: first?.text ?? '', protocolVersion: transport.protocolVersion, wire };
  } finally {
    await client.close();
  }
}

/** A hand-built 2026-07-28 request: no initialize, Mcp-Method/Mcp-Name headers, version in _meta. */
export function modernToolCall(mcpUrl: string, token: string | undefined, name: string, args: Record<string, unknown> = {}): Promise<Response> {
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    accept: 'application/json, text/event-stream',
    'mcp-method': 'tools/call',
    'mcp-name': name,
    'mcp-protocol-version': '2026-07-28',
  };
  if (token) headers.authorization = `Bearer ${token}`;
  return fetch(mcpUrl, {
    method: 'POST',
    headers,
    body: JSON.stringify({
      jsonrpc: '2.0',
      id: 1,
      method: 'tools/call',
      params: {
        name,
        arguments: args,
        _meta: {
          'io.modelcontextprotocol/protocolVersion': '2026-07-28',
          'io.modelcontextprotocol/clientInfo': { name: 'sandbox-test', version: '1.0.0' },
          'io.modelcontextprotocol/clientCapabilities': {},
        },
      },
    }),
  });
}
