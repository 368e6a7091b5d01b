import { gh } from '../cite.js';
import type { ClientProfile } from '../types.js';
import { basedOnReference } from './reference.js';

export const claudeCode: ClientProfile = {
  id: 'claude-code',
  name: 'Claude Code',
  version: '2.1.85+',
  kind: 'app',
  summary: 'DCR as a public client with no scope in the registration; at /authorize the challenge’s scope, else the PRM’s scopes_supported, plus offline_access.',
  behaviour: basedOnReference({
    registrationPath: { value: 'cimd-first', cite: [gh('anthropics/claude-code', 36861), gh('anthropics/claude-code', 44388)], note: 'since 2.1.81; DCR where the server has no client ID metadata documents' },
    registerMethod: { value: { kind: 'fixed', method: 'none' }, cite: [gh('anthropics/claude-code', 36861)] },
    registrationScope: { value: 'none', cite: [gh('anthropics/claude-code', 4540)] },
    scope: { value: 'mcp', cite: [gh('anthropics/claude-code', 90190)] },
    offlineAccess: { value: true, cite: [gh('anthropics/claude-code', 90190)] },
    issuerCheck: { value: 'none', cite: [gh('agencyenterprise/draft-detective', 775)], note: 'the CLI does not enforce RFC 8414 §3.3; Claude Desktop does' },
    asDiscovery: { value: 'root-rfc8414', cite: [gh('anthropics/claude-code', 95270)], note: 'for an issuer with a path it fetches only the root /.well-known/oauth-authorization-server' },
    iss: { value: 'validate', cite: [gh('letehaha/budget-tracker', 551), gh('higgsfield-ai/cli', 68)], note: 'servers added iss to the callback because Claude Code checks it' },
    insufficientScope: { value: 'step-up', cite: [gh('anthropics/claude-code', 39626)], note: 'fixed in 2.1.85' },
  }),
  messages: {
    registration: { value: 'Incompatible auth server: does not support dynamic client registration', cite: [gh('anthropics/claude-code', 67258), gh('anthropics/claude-code', 90190)] },
    'token-unauthorized': { value: 'Existing OAuth client information is required when exchanging an authorization code', cite: [gh('modelcontextprotocol/python-sdk', 2260)] },
  },
  simulated: ['its client ID metadata document is served on loopback by Authtrace, since the real one (at a public https URL) cannot be fetched here (https://claude.ai/oauth/claude-code-client-metadata)'],
  notModelled: [
    { value: 'the tool-call path reports a 403 step-up as "token expired"', cite: [gh('anthropics/claude-code', 68720), gh('anthropics/claude-code', 73712)] },
  ],
};
