import { stepsUp } from '../step-up.js';
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { headerValue, requestDeadline, type Header, type Revision } from '../../model.js';
import { oauthChallenge, lenientParam, parseWwwAuthenticate } from '../../http/www-authenticate.js';
import { StepFailure, type StepDefinition, type StepRuntime } from '../context.js';
import { CLIENT_INFO, probeRequest } from '../mcp-messages.js';
import { recordingFetch } from '../recording-fetch.js';
import { requireResponse, statusLine } from '../responses.js';

const KNOWN_REVISIONS: readonly string[] = ['2026-07-28', '2025-11-25', '2025-06-18', '2025-03-26'];

function bearer(rt: StepRuntime): string {
  const token = rt.state.tokens?.access_token;
  if (!token) throw new StepFailure('STEP_PRECONDITION', 'no access token yet: run the token step first');
  // RFC 9449 §7.1: a DPoP-bound token is presented with the DPoP scheme, never as Bearer.
  const bound = rt.state.dpop !== undefined && rt.state.tokens?.token_type?.toLowerCase() === 'dpop';
  return `${bound ? 'DPoP' : 'Bearer'} ${token}`;
}

type Negotiation = 'auto' | 'legacy' | { pin: string };

export const mcpStep: StepDefinition = {
  name: 'mcp',
  async prepare(rt) {
    if (!rt.state.mcpUrl) return { kind: 'skip', summary: 'started from an authorization server: no MCP server to call' };
    const request = probeRequest(rt.state.mcpUrl, rt.state.revision);
    request.headers.push({ name: 'Authorization', value: bearer(rt) });
    rt.write({ mcpPrepared: request });
    return { kind: 'request', request };
  },
  async execute(rt, request) {
    const pinned = rt.state.revisionPinned;
    let mode: Negotiation = pinned ? (rt.state.revision === '2026-07-28' ? { pin: '2026-07-28' } : 'legacy') : 'auto';
    // Unedited, the prepared request is what the official client sends first, so the client sends
    // it; an edited one is sent as edited, and its answer decides the era.
    if (JSON.stringify(request) !== JSON.stringify(rt.state.mcpPrepared)) {
      const first = await rt.send(request, 'mcp', 'authenticated MCP request, as edited');
      const response = requireResponse(first, request.url);
      checkAuthorization(rt, response.status, response.headers);
      const modernAccepted = response.status === 200 && rt.state.revision === '2026-07-28' && !isJsonRpcError(response.body);
      if (!modernAccepted && rt.state.revision === '2026-07-28' && pinned) throw pinnedModernRefused(request.url, statusLine(response));
      mode = modernAccepted ? { pin: '2026-07-28' } : 'legacy';
    }
    const client = new Client(
      { name: CLIENT_INFO.name, version: CLIENT_INFO.version },
      {
        versionNegotiation: { mode },
        // A pinned older revision is the one the initialize handshake offers.
        ...(mode === 'legacy' && pinned && { supportedProtocolVersions: [rt.state.revision] }),
      },
    );
    let stepUp: string | undefined;
    let refused: { status: number; headers: Header[] } | undefined;
    const transport = new StreamableHTTPClientTransport(new URL(rt.state.mcpUrl!), {
      fetch: recordingFetch(rt, 'mcp', (_req, status, headers) => {
        if (status === 401) refused ??= { status, headers };
        if (status === 401 || status === 403) stepUp ??= insufficientScope(headers);
      }),
      requestInit: { headers: { Authorization: bearer(rt) } },
    });
    try {
      // The SDK waits 60 s per request by default; the session's timeout governs here too.
      const limits = { timeout: rt.config.timeoutMs, maxTotalTimeout: requestDeadline(rt.config) };
      await client.connect(transport, limits);
      const negotiated = client.getNegotiatedProtocolVersion?.() ?? (mode === 'legacy' ? '2025-11-25' : '2026-07-28');
      if (!pinned && KNOWN_REVISIONS.includes(negotiated)) rt.write({ revision: negotiated as Revision });
      const tools = await client.listTools(undefined, limits);
      const names = tools.tools.map((t) => t.name);
      let called = '';
      const call = rt.config.callTool;
      if (call) {
        const result = await client.callTool({ name: call.name, arguments: call.args }, limits);
        if (result.isError) throw new StepFailure('MCP_TOOL_ERROR', `The tool ${call.name} returned an error: ${JSON.stringify(result.content).slice(0, 300)}`);
        called = `; called ${call.name}`;
      }
      const stepUps = rt.state.stepUps > 0 ? `, after ${rt.state.stepUps} step-up${rt.state.stepUps > 1 ? 's' : ''} to scope "${rt.state.scopes.join(' ')}"` : '';
      const era = rt.state.revision === '2026-07-28' ? 'stateless 2026-07-28' : `legacy era (${rt.state.revision})`;
      return `${era}: ${names.length} tools (${names.slice(0, 8).join(', ')}${names.length > 8 ? ', …' : ''})${called}${stepUps}`;
    } catch (e) {
      if (stepUp) throw askedForScope(rt, stepUp);
      if (e instanceof StepFailure) throw e;
      if (refused) checkAuthorization(rt, refused.status, refused.headers);
      if (typeof mode === 'object') throw pinnedModernRefused(rt.state.mcpUrl!, (e as Error).message);
      throw new StepFailure('MCP_REQUEST_FAILED', `The MCP request to ${rt.state.mcpUrl} failed: ${(e as Error).message}`, "See the MCP exchanges for the server's answer.");
    } finally {
      await client.close().catch(() => undefined);
    }
  },
};

