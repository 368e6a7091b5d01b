import { advertisedMethods, StepFailure, type AuthorizationServerMetadata, type StepDefinition, type StepRuntime } from '../context.js';
import { asMetadataCandidates } from '../../interpret/well-known.js';
import { createDpopKey, supportsEs256 } from '../dpop.js';
import { withoutUser } from '../grant.js';
import { requireUrl } from '../urls.js';
import { fetchFirstJson, getJson } from '../well-known.js';

/** The well-known URLs tried, in order, as the client imitated looks for them (the MCP order by default). */
function candidatesFor(rt: StepRuntime, issuer: string): { url: string; purpose: string }[] {
  const how = rt.config.client?.asDiscovery;
  const origin = URL.canParse(issuer) ? new URL(issuer).origin : undefined;
  const root = origin ? [{ url: `${origin}/.well-known/oauth-authorization-server`, purpose: 'OAuth 2.0 AS metadata at the root, path insertion skipped (as this client does)' }] : [];
  if (how === 'root-rfc8414') return root;
  const mcp = asMetadataCandidates(issuer);
  if (how !== 'mcp-then-root' || !origin) return mcp;
  const more = [...root, { url: `${origin}/.well-known/openid-configuration`, purpose: 'OpenID Connect discovery at the root (this client’s last resort)' }];
  return [...mcp, ...more.filter((m) => !mcp.some((c) => c.url === m.url))];
}

export const asMetadataStep: StepDefinition = {
  name: 'authorization-server-metadata',
  async prepare(rt) {
    const issuer = rt.state.issuer;
    if (!issuer) throw new StepFailure('STEP_PRECONDITION', 'no authorization server is known yet: the resource metadata step did not name one');
    return { kind: 'request', request: getJson(candidatesFor(rt, issuer)[0]!.url) };
  },
  async execute(rt, request) {
    const issuer = rt.state.issuer!;
    const candidates = candidatesFor(rt, issuer);
    const result = await fetchFirstJson(rt, request, candidates, 'as-metadata');
    if (result.found) {
      const doc = result.doc as AuthorizationServerMetadata;
      // RFC 8414 §3.3: the issuer in the document must be the one the URL was built from, exactly.
      if (doc.issuer !== issuer && rt.config.client?.issuerCheck !== 'none') {
        rt.stopUnlessContinued(
          new StepFailure(
            'ISSUER_MISMATCH',
            `${result.url} says "issuer": ${JSON.stringify(doc.issuer ?? null)}, but it was fetched for the issuer ${issuer}: a compliant client must not use this metadata (RFC 8414 §3.3), since another server could be impersonating the authorization server.`,
            'Server side: publish "issuer" exactly as the resource metadata names it (same scheme, host, port, path, trailing slash). To see what happens past the stop: --continue-on DSC-01 (in the app: Continue anyway).',
            'DSC-01',
          ),
        );
      }
      const summary = accept(doc, result.url);
      if (rt.config.dpop !== 'off' && supportsEs256(doc.dpop_signing_alg_values_supported)) {
        rt.write({ dpop: await createDpopKey() });
        return `${summary}; DPoP (RFC 9449): proofs signed with a session key (ES256)`;
      }
      return summary;
    }
    const { tried, onlyNotFound } = result;
    if (rt.state.legacyAuthorizationBase && onlyNotFound) {
      // MCP 2025-03-26 §2.3.3: without metadata, clients use default endpoint paths at the base URL.
      const base = new URL(issuer).origin;
      return accept(
        { issuer: base, authorization_endpoint: `${base}/authorize`, token_endpoint: `${base}/token`, registration_endpoint: `${base}/register` },
        null,
      );
    }
    throw new StepFailure(
      'METADATA_NOT_FOUND',
      `No authorization server metadata for ${issuer}. Tried: ${tried.join('; ')}. Expected a JSON document at one of the RFC 8414 or OpenID Connect well-known URLs.`,
      'Check the issuer in the resource metadata (authorization_servers), and that the server publishes /.well-known/oauth-authorization-server.',
    );

    function accept(doc: AuthorizationServerMetadata, url: string | null): string {
      const needed = withoutUser(rt.config, doc) ? ['token_endpoint'] : ['authorization_endpoint', 'token_endpoint'];
      const missing = needed.filter((k) => typeof doc[k] !== 'string');
      if (missing.length > 0) {
        throw new StepFailure(
          'METADATA_MISSING_ENDPOINTS',
          `${url ?? issuer}: the metadata lacks ${missing.join(' and ')} (RFC 8414 §2), so no authorization can happen.`,
          'The authorization server must publish its endpoints.',
        );
      }
      const where = url ?? issuer;
      if (doc.authorization_endpoint !== undefined || needed.includes('authorization_endpoint')) requireUrl(doc.authorization_endpoint, 'authorization_endpoint', where);
      requireUrl(doc.token_endpoint, 'token_endpoint', where);
      if (doc.registration_endpoint !== undefined) requireUrl(doc.registration_endpoint, 'registration_endpoint', where);
      rt.write({ as: doc });
      const advertised = advertisedMethods(doc);
      const found = url ? `found at ${url}` : 'no metadata published; using the 2025-03-26 default endpoints';
      return `${found}; token endpoint auth methods: ${advertised ? advertised.join(', ') : 'not advertised (RFC 8414 default: client_secret_basic)'}`;
    }
  },
};
