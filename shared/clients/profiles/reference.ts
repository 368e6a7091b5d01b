import { mcpSpec, rfc } from '../cite.js';
import type { ClientProfile } from '../types.js';

const AUTH = mcpSpec('2026-07-28', 'authorization', 'authorization');

/** Authtrace's own client: everything the specs ask of a client, and nothing more. The base of every other profile. */
export const reference: ClientProfile = {
  id: 'reference',
  name: 'Spec-strict reference client',
  version: 'MCP 2026-07-28',
  kind: 'reference',
  summary: 'Does what the MCP authorization spec and the RFCs it cites ask: registers a public client, authenticates exactly as registered, asks for the challenged scope, checks resource, issuer and iss.',
  behaviour: {
    registrationPath: {
      value: 'dcr',
      cite: [mcpSpec('2026-07-28', 'authorization/client-registration', 'client registration')],
      note: 'a client ID metadata document needs a public https URL of the client’s own; Authtrace uses one when given --client-metadata-url',
    },
    registerMethod: { value: { kind: 'fixed', method: 'none' }, cite: [rfc(7591, '2'), AUTH] },
    extraRedirectUris: { value: [], cite: [rfc(8252, '7.3')] },
    registrationScope: { value: 'none', cite: [rfc(7591, '2')] },
    applicationType: { value: 'native', cite: [mcpSpec('2026-07-28', 'authorization/client-registration', 'client registration')] },
    cacheKeepsMethod: { value: true, cite: [rfc(7591, '3.2.1')] },
    tokenMethod: { value: 'as-registered', cite: [rfc(7591, '2'), { ref: 'OAuth 2.1 §2.4', url: 'https://datatracker.ietf.org/doc/html/draft-ietf-oauth-v2-1#section-2.4' }] },
    strategy: { value: 'registered', cite: [rfc(7591, '2')] },
    scope: { value: 'mcp', cite: [AUTH] },
    offlineAccess: { value: false, cite: [AUTH] },
    iss: { value: 'validate', cite: [rfc(9207, '2.4')] },
    resourceCheck: { value: 'rfc9728', cite: [rfc(9728, '3.3')] },
    issuerCheck: { value: 'strict', cite: [rfc(8414, '3.3')] },
    resourceParam: { value: 'prm', cite: [rfc(8707, '2'), AUTH], note: 'the resource the PRM publishes (it covers the MCP URL, or the client stopped), at /authorize, the token request and refresh' },
    asDiscovery: { value: 'mcp', cite: [AUTH, rfc(8414, '3.1')] },
    insufficientScope: { value: 'step-up', cite: [AUTH, rfc(6750, '3.1')] },
    refreshScope: { value: false, cite: [rfc(6749, '6')], note: 'omitted scope means the scope originally granted' },
    revision: { value: 'negotiate', cite: [mcpSpec('2026-07-28', 'lifecycle', 'lifecycle')] },
    cachedPass: { value: false, cite: [rfc(7591, '3.2.1')] },
    refreshWhen: { value: 'on-401', cite: [rfc(6750, '3.1'), rfc(6749, '6')], note: 'a 401 with error="invalid_token" says the token expired; the refresh token gets a new one' },
  },
  messages: {},
  simulated: [],
  notModelled: [],
};

type Behaviour = ClientProfile['behaviour'];

/**
 * A profile's behaviour: what the client is known to do, cited; everything else is the reference's,
 * marked assumed (no report says the client does otherwise, none says it does this).
 */
export function basedOnReference(known: Partial<Behaviour>): Behaviour {
  const assumed = Object.fromEntries(Object.entries(reference.behaviour).map(([key, cited]) => [key, { ...cited, assumed: true as const }]));
  return { ...(assumed as unknown as Behaviour), ...known };
}
