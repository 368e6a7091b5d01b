import type { HttpRequest } from '../../model.js';
import { StepFailure, type ProtectedResourceMetadata, type StepDefinition } from '../context.js';
import { canonicalResource, resourceMetadataUrls } from '../discovery-urls.js';
import { isRedirect, readJsonObject, statusLine } from '../responses.js';
import { requireUrl } from '../urls.js';

const getJson = (url: string): HttpRequest => ({ method: 'GET', url, headers: [{ name: 'Accept', value: 'application/json' }] });

export const resourceMetadataStep: StepDefinition = {
  name: 'resource-metadata',
  async prepare(rt) {
    const url = rt.state.mcpUrl;
    if (!url) return { kind: 'skip', summary: 'started from an authorization server: no protected resource' };
    const first = resourceMetadataUrls(url, rt.state.challenge?.resourceMetadataUrl)[0];
    if (!first) throw new StepFailure(`no resource metadata URL can be built from ${url}`);
    return { kind: 'request', request: getJson(first.url) };
  },
  async execute(rt, request) {
    const mcpUrl = rt.state.mcpUrl!;
    const candidates = resourceMetadataUrls(mcpUrl, rt.state.challenge?.resourceMetadataUrl);
    const tried: string[] = [];
    let onlyNotFound = true;
    let next: HttpRequest | undefined = request;
    let index = 0;
    while (next) {
      const purpose = candidates[index]?.purpose ?? 'edited request';
      const result = await rt.send(next, 'resource-metadata', purpose);
      if (result.outcome === 'network-error' || result.response.status !== 404) onlyNotFound = false;
      if (result.outcome === 'network-error') tried.push(`${next.url}: ${result.error.message}`);
      else if (isRedirect(result.response.status)) tried.push(`${next.url}: ${statusLine(result.response)} redirect (not followed)`);
      else if (result.response.status !== 200) tried.push(`${next.url}: ${statusLine(result.response)}`);
      else {
        const json = readJsonObject(result.response);
        if (!json.ok) tried.push(`${next.url}: ${json.reason}`);
        else {
          const doc = json.value as ProtectedResourceMetadata;
          const servers = Array.isArray(doc.authorization_servers) ? doc.authorization_servers.filter((s): s is string => typeof s === 'string') : [];
          if (servers.length === 0) {
            throw new StepFailure(
              `${next.url} has no authorization_servers, so the client cannot know where to authorize (RFC 9728 §2).`,
              'The server must list its authorization server issuer in authorization_servers.',
            );
          }
          requireUrl(servers[0], 'authorization_servers[0]', next.url);
          rt.state.resourceMetadata = doc;
          rt.state.resource = canonicalResource(mcpUrl);
          rt.setIssuer(servers[0]!);
          const more = servers.length > 1 ? ` (${servers.length} listed, using the first)` : '';
          return `found at ${next.url}: authorization server ${servers[0]}${more}`;
        }
      }
      index++;
      const candidate = candidates[index];
      next = candidate ? getJson(candidate.url) : undefined;
    }
    if (!onlyNotFound) {
      throw new StepFailure(
        `No usable protected resource metadata for ${mcpUrl}. Tried: ${tried.join('; ')}. Expected a JSON document (RFC 9728) with authorization_servers.`,
        'Serve /.well-known/oauth-protected-resource (path-inserted for a path resource) as application/json, or point resource_metadata in the 401 challenge at it.',
      );
    }
    // MCP 2025-03-26 servers have no resource metadata (404): the MCP origin is the authorization base.
    rt.state.legacyAuthorizationBase = true;
    rt.state.resource = canonicalResource(mcpUrl);
    rt.setIssuer(new URL(mcpUrl).origin);
    return `no protected resource metadata (${tried.join('; ')}); assuming the authorization server is at the MCP origin, as 2025-03-26 clients do`;
  },
};
