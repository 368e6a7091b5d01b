import { gh } from '../cite.js';
import type { ClientProfile } from '../types.js';
import { basedOnReference } from './reference.js';

export const copilotCli: ClientProfile = {
  id: 'copilot-cli',
  name: 'GitHub Copilot CLI',
  version: '1.0.80+',
  kind: 'app',
  summary: 'DCR as a public client with no scope and with application_type; a strict RFC 8414 §3.3 issuer check since 1.0.80 (Atlassian and Entra break it).',
  behaviour: basedOnReference({
    registerMethod: { value: { kind: 'fixed', method: 'none' }, cite: [gh('github/copilot-cli', 3982)] },
    registrationScope: { value: 'none', cite: [gh('github/copilot-cli', 3982)] },
    applicationType: { value: 'native', cite: [gh('github/copilot-cli', 3982)] },
  }),
  messages: {},
  simulated: [],
  notModelled: [{ value: 'ignores grant_types_supported', cite: [gh('github/copilot-cli', 3982)] }],
};
