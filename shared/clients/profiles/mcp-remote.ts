import { gh, MEASURED, READ_IN_PACKAGE, src, TS_V1_SRC, TS_V2_SRC } from '../cite.js';
import type { ClientProfile } from '../types.js';
import { basedOnReference } from './reference.js';

export const mcpRemote: ClientProfile = {
  id: 'mcp-remote',
  name: 'mcp-remote',
  version: '0.15.1 (since 0.7.0)',
  kind: 'proxy',
  summary: 'Registers with the first of none, client_secret_post, client_secret_basic that the server advertises; a cached client without a method uses client_secret_basic when it has a secret; adds offline_access.',
  behaviour: basedOnReference({
    registerMethod: { value: { kind: 'prefer', order: ['none', 'client_secret_post', 'client_secret_basic'], otherwise: 'none' }, cite: [gh('punkpeye/mcp-remote', 184), MEASURED] },
    registrationScope: { value: 'authorize-scope', cite: [MEASURED] },
    applicationType: { value: 'native', cite: [MEASURED] },
    offlineAccess: { value: true, cite: [MEASURED] },
    strategy: { value: 'registered', cite: [MEASURED] },
    revision: { value: '2025-11-25', cite: [MEASURED] },
    issuerCheck: { value: 'strict', cite: [TS_V2_SRC.issuerCheck, READ_IN_PACKAGE], note: 'the bundled v2 SDK client; mcp-remote never passes skipIssuerMetadataValidation' },
    resourceParam: { value: 'prm-only', cite: [src('mcp-remote node-oauth-client-provider.ts: --resource and --disable-resource-parameter, else the SDK’s', 'https://github.com/geelen/mcp-remote/blob/d26e5a821ee7e266109f05871ecc2570d8a7054a/src/lib/node-oauth-client-provider.ts#L66-L79'), MEASURED], note: 'sent as new URL(resource).href: a resource without a path gains a trailing /' },
    asDiscovery: { value: 'mcp', cite: [TS_V2_SRC.discovery, READ_IN_PACKAGE], note: 'its own earlier pass (for scopes and the method) also tries the root RFC 8414 URL' },
    insufficientScope: { value: 'step-up', cite: [TS_V2_SRC.stepUp, READ_IN_PACKAGE] },
    refreshScope: { value: true, cite: [MEASURED] },
    refreshWhen: { value: 'ahead-of-expiry', cite: [MEASURED, READ_IN_PACKAGE], note: '60 s before expires_at' },
  }),
  messages: {},
  simulated: ['its redirect URI is http://localhost:{port}/oauth/callback; Authtrace listens on its own loopback path'],
  notModelled: [],
};

export const mcpRemoteBefore07: ClientProfile = {
  id: 'mcp-remote-0.6',
  name: 'mcp-remote',
  version: '0.6.0 (before 0.7.0)',
  kind: 'proxy',
  summary: 'Registers a public client (none) whatever the server advertises, even where only client_secret_post or private_key_jwt are; DCR with the authorize scope and no application_type.',
  behaviour: basedOnReference({
    registerMethod: { value: { kind: 'fixed', method: 'none' }, cite: [gh('punkpeye/mcp-remote', 184), MEASURED] },
    registrationScope: { value: 'authorize-scope', cite: [MEASURED] },
    applicationType: { value: 'absent', cite: [MEASURED] },
    revision: { value: '2025-11-25', cite: [MEASURED] },
    issuerCheck: { value: 'none', cite: [TS_V1_SRC.noIssuerCheck, READ_IN_PACKAGE], note: 'it bundles the v1 SDK client' },
    resourceParam: { value: 'prm-only', cite: [TS_V1_SRC.resource, MEASURED] },
    asDiscovery: { value: 'mcp', cite: [TS_V1_SRC.noIssuerCheck, MEASURED] },
    insufficientScope: { value: 'refresh-then-stop', cite: [gh('modelcontextprotocol/typescript-sdk', 2255), READ_IN_PACKAGE] },
    refreshWhen: { value: 'ahead-of-expiry', cite: [READ_IN_PACKAGE], note: '60 s before expires_at' },
  }),
  messages: {},
  simulated: [],
  notModelled: [],
};
