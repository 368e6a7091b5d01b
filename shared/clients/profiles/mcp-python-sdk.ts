import { gh, src } from '../cite.js';
import type { ClientProfile } from '../types.js';
import { basedOnReference } from './reference.js';

export const mcpPythonSdk: ClientProfile = {
  id: 'mcp-python-sdk',
  name: 'MCP Python SDK client',
  version: '1.x (python-sdk #3138)',
  kind: 'sdk',
  summary: 'The Python SDK’s OAuth client. Known to leave client_id in the body next to HTTP Basic, which servers that count authentication methods (Notion) refuse.',
  behaviour: basedOnReference({
    issuerCheck: {
      value: 'none',
      cite: [src('python-sdk v1.29.0 src/mcp/client/auth: no issuer validation', 'https://github.com/modelcontextprotocol/python-sdk/tree/98b7159cb89274964055d2c016e3360a551280d0/src/mcp/client/auth'), gh('modelcontextprotocol/python-sdk', 2921)],
      note: 'v2.0 added validate_metadata_issuer (PR #2921)',
    },
  }),
  messages: {},
  simulated: [],
  notModelled: [{ value: 'with client_secret_basic it also sends client_id in the token request body', cite: [gh('modelcontextprotocol/python-sdk', 3138)] }],
};
