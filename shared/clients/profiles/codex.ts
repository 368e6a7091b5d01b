import { gh, src } from '../cite.js';

/** rmcp 2.2.0, the line Codex builds on (it calls discover_metadata, which rmcp 3.0 removed). */
const RMCP = 'https://github.com/modelcontextprotocol/rust-sdk/blob/519577601db3823616dbd7c4eb84ed569d8e17d4/crates/rmcp/src/transport/auth.rs';
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
    issuerCheck: { value: 'none', cite: [src('rmcp 2.2.0 fetch_authorization_metadata: any 200 JSON, no issuer check', `${RMCP}#L1860-L1885`)], note: 'rmcp version inferred from the API Codex calls' },
    resourceParam: { value: 'mcp-url', cite: [src('rmcp 2.2.0: resource = the MCP URL at authorize, token and refresh', `${RMCP}#L1359`)] },
    asDiscovery: { value: 'mcp-then-root', cite: [src('rmcp 2.2.0: RFC 8414 then OpenID Connect, then the root RFC 8414 URL', `${RMCP}#L1818-L1846`)] },
    refreshWhen: { value: 'ahead-of-expiry', cite: [src('rmcp 2.2.0 REFRESH_BUFFER_SECS', `${RMCP}#L1664`)], note: '30 s before expiry' },
  }),
  messages: {},
  simulated: [],
  notModelled: [
    { value: 'no way to configure a client secret for a pre-registered client', cite: [gh('openai/codex', 40783)] },
    { value: 'the DCR scope differs from the one it requests later', cite: [gh('openai/codex', 20503), gh('openai/codex', 23242)] },
  ],
};
