import { gh } from '../cite.js';
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
  }),
  messages: {},
  simulated: [],
  notModelled: [],
};
