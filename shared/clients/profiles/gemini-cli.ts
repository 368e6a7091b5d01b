import { gh } from '../cite.js';
import type { ClientProfile } from '../types.js';
import { basedOnReference } from './reference.js';

export const geminiCli: ClientProfile = {
  id: 'gemini-cli',
  name: 'Gemini CLI',
  version: 'current (2026)',
  kind: 'app',
  summary: 'Compares the PRM resource with the MCP URL as exact strings, so a resource published as the origin (Cloudflare, Slack, Linear) stops it.',
  behaviour: basedOnReference({
    resourceCheck: { value: 'exact', cite: [gh('google-gemini/gemini-cli', 20017), gh('google-gemini/gemini-cli', 15754)] },
  }),
  messages: {},
  simulated: [],
  notModelled: [
    { value: 'misroutes resource_metadata', cite: [gh('google-gemini/gemini-cli', 18760)] },
    { value: 'once used authorization_endpoint as the issuer', cite: [gh('google-gemini/gemini-cli', 17167)] },
  ],
};
