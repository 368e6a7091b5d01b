import { gh, src } from '../cite.js';

const CP = 'https://github.com/modelcontextprotocol/csharp-sdk/blob/2ce15f4c8af7d1d8c3f3bc141a7cd0830d3dddfb/src/ModelContextProtocol.Core/Authentication/ClientOAuthProvider.cs';
import type { ClientProfile } from '../types.js';
import { basedOnReference } from './reference.js';

export const mcpCsharpSdk: ClientProfile = {
  id: 'mcp-csharp-sdk-1.3.0',
  name: 'MCP C# SDK client',
  version: '1.3.0',
  kind: 'sdk',
  summary: 'Registers with client_secret_post; its cache keeps the id and the secret but not the method, so a cached client later takes the first advertised method: none against a server that lists none first (401).',
  behaviour: basedOnReference({
    registerMethod: { value: { kind: 'fixed', method: 'client_secret_post' }, cite: [gh('modelcontextprotocol/csharp-sdk', 1611)] },
    cacheKeepsMethod: { value: false, cite: [gh('modelcontextprotocol/csharp-sdk', 1611), gh('modelcontextprotocol/csharp-sdk', 1612)] },
    strategy: { value: 'first-advertised', cite: [gh('modelcontextprotocol/csharp-sdk', 1612), gh('modelcontextprotocol/csharp-sdk', 1615)], note: 'FirstOrDefault() of token_endpoint_auth_methods_supported' },
    cachedPass: { value: true, cite: [gh('modelcontextprotocol/csharp-sdk', 1611)] },
    issuerCheck: { value: 'none', cite: [src('csharp-sdk 1.3.0 ClientOAuthProvider GetAuthServerMetadataAsync: first document with an authorization_endpoint, issuer never read', `${CP}#L335-L387`)] },
    resourceParam: { value: 'prm-only', cite: [src('csharp-sdk 1.3.0 ClientOAuthProvider GetResourceUri', `${CP}#L712-L713`)], note: 'its refresh ahead of a request sends the MCP URL instead' },
    asDiscovery: { value: 'mcp', cite: [src('csharp-sdk 1.3.0 ClientOAuthProvider: well-known URLs', `${CP}#L408-L425`)] },
    insufficientScope: { value: 'step-up', cite: [src('csharp-sdk 1.3.0 ClientOAuthProvider: 403 insufficient_scope authorizes again with the challenged scope (no union)', `${CP}#L715-L727`)] },
    refreshWhen: { value: 'at-expiry', cite: [src('csharp-sdk 1.3.0 TokenContainer.IsExpired, no margin', 'https://github.com/modelcontextprotocol/csharp-sdk/blob/2ce15f4c8af7d1d8c3f3bc141a7cd0830d3dddfb/src/ModelContextProtocol.Core/Authentication/TokenContainer.cs#L38')], note: 'and on a 401' },
  }),
  messages: {},
  simulated: [],
  notModelled: [],
};
