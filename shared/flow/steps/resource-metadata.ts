import { StepFailure, type ProtectedResourceMetadata, type StepDefinition } from '../context.js';
import { resourceCovers } from '../../interpret/resource.js';
import { canonicalResource, resourceMetadataCandidates } from '../../interpret/well-known.js';
import type { ClientBehaviour } from '../../model.js';
import { requireUrl } from '../urls.js';
import { fetchFirstJson, getJson } from '../well-known.js';

export const resourceMetadataStep: StepDefinition = {
  name: 'resource-metadata',
  async prepare(rt) {
    const url = rt.state.mcpUrl;
    if (!url) return { kind: 'skip', summary: 'started from an authorization server: no protected resource' };
    const first = resourceMetadataCandidates(url, rt.state.challenge?.resourceMetadataUrl)[0];
    if (!first) throw new StepFailure('STEP_PRECONDITION', `no resource metadata URL can be built from ${url}`);
    return { kind: 'request', request: getJson(first.url) };
  },
  async execute(rt, request) {
    const mcpUrl = rt.state.mcpUrl!;
    const candidates = resourceMetadataCandidates(mcpUrl, rt.state.challenge?.resourceMetadataUrl);
    const result = await fetchFirstJson(rt, request, candidates, 'resource-metadata');
    if (result.found) {
      const doc = result.doc as ProtectedResourceMetadata;
      const servers = Array.isArray(doc.authorization_servers) ? doc.authorization_servers.filter((s): s is string => typeof s === 'string') : [];
      if (servers.length === 0) {
        throw new StepFailure(
          'PRM_NO_AUTHORIZATION_SERVERS',
          `${result.url} has no authorization_servers, so the client cannot know where to authorize (RFC 9728 §2).`,
          'The server must list its authorization server issuer in authorization_servers.',
        );
      }
      requireUrl(servers[0], 'authorization_servers[0]', result.url);
      const published = typeof doc.resource === 'string' ? doc.resource : undefined;
      const check = rt.config.client?.resourceCheck ?? 'rfc9728';
      if (check === 'exact' && published !== mcpUrl) {
        rt.stopUnlessContinued(
          new StepFailure(
            'RESOURCE_MISMATCH',
            `${result.url} names the resource ${published === undefined ? '(none)' : JSON.stringify(published)}, and this client (${rt.config.client!.profile}) accepts only exactly ${mcpUrl}, so it stops, although RFC 9728 §3.3 also allows the origin or a path prefix.`,
            'Client side: compare the resource as RFC 9728 §3.3 says. Server side, to work with this client anyway: publish the MCP server URL itself as "resource".',
            'PRM-01',
          ),
        );
      } else if (check !== 'none' && (published === undefined || !resourceCovers(published, mcpUrl))) {
        rt.stopUnlessContinued(
          new StepFailure(
            'RESOURCE_MISMATCH',
            `${result.url} names the resource ${published === undefined ? '(none)' : JSON.stringify(published)}, which is not ${mcpUrl} (nor its origin or a path prefix of it): a compliant client stops here, since the metadata may belong to another server (RFC 9728 §3.3).`,
            'Server side: set "resource" to the MCP server URL. To see what happens past the stop: --continue-on PRM-01 (in the app: Continue anyway).',
            'PRM-01',
          ),
        );
      }
      // The resource indicator is sent exactly as the metadata publishes it (RFC 8707, MCP).
      const asPublished = published !== undefined && resourceCovers(published, mcpUrl) ? published : canonicalResource(mcpUrl);
      const resource = resourceToSend(rt.config.client?.resourceParam, asPublished, mcpUrl, true);
      rt.write({ resourceMetadata: doc, resource, issuer: servers[0]! });
      const more = servers.length > 1 ? ` (${servers.length} listed, using the first)` : '';
      return `found at ${result.url}: authorization server ${servers[0]}${more}`;
    }
    const { tried, onlyNotFound } = result;
    if (!onlyNotFound) {
      throw new StepFailure(
        'PRM_NOT_FOUND',
        `No usable protected resource metadata for ${mcpUrl}. Tried: ${tried.join('; ')}. Expected a JSON document (RFC 9728) with authorization_servers.`,
        'Serve /.well-known/oauth-protected-resource (path-inserted for a path resource) as application/json, or point resource_metadata in the 401 challenge at it.',
      );
    }
    // MCP 2025-03-26 servers have no resource metadata (404): the MCP origin is the authorization base.
    rt.write({ legacyAuthorizationBase: true, resource: resourceToSend(rt.config.client?.resourceParam, canonicalResource(mcpUrl), mcpUrl, false), issuer: new URL(mcpUrl).origin });
    return `no protected resource metadata (${tried.join('; ')}); assuming the authorization server is at the MCP origin, as 2025-03-26 clients do`;
  },
};

/** What a client sends as the RFC 8707 resource: the published one (the spec), the MCP URL as it was given, or nothing. */
function resourceToSend(how: ClientBehaviour['resourceParam'] | undefined, published: string, mcpUrl: string, fromPrm: boolean): string | undefined {
  if (how === 'none' || (how === 'prm-only' && !fromPrm)) return undefined;
  return how === 'mcp-url' ? mcpUrl : published;
}
