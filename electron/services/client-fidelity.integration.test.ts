// Fidelity: the real MCP TypeScript SDK clients (v2, @modelcontextprotocol/client; v1,
// @modelcontextprotocol/sdk) through their own OAuth provider interfaces against the sandbox, with
// every request they send recorded; Authtrace's profile of the same client against the same sandbox;
// what they send must agree.
import { Client, StreamableHTTPClientTransport, UnauthorizedError, type OAuthClientProvider } from '@modelcontextprotocol/client';
import { UnauthorizedError as V1UnauthorizedError } from '@modelcontextprotocol/sdk/client/auth.js';
import { Client as V1Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport as V1Transport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { clientProfile } from '../../shared/clients/index.js';
import type { HttpRequest } from '../../shared/model.js';
import { authorize } from '../sandbox/test-support/oauth-flow.js';
import { sandbox, tempDir } from '../test-support/cli.js';
import { sentBy, sentInSession } from '../test-support/sent.js';
import { runMatrix } from './compatibility-matrix.js';
import { createLoopbackRedirectListener } from './loopback-listener.js';
import { createRecordingHttpClient } from './recording-http.js';

const REDIRECT = 'http://127.0.0.1:53682/callback';

type StoredClient = Awaited<ReturnType<OAuthClientProvider['clientInformation']>>;

/**
 * The provider an application writes, as the SDK's example client does (it registers client_secret_post).
 * `cached`: a client from an earlier run, as a store that kept only its id and secret holds it.
 */
function exampleProvider(cached?: StoredClient): OAuthClientProvider & { authorizationUrl?: URL; stored(): StoredClient } {
  let info: StoredClient = cached;
  let tokens: Awaited<ReturnType<OAuthClientProvider['tokens']>>;
  let verifier = '';
  const provider: OAuthClientProvider & { authorizationUrl?: URL; stored(): StoredClient } = {
    stored: () => info,
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

const ROOT = path.resolve(import.meta.dirname, '../..');

/**
 * mcp-remote from npm, unmodified, as an MCP host starts it: stdio in and out. A preload records every
 * request it sends (undici's dispatcher); its browser is the stand-in that follows the login.
 */
async function realMcpRemoteRun(mcpUrl: string, pkg = 'mcp-remote', configDir = tempDir(), callbackPort = 40_000 + Math.floor(Math.random() * 20_000)): Promise<HttpRequest[]> {
  const record = path.join(tempDir(), 'requests.jsonl');
  const child = spawn(process.execPath, ['--import', path.join(ROOT, 'electron/test-support/record-requests.mjs'), path.join(ROOT, 'node_modules', pkg, 'dist/proxy.js'), mcpUrl, String(callbackPort), '--allow-http'], {
    env: { ...process.env, AUTHTRACE_RECORD_FILE: record, BROWSER: path.join(ROOT, 'e2e/stand-in-browser/open.mjs'), MCP_REMOTE_CONFIG_DIR: configDir, DISPLAY: '', WAYLAND_DISPLAY: '' },
    stdio: ['pipe', 'pipe', 'ignore'],
  });
  const answers = new Map<number, (value: unknown) => void>();
  let buffered = '';
  child.stdout.on('data', (chunk: Buffer) => {
    buffered += chunk.toString('utf8');
    for (let nl = buffered.indexOf('\n'); nl >= 0; nl = buffered.indexOf('\n')) {
      const line = buffered.slice(0, nl);
      buffered = buffered.slice(nl + 1);
      const message = JSON.parse(line) as { id?: number };
      if (typeof message.id === 'number') answers.get(message.id)?.(message);
    }
  });
  const call = (id: number, method: string, params: object) =>
    new Promise((resolve) => {
      answers.set(id, resolve);
      child.stdin.write(`${JSON.stringify({ jsonrpc: '2.0', id, method, params })}\n`);
    });
  try {
    await call(1, 'initialize', { protocolVersion: '2025-11-25', capabilities: {}, clientInfo: { name: 'fidelity', version: '1.0.0' } });
    child.stdin.write(`${JSON.stringify({ jsonrpc: '2.0', method: 'notifications/initialized' })}\n`);
    await call(2, 'tools/list', {});
  } finally {
    child.kill();
  }
  return JSON.parse(readFileSync(record, 'utf8')) as HttpRequest[];
}

const REAL: Record<string, (mcpUrl: string) => Promise<HttpRequest[]>> = {
  'mcp-ts-sdk-v2': realClientRun,
  'mcp-ts-sdk-v1': realV1Run,
  'mcp-remote': (url) => realMcpRemoteRun(url),
  // mcp-remote 0.6.0 from npm (installed as mcp-remote-0.6), the last release before 0.7.0 chose the method.
  'mcp-remote-0.6': (url) => realMcpRemoteRun(url, 'mcp-remote-0.6'),
};

describe('fidelity of the MCP TypeScript SDK profiles', () => {
  it.each([
    ['mcp-ts-sdk-v2', 'correct'],
    ['mcp-ts-sdk-v2', 'omits-none'],
    ['mcp-ts-sdk-v1', 'correct'],
    ['mcp-ts-sdk-v1', 'omits-none'],
    ['mcp-remote', 'correct'],
    ['mcp-remote', 'omits-none'],
    ['mcp-remote-0.6', 'correct'],
    ['mcp-remote-0.6', 'omits-none'],
  ])('%s against %s: the profile sends what the real client sends', async (id, name) => {
    const s = await sandbox(name);
    const recorded = await REAL[id]!(s.mcpUrl);
    const real = sentBy(recorded);
    const [row] = await runMatrix({ target: { kind: 'mcp', url: s.mcpUrl }, profiles: [clientProfile(id)!], http: createRecordingHttpClient(), redirect: createLoopbackRedirectListener(), timeoutMs: 10_000 });
    const modelled = sentInSession(row!.sessions[0]!.session);
    expect(modelled).toEqual(real);
  });
});

/** The seed case for a real client: register, then come back with only the id and secret cached; what it sent the second time and what it showed. */
async function cachedWithoutMethod(id: string, mcpUrl: string): Promise<{ sent: HttpRequest[]; shown: string }> {
  const sent: HttpRequest[] = [];
  const first = exampleProvider();
  const v2 = id === 'mcp-ts-sdk-v2';
  const transport = (provider: OAuthClientProvider, fetchFn?: typeof fetch) =>
    v2 ? new StreamableHTTPClientTransport(new URL(mcpUrl), { authProvider: provider, ...(fetchFn && { fetch: fetchFn }) }) : new V1Transport(new URL(mcpUrl), { authProvider: provider as never, ...(fetchFn && { fetch: fetchFn }) });
  const connect = (t: ReturnType<typeof transport>) => (v2 ? new Client({ name: 'fidelity', version: '1.0.0' }).connect(t as StreamableHTTPClientTransport) : new V1Client({ name: 'fidelity', version: '1.0.0' }).connect(t as V1Transport));
  await connect(transport(first)).catch(() => undefined);
  const { client_id, client_secret } = first.stored() as { client_id: string; client_secret: string };
  const cached = exampleProvider({ client_id, client_secret });
  const again = transport(cached, recorder(sent));
  await connect(again).catch(() => undefined);
  const callback = await authorize(cached.authorizationUrl!, REDIRECT);
  const finish = v2 ? (again as StreamableHTTPClientTransport).finishAuth(callback.searchParams) : (again as V1Transport).finishAuth(callback.searchParams.get('code')!);
  const shown = await finish.then(() => 'no error', (e: Error) => (v2 ? `${e.name}: ${e.message}` : e.message));
  return { sent, shown };
}

describe('fidelity in the seed case: a cached client that lost its method, against none-first', () => {
  it.each(['mcp-ts-sdk-v2', 'mcp-ts-sdk-v1'])('%s and its profile send client_secret_basic (the RFC 7591 default), get 401, and show the same words', async (id) => {
    const s = await sandbox('none-first');
    const real = await cachedWithoutMethod(id, s.mcpUrl);
    // The profile, with an application store that forgets the method, run twice.
    const base = clientProfile(id)!;
    const forgetful = { ...base, behaviour: { ...base.behaviour, cacheKeepsMethod: { ...base.behaviour.cacheKeepsMethod, value: false }, cachedPass: { ...base.behaviour.cachedPass, value: true } } };
    const [row] = await runMatrix({ target: { kind: 'mcp', url: s.mcpUrl }, profiles: [forgetful], http: createRecordingHttpClient(), redirect: createLoopbackRedirectListener(), timeoutMs: 10_000 });
    const cachedPass = row!.sessions[1]!;
    expect(sentBy(real.sent).token?.method).toBe('client_secret_basic');
    expect(sentInSession(cachedPass.session).token).toEqual(sentBy(real.sent).token);
    expect(cachedPass).toMatchObject({ flow: 'failed', failedStep: 'token', messageFromClient: true });
    expect(cachedPass.message).toBe(real.shown);
  });
});

describe('fidelity in the seed case for mcp-remote: its cached client, against none-first', () => {
  it.each(['mcp-remote', 'mcp-remote-0.6'])('%s comes back with the client it cached (its tokens gone), and its profile sends the same', async (id) => {
    const s = await sandbox('none-first');
    const configDir = tempDir();
    const pkg = id === 'mcp-remote' ? 'mcp-remote' : 'mcp-remote-0.6';
    // The same callback port both times, as mcp-remote derives it from the server URL: a new one would not match the cached client's redirect URI.
    const port = 40_000 + Math.floor(Math.random() * 20_000);
    await realMcpRemoteRun(s.mcpUrl, pkg, configDir, port);
    // As when its tokens expired: the client stays cached, the tokens go.
    const tokens = readdirSync(configDir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('_tokens.json'));
    expect(tokens.length).toBeGreaterThan(0);
    for (const f of tokens) rmSync(path.join(configDir, f));
    const again = sentBy(await realMcpRemoteRun(s.mcpUrl, pkg, configDir, port));
    const base = clientProfile(id)!;
    const twice = { ...base, behaviour: { ...base.behaviour, cachedPass: { ...base.behaviour.cachedPass, value: true } } };
    const [row] = await runMatrix({ target: { kind: 'mcp', url: s.mcpUrl }, profiles: [twice], http: createRecordingHttpClient(), redirect: createLoopbackRedirectListener(), timeoutMs: 10_000 });
    const cachedPass = row!.sessions[1]!;
    expect(cachedPass.flow).toBe('completed');
    expect(again.registration).toBeUndefined();
    expect(sentInSession(cachedPass.session)).toEqual(again);
  });
});
