import {
  createMcpHandler,
  fromJsonSchema,
  legacyStatelessFallback,
  McpServer,
  requireScopes,
  type McpHandlerRequestOptions,
  type McpServerFactory,
} from '@modelcontextprotocol/server';

export interface McpEndpoint {
  fetch(request: Request, options?: McpHandlerRequestOptions): Promise<Response>;
  close(): Promise<void>;
}

export interface McpServerOptions {
  /** Serve only the 2025-11-25 era, the way a server built before 2026-07-28 does. */
  legacyOnly: boolean;
  /** admin-report answers 403 insufficient_scope unless the token carries mcp:admin. */
  stepUp: boolean;
}

const echoInput = fromJsonSchema<{ text: string }>({
  type: 'object',
  properties: { text: { type: 'string', description: 'Text to send back' } },
  required: ['text'],
});

function serverFactory({ stepUp }: McpServerOptions): McpServerFactory {
  return ({ authInfo }) => {
    const server = new McpServer({ name: 'authtrace-sandbox', version: '1.0.0' });
    server.registerTool(
      'echo',
      { description: 'Returns the text it is given (needs mcp:tools).', inputSchema: echoInput },
      async ({ text }) => ({ content: [{ type: 'text', text }] }),
    );
    server.registerTool(
      'admin-report',
      {
        description: stepUp ? 'A report for administrators (needs mcp:admin).' : 'A report for administrators.',
        ...(stepUp ? { scopeChallenge: requireScopes('mcp:tools', 'mcp:admin') } : {}),
      },
      async () => ({
        content: [
          {
            type: 'text',
            text: `client ${authInfo?.clientId ?? 'unknown'} holds scopes: ${authInfo?.scopes.join(' ') ?? 'none'}`,
          },
        ],
      }),
    );
    return server;
  };
}

export function createMcpEndpoint(options: McpServerOptions): McpEndpoint {
  const factory = serverFactory(options);
  if (options.legacyOnly) {
    // The SDK's 2025-era stateless transport: it has no server/discover and refuses the
    // 2026-07-28 protocol version header with 400, exactly as an older server does.
    const legacy = legacyStatelessFallback(factory);
    return { fetch: legacy, close: async () => {} };
  }
  return createMcpHandler(factory);
}
