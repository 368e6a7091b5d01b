import { gh } from '../cite.js';
import type { ClientProfile } from '../types.js';
import { basedOnReference } from './reference.js';

export const codex: ClientProfile = {
  id: 'codex',
  name: 'OpenAI Codex',
  version: 'CLI (2026)',
  kind: 'app',
  summary: 'DCR only; authenticates with HTTP Basic whatever the registration returned (client_secret_post included); ignores the PRM and challenge scopes.',
  behaviour: basedOnReference({
    registerMethod: { value: { kind: 'fixed', method: 'client_secret_post' }, cite: [gh('openai/codex', 40928)], note: 'the registration in the report returned client_secret_post' },
    tokenMethod: { value: 'registered', cite: [gh('openai/codex', 40928)], note: 'HTTP Basic whenever it holds a secret, the body credentials dropped' },
    scope: { value: 'none', cite: [gh('openai/codex', 15643)] },
  }),
  messages: {},
  simulated: [],
  notModelled: [
    { value: 'no way to configure a client secret for a pre-registered client', cite: [gh('openai/codex', 40783)] },
    { value: 'the DCR scope differs from the one it requests later', cite: [gh('openai/codex', 20503), gh('openai/codex', 23242)] },
  ],
};
