// Fidelity: the real MCP TypeScript SDK clients (v2, @modelcontextprotocol/client; v1,
// @modelcontextprotocol/sdk) through their own OAuth provider interfaces against the sandbox, with
// every request they send recorded; Authtrace's profile of the same client against the same sandbox;
// what they send must agree.
import { Client, StreamableHTTPClientTransport, UnauthorizedError, type OAuthClientProvider } from '@modelcontextprotocol/client';
import { UnauthorizedError as V1UnauthorizedError } from '@modelcontextprotocol/sdk/client/auth.js';
import { Client as V1Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport as V1Transport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { describe, expect, it } from 'vitest';
import { clientProfile } from '../../shared/clients/index.js';
import type { HttpRequest } from '../../shared/model.js';
import { authorize } from '../sandbox/test-support/oauth-flow.js';
import { sandbox } from '../test-support/cli.js';
import { sentBy, sentInSession } from '../test-support/sent.js';
import { runMatrix } from './compatibility-matrix.js';
import { createLoopbackRedirectListener } from './loopback-listener.js';
import { createRecordingHttpClient } from './recording-http.js';

const REDIRECT = 'http://127.0.0.1:53682/callback';

/** The provider an application writes, as the SDK's example client does (it registers client_secret_post). */
function exampleProvider(): OAuthClientProvider & { authorizationUrl?: URL } {
  let info: Awaited<ReturnType<OAuthClientProvider['clientInformation']>>;
  let tokens: Awaited<ReturnType<OAuthClientProvider['tokens']>>;
  let verifier = '';
  const provider: OAuthClientProvider & { authorizationUrl?: URL } = {
    get redirectUrl() {
      return REDIRECT;
    },
    get clientMetadata() {
      return { client_name: 'fidelity', redirect_uris: [REDIRECT], grant_types: ['authorization_code', 'refresh_token'], response_types: ['code'], token_endpoint_auth_method: 'client_secret_post' };
    },
    clientInformation: () => info,
    saveClientInformation: (value) => void (info = value),
    tokens: () => tokens,
    saveTokens: (value) => void (tokens = value),
    redirectToAuthorization: (url) => void (provider.authorizationUrl = url),
    saveCodeVerifier: (value) => void (verifier = value),
    codeVerifier: () => verifier,
  };
  return provider;
}

function recorder(sent: HttpRequest[]): typeof fetch {
  return async (input, init) => {
    const request = new Request(input, init);
    const body = request.method === 'GET' || request.method === 'HEAD' ? undefined : await request.clone().text();
    sent.push({ method: request.method, url: request.url, headers: [...request.headers].map(([name, value]) => ({ name, value })), ...(body !== undefined && { body }) });
    return fetch(request);
  };
}

async function realV1Run(mcpUrl: string): Promise<HttpRequest[]> {
  const sent: HttpRequest[] = [];
  const provider = exampleProvider();
  const fetchFn = recorder(sent);
  const transport = new V1Transport(new URL(mcpUrl), { authProvider: provider as never, fetch: fetchFn });
  const client = new V1Client({ name: 'fidelity', version: '1.0.0' });
  await expect(client.connect(transport)).rejects.toBeInstanceOf(V1UnauthorizedError);
  const callback = await authorize(provider.authorizationUrl!, REDIRECT);
  await transport.finishAuth(callback.searchParams.get('code')!);
  const again = new V1Client({ name: 'fidelity', version: '1.0.0' });
  await again.connect(new V1Transport(new URL(mcpUrl), { authProvider: provider as never, fetch: fetchFn }));
  await again.listTools();
  await again.close();
  return sent;
}

async function realClientRun(mcpUrl: string): Promise<HttpRequest[]> {
  const sent: HttpRequest[] = [];
  const provider = exampleProvider();
  const fetchFn = recorder(sent);
  const transport = new StreamableHTTPClientTransport(new URL(mcpUrl), { authProvider: provider, fetch: fetchFn });
  const client = new Client({ name: 'fidelity', version: '1.0.0' });
  await expect(client.connect(transport)).rejects.toBeInstanceOf(UnauthorizedError);
  const callback = await authorize(provider.authorizationUrl!, REDIRECT);
  await transport.finishAuth(callback.searchParams);
  const again = new Client({ name: 'fidelity', version: '1.0.0' });
  await again.connect(new StreamableHTTPClientTransport(new URL(mcpUrl), { authProvider: provider, fetch: fetchFn }));
  await again.listTools();
  await again.close();
  return sent;
}

const REAL: Record<string, (mcpUrl: string) => Promise<HttpRequest[]>> = { 'mcp-ts-sdk-v2': realClientRun, 'mcp-ts-sdk-v1': realV1Run };

describe('fidelity of the MCP TypeScript SDK profiles', () => {
  it.each([
    ['mcp-ts-sdk-v2', 'correct'],
    ['mcp-ts-sdk-v2', 'omits-none'],
    ['mcp-ts-sdk-v1', 'correct'],
    ['mcp-ts-sdk-v1', 'omits-none'],
  ])('%s against %s: the profile sends what the real client sends', async (id, name) => {
    const s = await sandbox(name);
    const real = sentBy(await REAL[id]!(s.mcpUrl));
    const [row] = await runMatrix({ target: { kind: 'mcp', url: s.mcpUrl }, profiles: [clientProfile(id)!], http: createRecordingHttpClient(), redirect: createLoopbackRedirectListener(), timeoutMs: 10_000 });
    const modelled = sentInSession(row!.sessions[0]!.session);
    expect(modelled).toEqual(real);
  });
});
