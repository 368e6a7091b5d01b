import { gh } from '../cite.js';
import type { ClientProfile } from '../types.js';
import { basedOnReference } from './reference.js';

export const basicPreferring: ClientProfile = {
  id: 'basic-preferring',
  name: 'A Basic-preferring client (Archestra)',
  version: 'archestra #7977',
  kind: 'app',
  summary: 'Takes client_secret_basic whenever the server advertises it. Servers that advertise Basic but read credentials only from the body fail it.',
  behaviour: basedOnReference({
    registerMethod: { value: { kind: 'prefer', order: ['client_secret_basic', 'client_secret_post', 'none'], otherwise: 'client_secret_basic' }, cite: [gh('archestra-ai/archestra', 7977)] },
  }),
  messages: {},
  simulated: [],
  notModelled: [],
};
