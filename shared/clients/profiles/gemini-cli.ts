import { gh, src } from '../cite.js';

const V0_56 = 'https://github.com/google-gemini/gemini-cli/blob/b6e23a7dc29eb15fede4bbe646d91869e948b45a/packages/core/src';
import type { ClientProfile } from '../types.js';
import { basedOnReference } from './reference.js';

export const geminiCli: ClientProfile = {
  id: 'gemini-cli',
  name: 'Gemini CLI',
  version: '0.56.0',
  kind: 'app',
  summary: 'Compares the PRM resource with the MCP URL as exact strings, so a resource published as the origin (Cloudflare, Slack, Linear) stops it.',
  behaviour: basedOnReference({
    resourceCheck: { value: 'exact', cite: [gh('google-gemini/gemini-cli', 20017), gh('google-gemini/gemini-cli', 15754)] },
    issuerCheck: { value: 'none', cite: [src('gemini-cli v0.56.0 oauth-utils.ts: the metadata issuer is copied, never compared', `${V0_56}/mcp/oauth-utils.ts#L120-L154`)] },
    resourceParam: { value: 'mcp-url', cite: [src('gemini-cli v0.56.0 oauth-provider.ts: resource = the MCP URL (query and fragment dropped)', `${V0_56}/mcp/oauth-provider.ts#L229-L239`)] },
    asDiscovery: { value: 'mcp-then-root', cite: [src('gemini-cli v0.56.0 oauth-utils.ts: path-aware URLs, then the root ones', `${V0_56}/mcp/oauth-utils.ts#L163-L224`)] },
    insufficientScope: { value: 'stop', cite: [gh('google-gemini/gemini-cli', 12108), src('gemini-cli v0.56.0 mcp-client.ts: 401 handling only', `${V0_56}/tools/mcp-client.ts#L911-L935`)], note: 'insufficient_scope occurs nowhere in its source at v0.56.0' },
    refreshWhen: { value: 'ahead-of-expiry', cite: [src('gemini-cli v0.56.0 oauth-token-storage.ts: refresh within 5 minutes of expiry', `${V0_56}/mcp/oauth-token-storage.ts#L224-L232`)] },
  }),
  messages: {},
  simulated: [],
  notModelled: [
    { value: 'misroutes resource_metadata', cite: [gh('google-gemini/gemini-cli', 18760)] },
    { value: 'once used authorization_endpoint as the issuer', cite: [gh('google-gemini/gemini-cli', 17167)] },
  ],
};
