import { gh } from '../cite.js';
import type { ClientProfile } from '../types.js';
import { basedOnReference } from './reference.js';

export const cursor: ClientProfile = {
  id: 'cursor',
  name: 'Cursor',
  version: 'current (2026)',
  kind: 'app',
  summary: 'Registers a public client with a cursor:// custom-scheme redirect URI among its redirect URIs; servers that refuse custom schemes break it at registration.',
  behaviour: basedOnReference({
    registerMethod: { value: { kind: 'fixed', method: 'none' }, cite: [gh('different-ai/openwork', 3059)] },
    extraRedirectUris: { value: ['cursor://anysphere.cursor-mcp/oauth/callback'], cite: [gh('different-ai/openwork', 3059), gh('better-auth/better-auth', 10946), gh('cloudflare/workers-oauth-provider', 29)] },
  }),
  messages: {},
  simulated: ['the cursor:// redirect URI is registered as Cursor registers it, but the callback is received on loopback: no custom-scheme handler runs here'],
  notModelled: [{ value: 'older versions used cursor://anysphere.cursor-mcp/oauth/user-<name>/callback and omitted state', cite: [gh('getcursor/cursor', 3576)] }],
};