function pinnedModernRefused(url: string, answer: string): StepFailure {
  return new StepFailure('MCP_REVISION_REFUSED', `${url} does not accept the pinned revision 2026-07-28 (${answer}).`, 'Run with --revision 2025-11-25 to talk to an older server.');
}

function isJsonRpcError(body: string): boolean {
  const line = body.split('\n').find((l) => l.startsWith('data:'));
  const text = line ? line.slice(5) : body;
  try {
    return 'error' in (JSON.parse(text) as object);
  } catch {
    return false;
  }
}

function checkAuthorization(rt: StepRuntime, status: number, headers: Header[]): void {
  if (status === 401) {
    throw new StepFailure(
      'MCP_UNAUTHORIZED',
      `${rt.state.mcpUrl} refused the access token (401${headerValue(headers, 'www-authenticate') ? `: ${headerValue(headers, 'www-authenticate')}` : ''}).`,
      'Check the token audience (resource) and scope; see RES-01/RES-02 if they fire.',
    );
  }
  const scope = status === 403 ? insufficientScope(headers) : undefined;
  if (scope) throw askedForScope(rt, scope);
}

/** A 403 insufficient_scope: the engine steps up unless the client imitated is one that stops there. */
function askedForScope(rt: StepRuntime, scope: string): StepFailure {
  rt.write({ stepUpRequested: scope });
  const client = rt.config.client;
  const stops = !stepsUp(client, rt.state.tokens?.refresh_token !== undefined);
  const why = client?.insufficientScope === 'refresh-then-stop' ? 'holds a refresh token, so it refreshes without the new scope, gets the same 403 and gives up' : 'does not authorize again for more scope (no step-up)';
  return new StepFailure(
    'MCP_INSUFFICIENT_SCOPE',
    `The server asked for more scope (403 insufficient_scope, scope "${scope}").`,
    stops
      ? `This client (${client!.profile}) ${why}, so it stops here. Server side, to work with it: ask for every scope the tools need up front (the PRM's scopes_supported or the first challenge's scope).`
      : 'Authtrace authorizes again with the union of scopes (step-up).',
  );
}

function insufficientScope(headers: Header[]): string | undefined {
  const raw = headerValue(headers, 'www-authenticate');
  if (!raw) return undefined;
  const parsed = parseWwwAuthenticate(raw);
  const params = parsed.ok ? oauthChallenge(parsed.challenges)?.params : undefined;
  const error = params?.error ?? lenientParam(raw, 'error');
  if (error !== 'insufficient_scope') return undefined;
  return params?.scope ?? lenientParam(raw, 'scope') ?? '';
}
