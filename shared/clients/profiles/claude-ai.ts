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
    scope: { value: 'as-scopes', cite: [gh('tldraw/tldraw', 10612)] },
  }),
  messages: {},
  simulated: [],
  notModelled: [
    { value: 'registers through its client ID metadata document where the server advertises client_id_metadata_document_supported and none', cite: [gh('brendanlong/lion-reader', 1519)] },
    { value: 'its CIMD URL once answered 404', cite: [gh('anthropics/claude-ai-mcp', 518)] },
  ],
};
