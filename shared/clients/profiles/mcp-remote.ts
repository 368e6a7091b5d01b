import { gh, MEASURED } from '../cite.js';
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
  }),
  messages: {},
  simulated: ['its redirect URI is http://localhost:{port}/oauth/callback; Authtrace listens on its own loopback path'],
  notModelled: [{ value: 'refreshes ahead of expires_at and adds the scope to the refresh', cite: [MEASURED] }],
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
  }),
  messages: {},
  simulated: [],
  notModelled: [],
};
