import { gh, MEASURED, TS_SDK_SELECT } from '../cite.js';
import type { Citation, ClientProfile } from '../types.js';
import { basedOnReference } from './reference.js';

/** The SDK's example OAuth client (1.x), as published in @modelcontextprotocol/sdk's examples. */
const SDK_EXAMPLE_CLIENT: Citation = {
  ref: 'typescript-sdk src/examples/client/simpleOAuthClient.ts',
  url: 'https://github.com/modelcontextprotocol/typescript-sdk/blob/5ff2277a05714476cd607d167c95c1affe9158c1/src/examples/client/simpleOAuthClient.ts',
};

const EXISTING_CLIENT_REQUIRED: ClientProfile['messages'] = {
  'token-unauthorized': {
    value: 'Existing OAuth client information is required when exchanging an authorization code',
    cite: [MEASURED, gh('modelcontextprotocol/python-sdk', 2260)],
    note: 'after a 401 at the token endpoint the SDK invalidates the stored client and retries the code without one',
  },
};

const common = {
  registerMethod: { value: { kind: 'fixed', method: 'client_secret_post' }, cite: [SDK_EXAMPLE_CLIENT, MEASURED], note: 'the application chooses the method; the SDK’s example OAuth client registers client_secret_post' },
  cacheKeepsMethod: { value: true, cite: [MEASURED] },
  tokenMethod: { value: 'mcp-sdk', cite: [gh('modelcontextprotocol/typescript-sdk', 951), TS_SDK_SELECT], note: 're-selects from the metadata with the SDK’s own selectClientAuthMethod' },
  strategy: { value: 'mcp-sdk', cite: [TS_SDK_SELECT, MEASURED] },
  registrationScope: { value: 'authorize-scope', cite: [MEASURED] },
  revision: { value: '2025-11-25', cite: [MEASURED], note: 'initializes with 2025-11-25; does not negotiate 2026-07-28' },
} satisfies Partial<ClientProfile['behaviour']>;

export const mcpTypescriptSdkV2: ClientProfile = {
  id: 'mcp-ts-sdk-v2',
  name: 'MCP TypeScript SDK client (v2, @modelcontextprotocol/client)',
  version: '2.4.0',
  kind: 'sdk',
  summary: 'The v2 client with its OAuth provider: DCR with the authorize scope plus offline_access, application_type native, the SDK’s method selection at the token endpoint.',
  behaviour: basedOnReference({
    ...common,
    applicationType: { value: 'native', cite: [MEASURED] },
    offlineAccess: { value: true, cite: [MEASURED] },
  }),
  messages: EXISTING_CLIENT_REQUIRED,
  simulated: [],
  notModelled: [{ value: 'adds prompt=consent to the authorization request', cite: [MEASURED] }],
};

export const mcpTypescriptSdkV1: ClientProfile = {
  id: 'mcp-ts-sdk-v1',
  name: 'MCP TypeScript SDK client (v1, @modelcontextprotocol/sdk)',
  version: '1.32.2',
  kind: 'sdk',
  summary: 'The v1 client with its OAuth provider: DCR with the authorize scope and no application_type, the SDK’s method selection at the token endpoint.',
  behaviour: basedOnReference({
    ...common,
    applicationType: { value: 'absent', cite: [MEASURED] },
    offlineAccess: { value: false, cite: [MEASURED] },
  }),
  messages: EXISTING_CLIENT_REQUIRED,
  simulated: [],
  notModelled: [],
};
