import { gh } from '../cite.js';
import type { ClientProfile } from '../types.js';
import { basedOnReference } from './reference.js';

export const claudeAi: ClientProfile = {
  id: 'claude-ai',
  name: 'claude.ai and Claude Desktop',
  version: 'current (2026)',
  kind: 'app',
  summary: 'A client ID metadata document when the server advertises it and none; otherwise DCR. With no challenge scope it asks for every scope of the authorization server.',
  behaviour: basedOnReference({
    registrationPath: { value: 'cimd-when-none', cite: [gh('brendanlong/lion-reader', 1519), gh('home-assistant/core', 179326)] },
    scope: { value: 'as-scopes', cite: [gh('tldraw/tldraw', 10612)] },
    issuerCheck: { value: 'strict', cite: [gh('agencyenterprise/draft-detective', 775)], note: 'Claude Desktop refuses metadata whose issuer is not the one expected' },
  }),
  messages: {},
  simulated: ['its client ID metadata document is served on loopback by Authtrace, since the real one (at a public https URL) cannot be fetched here'],
  notModelled: [
    { value: 'its CIMD URL once answered 404', cite: [gh('anthropics/claude-ai-mcp', 518)] },
  ],
};
