import { gh, src } from '../cite.js';

/** rmcp 3.1.4, the line Goose builds on (it uses AuthorizationRequest, which exists from rmcp 3.0). */
const RMCP = 'https://github.com/modelcontextprotocol/rust-sdk/blob/4a738b9dd99eaca418b614afa433a0cbdaf8d056/crates/rmcp/src/transport/auth.rs';
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
    iss: { value: 'ignore', cite: [gh('block/goose', 10677)], note: 'newer Goose passes iss through rmcp’s handle_callback_with_issuer (block/goose 06423fd): this profile models the releases before' },
    issuerCheck: { value: 'strict', cite: [src('rmcp 3.1.4: the metadata issuer must equal the one discovered', `${RMCP}#L2352-L2460`)], note: 'rmcp version inferred from the API Goose calls' },
    resourceParam: { value: 'prm', cite: [src('rmcp 3.1.4: the PRM resource, else the MCP URL, always sent', `${RMCP}#L2551-L2606`)] },
    asDiscovery: { value: 'mcp-then-root', cite: [src('rmcp 3.1.4: RFC 8414 then OpenID Connect, then the root RFC 8414 URL', `${RMCP}#L2306-L2334`)] },
    refreshWhen: { value: 'ahead-of-expiry', cite: [src('rmcp 3.1.4: refresh 30 s before expiry', `${RMCP}#L2142-L2179`)] },
    revision: { value: '2025-03-26', cite: [gh('block/goose', 10981)] },
  }),
  messages: {},
  simulated: ['its client ID metadata document is served on loopback by Authtrace, since the real one (at a public https URL) cannot be fetched here'],
  notModelled: [],
};
