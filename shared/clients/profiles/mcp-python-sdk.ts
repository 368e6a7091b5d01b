import { gh } from '../cite.js';
import type { ClientProfile } from '../types.js';
import { basedOnReference } from './reference.js';

export const mcpPythonSdk: ClientProfile = {
  id: 'mcp-python-sdk',
  name: 'MCP Python SDK client',
  version: '1.x (python-sdk #3138)',
  kind: 'sdk',
  summary: 'The Python SDK’s OAuth client. Known to leave client_id in the body next to HTTP Basic, which servers that count authentication methods (Notion) refuse.',
  behaviour: basedOnReference({}),
  messages: {},
  simulated: [],
  notModelled: [{ value: 'with client_secret_basic it also sends client_id in the token request body', cite: [gh('modelcontextprotocol/python-sdk', 3138)] }],
};
