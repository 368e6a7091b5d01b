import { headerValue } from '../../model.js';
import { oauthChallenge, lenientParam, parseWwwAuthenticate } from '../../http/www-authenticate.js';
import { StepFailure, type StepDefinition } from '../context.js';
import { probeRequest } from '../mcp-messages.js';
import { requireResponse, statusLine } from '../responses.js';

export const probeStep: StepDefinition = {
  name: 'probe',
  async prepare(rt) {
    const url = rt.state.mcpUrl;
    if (!url) return { kind: 'skip', summary: 'started from an authorization server (--issuer): no MCP server to probe' };
    return { kind: 'request', request: probeRequest(url, rt.state.revision) };
  },
  async execute(rt, request) {
    const result = await rt.send(request, 'mcp-probe', 'unauthenticated MCP request, expecting a 401 challenge');
    const response = requireResponse(result, request.url);
    if (response.status !== 401) {
      if (response.status >= 200 && response.status < 300 && /^text\/html\b/i.test(headerValue(response.headers, 'content-type') ?? '')) {
        throw new StepFailure(
          'PROBE_NOT_MCP',
          `${request.url} answered ${statusLine(response)} with an HTML page to an MCP request: a login wall in front of the server, or a URL that is not the MCP endpoint.`,
          'Check the MCP endpoint URL (often /mcp). A protected MCP server answers an unauthenticated request with 401 and a WWW-Authenticate challenge (HTTP-04).',
        );
      }
      if (response.status >= 200 && response.status < 300) {
        return `${statusLine(response)}: the server answered without authentication; discovery continues through the well-known URLs`;
      }
      if (response.status === 403 || response.status === 404 || response.status >= 500) {
        throw new StepFailure(
          'PROBE_UNEXPECTED_STATUS',
          `${request.url} answered ${statusLine(response)} to an unauthenticated MCP request; a protected MCP server answers 401 with a WWW-Authenticate challenge.`,
          response.status === 404 ? 'Check the MCP endpoint path (often /mcp).' : 'Check the server logs.',
        );
      }
      return `${statusLine(response)} instead of 401; discovery continues through the well-known URLs`;
    }
    const raw = headerValue(response.headers, 'www-authenticate');
    if (raw === undefined) {
      rt.write({ challenge: undefined });
      return '401 without WWW-Authenticate; falling back to the well-known URLs';
    }
    const parsed = parseWwwAuthenticate(raw);
    if (parsed.ok) {
      const bearer = oauthChallenge(parsed.challenges);
      rt.write({
        challenge: {
        raw,
        ...(bearer && { parsed: bearer }),
        ...(bearer?.params.resource_metadata && { resourceMetadataUrl: bearer.params.resource_metadata }),
        ...(bearer?.params.scope && { scope: bearer.params.scope }),
        },
      });
      const hint = bearer?.params.resource_metadata ? `resource_metadata ${bearer.params.resource_metadata}` : 'no resource_metadata';
      return `401 challenge: ${hint}${bearer?.params.scope ? `, scope "${bearer.params.scope}"` : ''}`;
    }
    // Kept as evidence; like lenient real clients, still read what can be read.
    const resourceMetadataUrl = lenientParam(raw, 'resource_metadata');
    const scope = lenientParam(raw, 'scope');
    rt.write({ challenge: { raw, ...(resourceMetadataUrl && { resourceMetadataUrl }), ...(scope && { scope }) } });
    return `401 with a WWW-Authenticate header that does not parse (${parsed.error} at ${parsed.position}); continuing`;
  },
};
