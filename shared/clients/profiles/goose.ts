import { gh } from '../cite.js';
import type { ClientProfile } from '../types.js';
import { basedOnReference } from './reference.js';

export const goose: ClientProfile = {
  id: 'goose',
  name: 'Goose',
  version: 'current (2026)',
  kind: 'app',
  summary: 'A client ID metadata document client with no DCR fallback; drops the RFC 9207 iss from the callback and fails against servers that send it; pins MCP 2025-03-26 while using PRM discovery.',
  behaviour: basedOnReference({
    registrationPath: { value: 'cimd-only', cite: [gh('block/goose', 9670)] },
    iss: { value: 'ignore', cite: [gh('block/goose', 10677)] },
    revision: { value: '2025-03-26', cite: [gh('block/goose', 10981)] },
  }),
  messages: {},
  simulated: ['its client ID metadata document is served on loopback by Authtrace, since the real one (at a public https URL) cannot be fetched here'],
  notModelled: [],
};
