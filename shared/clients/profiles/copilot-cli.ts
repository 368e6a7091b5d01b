import { gh } from '../cite.js';
import type { ClientProfile } from '../types.js';
import { basedOnReference } from './reference.js';

export const copilotCli: ClientProfile = {
  id: 'copilot-cli',
  name: 'GitHub Copilot CLI',
  version: '1.0.79+',
  kind: 'app',
  summary: 'DCR as a public client with no scope and with application_type; a strict RFC 8414 §3.3 issuer check since 1.0.79 (Atlassian and Entra break it).',
  behaviour: basedOnReference({
    registerMethod: { value: { kind: 'fixed', method: 'none' }, cite: [gh('github/copilot-cli', 3982)] },
    registrationScope: { value: 'none', cite: [gh('github/copilot-cli', 3982)] },
    applicationType: { value: 'native', cite: [gh('github/copilot-cli', 3982)] },
    issuerCheck: { value: 'strict', cite: [gh('github/copilot-cli', 4480), gh('github/copilot-cli', 4490)], note: 'since 1.0.79 (1.0.78 worked): "Incompatible authorization server: authorization server advertised an issuer that does not match the URL its metadata was discovered from"' },
  }),
  messages: { discovery: { value: 'Incompatible authorization server: authorization server advertised an issuer that does not match the URL its metadata was discovered from (RFC 8414 §3.3); refusing to connect', cite: [gh('github/copilot-cli', 4490), gh('github/copilot-cli', 4584)] } },
  simulated: [],
  notModelled: [{ value: 'ignores grant_types_supported', cite: [gh('github/copilot-cli', 3982)] }],
};
