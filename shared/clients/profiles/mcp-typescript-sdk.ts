import { gh, MEASURED, TS_SDK_SELECT, TS_V1_SRC, TS_V2_SRC } from '../cite.js';
import type { Citation, ClientProfile } from '../types.js';
import { basedOnReference } from './reference.js';

/** The SDK's example OAuth client (1.x), as published in @modelcontextprotocol/sdk's examples. */
const SDK_EXAMPLE_CLIENT: Citation = {
  ref: 'typescript-sdk src/examples/client/simpleOAuthClient.ts',
  url: 'https://github.com/modelcontextprotocol/typescript-sdk/blob/5ff2277a05714476cd607d167c95c1affe9158c1/src/examples/client/simpleOAuthClient.ts',
};

/** What the application shows after a 401 at the token endpoint, checked here (client-fidelity.integration.test.ts). */
const CHECKED_HERE: Citation = { ref: 'checked here (electron/services/client-fidelity.integration.test.ts)', url: 'docs/CLIENTS.md#checked-at-the-source-here-2026-11-30' };

const V1_MESSAGES: ClientProfile['messages'] = {
  'token-unauthorized': {
    value: '{error_description}',
    cite: [CHECKED_HERE],
    note: "finishAuth rejects with the token endpoint's error_description; an application whose provider implements invalidateCredentials sees the SDK retry without a client and fail with \"Existing OAuth client information is required when exchanging an authorization code\" instead (measured, docs/CLIENTS.md)",
  },
};

const V2_MESSAGES: ClientProfile['messages'] = {
  'token-unauthorized': {
    value: 'OAuthError: {error_description}',
    cite: [CHECKED_HERE],
    note: "finishAuth rejects with the token endpoint's error_description",
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
    issuerCheck: { value: 'strict', cite: [TS_V2_SRC.issuerCheck], note: 'tolerates one trailing / on the expected issuer; skipIssuerMetadataValidation turns it off' },
    resourceParam: { value: 'prm-only', cite: [TS_V2_SRC.resource, MEASURED] },
    asDiscovery: { value: 'mcp', cite: [TS_V2_SRC.discovery, MEASURED] },
    insufficientScope: { value: 'step-up', cite: [TS_V2_SRC.stepUp, gh('modelcontextprotocol/typescript-sdk', 2346)], note: 'one step-up per request, refresh skipped when more scope is needed' },
    refreshWhen: { value: 'on-401', cite: [MEASURED] },
  }),
  messages: V2_MESSAGES,
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
    issuerCheck: { value: 'none', cite: [TS_V1_SRC.noIssuerCheck] },
    resourceParam: { value: 'prm-only', cite: [TS_V1_SRC.resource, MEASURED] },
    asDiscovery: { value: 'mcp', cite: [TS_V1_SRC.noIssuerCheck, MEASURED] },
    insufficientScope: { value: 'refresh-then-stop', cite: [gh('modelcontextprotocol/typescript-sdk', 2255), TS_V1_SRC.stepUp], note: 'holding a refresh token it refreshes without the challenged scope, gets the same 403 and throws "Server returned 403 after trying upscoping"' },
    refreshWhen: { value: 'on-401', cite: [MEASURED] },
  }),
  messages: V1_MESSAGES,
  simulated: [],
  notModelled: [],
};
