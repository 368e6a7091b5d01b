// The full headless flow against the sandbox, 50 runs, beside a bare script that makes the same
// requests with oauth4webapi and fetch alone. Target: Authtrace adds under 15% over the bare script.
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import * as oauth from 'oauth4webapi';
import { FlowEngine } from '../shared/flow/engine.js';
import { CookieJar } from '../shared/http/cookie-jar.js';
import { defaultConfig } from '../shared/model.js';
import { startSandbox } from '../electron/sandbox/index.js';
import { createClientStore } from '../electron/services/client-store.js';
import { createLoopbackRedirectListener } from '../electron/services/loopback-listener.js';
import { createRecordingHttpClient } from '../electron/services/recording-http.js';
import { runs } from './mode.js';
import { median, verdict } from './stats.js';

const RUNS = runs(50, 10);
const TARGET_RATIO = 1.15;

async function authtraceRun(mcpUrl: string, dataDir: string): Promise<void> {
  const engine = new FlowEngine(
    { ...defaultConfig({ kind: 'mcp', url: mcpUrl }), headless: true, newClient: true },
    { http: createRecordingHttpClient(), redirect: createLoopbackRedirectListener(), browser: { open: async () => undefined }, clients: createClientStore(dataDir) },
  );
  const session = await engine.runToEnd();
  await engine.close();
  if (session.steps.some((s) => s.status === 'failed')) throw new Error(`authtrace flow failed: ${JSON.stringify(session.steps.find((s) => s.status === 'failed')?.error)}`);
}

/** What a minimal client does: the same requests, no recording, no diagnostics. */
async function bareRun(mcpUrl: string): Promise<void> {
  const rpc = (body: object, token?: string) =>
    fetch(mcpUrl, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'application/json, text/event-stream',
        'mcp-protocol-version': '2026-07-28',
        'mcp-method': (body as { method: string }).method,
        ...(token && { authorization: `Bearer ${token}` }),
      },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, ...body, params: { ...(body as { params?: object }).params, _meta: { 'io.modelcontextprotocol/protocolVersion': '2026-07-28', 'io.modelcontextprotocol/clientInfo': { name: 'bare', version: '1' }, 'io.modelcontextprotocol/clientCapabilities': {} } } }),
    });
  const probe = await rpc({ method: 'server/discover' });
  const challenge = probe.headers.get('www-authenticate') ?? '';
  await probe.arrayBuffer();
  const prmUrl = /resource_metadata="([^"]+)"/.exec(challenge)![1]!;
  const prm = (await (await fetch(prmUrl)).json()) as { authorization_servers: string[]; resource: string };
  const issuer = new URL(prm.authorization_servers[0]!);
  const as = await oauth.processDiscoveryResponse(issuer, await oauth.discoveryRequest(issuer, { algorithm: 'oauth2', [oauth.allowInsecureRequests]: true }));
  const listener = await createLoopbackRedirectListener().listen(0);
  const reg = await fetch(as.registration_endpoint!, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ redirect_uris: [listener.redirectUri], token_endpoint_auth_method: 'none', grant_types: ['authorization_code', 'refresh_token'], response_types: ['code'], application_type: 'native' }),
  });
  const client = (await reg.json()) as oauth.Client;
  const verifier = oauth.generateRandomCodeVerifier();
  const state = oauth.generateRandomState();
  const url = new URL(as.authorization_endpoint!);
  for (const [k, v] of Object.entries({ response_type: 'code', client_id: client.client_id, redirect_uri: listener.redirectUri, code_challenge: await oauth.calculatePKCECodeChallenge(verifier), code_challenge_method: 'S256', state, scope: 'mcp:tools', resource: prm.resource })) {
    url.searchParams.set(k, v);
  }
  const jar = new CookieJar();
  let next = url.href;
  while (!next.startsWith(listener.redirectUri)) {
    const cookie = jar.header(next);
    const res = await fetch(next, { redirect: 'manual', headers: cookie ? { cookie } : {} });
    jar.store(next, res.headers.getSetCookie());
    await res.arrayBuffer();
    next = new URL(res.headers.get('location')!, next).href;
  }
  await (await fetch(next)).arrayBuffer();
  await listener.close();
  const params = oauth.validateAuthResponse(as, client, new URL(next), state);
  const tokenResponse = await oauth.authorizationCodeGrantRequest(as, client, oauth.None(), params, listener.redirectUri, verifier, { additionalParameters: { resource: prm.resource }, [oauth.allowInsecureRequests]: true });
  const tokens = await oauth.processAuthorizationCodeResponse(as, client, tokenResponse);
  await (await rpc({ method: 'server/discover' }, tokens.access_token)).arrayBuffer();
  const list = await rpc({ method: 'tools/list' }, tokens.access_token);
  if (list.status !== 200) throw new Error(`bare tools/list: ${list.status} ${await list.text()}`);
  await list.arrayBuffer();
}

export async function run(): Promise<void> {
  const sandbox = await startSandbox({ profile: 'correct' });
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'authtrace-bench-'));
  try {
    // Warm up both paths (JIT, keys, connections) before measuring.
    for (let i = 0; i < 3; i++) {
      await authtraceRun(sandbox.mcpUrl, dataDir);
      await bareRun(sandbox.mcpUrl);
    }
    const authtrace: number[] = [];
    const bare: number[] = [];
    // Interleaved, so machine load affects both alike.
    for (let i = 0; i < RUNS; i++) {
      let t = performance.now();
      await authtraceRun(sandbox.mcpUrl, dataDir);
      authtrace.push(performance.now() - t);
      t = performance.now();
      await bareRun(sandbox.mcpUrl);
      bare.push(performance.now() - t);
    }
    const a = median(authtrace);
    const b = median(bare);
    const ratio = a / b;
    console.log(`in-process headless flow against the sandbox, ${RUNS} interleaved runs (no start-up: one process runs both)`);
    console.log(`  authtrace median ${a.toFixed(1)} ms`);
    console.log(`  bare oauth4webapi script median ${b.toFixed(1)} ms`);
    console.log(`  ratio ${ratio.toFixed(2)}x  ${verdict('in-process flow / bare client', `${ratio.toFixed(2)}x`, `≤ ${TARGET_RATIO}x`, ratio <= TARGET_RATIO)}`);
  } finally {
    await sandbox.close();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await run();
