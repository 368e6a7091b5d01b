// The matrix against authorization servers the sandbox did not build: oidc-provider configured with
// `none` listed first, and the MCP TypeScript SDK's own example OAuth server (its router and its demo
// provider), each on loopback, started from its issuer.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';
import { mcpAuthRouter } from '@modelcontextprotocol/sdk/server/auth/router.js';
import { DemoInMemoryAuthProvider } from '@modelcontextprotocol/sdk/examples/server/demoInMemoryOAuthProvider.js';
import express from 'express';
import Provider from 'oidc-provider';
import { describe, expect, it } from 'vitest';
import { CLIENT_PROFILES } from '../../shared/clients/index.js';
import { autoApprove, INTERACTION_PREFIX, SANDBOX_ACCOUNT } from '../sandbox/auto-approve.js';
import { closeAfterTest } from '../test-support/close-after.js';
import { runMatrix, type MatrixRow } from './compatibility-matrix.js';
import { createLoopbackRedirectListener } from './loopback-listener.js';
import { createRecordingHttpClient } from './recording-http.js';

async function listen(): Promise<{ server: http.Server; origin: string; handle(listener: http.RequestListener): void }> {
  let listener: http.RequestListener = (_req, res) => res.writeHead(503).end();
  const server = closeAfterTest(http.createServer((req, res) => listener(req, res)));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, handle: (l) => void (listener = l) };
}

/** oidc-provider as its own documentation configures it, with DCR, PKCE, and `none` first in the metadata. */
async function oidcProviderNoneFirst(): Promise<string> {
  const peer = await listen();
  const provider = new Provider(peer.origin, {
    clientAuthMethods: ['none', 'client_secret_post', 'client_secret_basic'],
    features: { registration: { enabled: true }, devInteractions: { enabled: false } },
    cookies: { keys: [randomBytes(32).toString('base64url')] },
    interactions: { url: (_ctx, interaction) => `${INTERACTION_PREFIX}${interaction.uid}` },
    findAccount: (_ctx, accountId) => ({ accountId, claims: () => ({ sub: accountId || SANDBOX_ACCOUNT }) }),
  });
  provider.use(autoApprove(provider));
  const callback = provider.callback();
  peer.handle((req, res) => void callback(req, res));
  return peer.origin;
}

/** The TypeScript SDK's example authorization server: mcpAuthRouter over DemoInMemoryAuthProvider. */
async function typescriptSdkExampleServer(): Promise<string> {
  const peer = await listen();
  const app = express();
  app.use(mcpAuthRouter({ provider: new DemoInMemoryAuthProvider(), issuerUrl: new URL(peer.origin), scopesSupported: ['mcp:tools'] }));
  peer.handle(app);
  // The SDK publishes the issuer as URL.href does, with a trailing slash: start from that issuer.
  return `${peer.origin}/`;
}

function outcomes(rows: MatrixRow[]): Record<string, string> {
  return Object.fromEntries(rows.filter((r) => !r.notRun).map((r) => [r.profile.id, r.sessions.map((s) => (s.flow === 'completed' ? 'ok' : `${s.flow}@${s.failedStep}`)).join(' / ')]));
}

const run = (issuer: string) =>
  runMatrix({ target: { kind: 'issuer', issuer }, profiles: CLIENT_PROFILES, http: createRecordingHttpClient(), redirect: createLoopbackRedirectListener(), timeoutMs: 10_000 });

describe('the compatibility matrix against real servers', () => {
  it('oidc-provider with none first: the C# 1.3.0 cached client sends none and is refused; clients that send no scope are refused at authorize', async () => {
    const rows = await run(await oidcProviderNoneFirst());
    const matrix = outcomes(rows);
    expect(matrix.reference).toBe('ok');
    expect(matrix['mcp-csharp-sdk-1.3.0']).toBe('ok / failed@token');
    // Started from the issuer there is no challenge and no resource metadata: clients that take their
    // scope only from those (or never send one) ask for nothing, and oidc-provider needs a scope.
    expect(matrix.codex).toBe('failed@authorize');
    expect(matrix.vscode).toBe('failed@authorize');
    const codex = rows.find((r) => r.profile.id === 'codex')!.sessions[0]!;
    expect(codex.rules).toContain('CB-03');
    // goose #9670: a client ID metadata document or nothing, and this server takes none.
    expect(matrix.goose).toBe('failed@registration');
    expect(Object.entries(matrix).filter(([, outcome]) => outcome !== 'ok').map(([id]) => id).sort()).toEqual(['codex', 'goose', 'mcp-csharp-sdk-1.3.0', 'vscode']);
  });

  it('the TypeScript SDK example server reads credentials only from the body: clients that send Basic fail there', async () => {
    const rows = await run(await typescriptSdkExampleServer());
    const matrix = outcomes(rows);
    expect(matrix.reference).toBe('ok');
    // It advertises client_secret_post first, so the C# cached client picks the method it registered.
    expect(matrix['mcp-csharp-sdk-1.3.0']).toBe('ok / ok');
    expect(matrix.codex).toBe('failed@token');
    const codex = rows.find((r) => r.profile.id === 'codex')!.sessions[0]!;
    const token = codex.session.exchanges.filter((e) => e.role === 'token').at(-1)!;
    expect(token.outcome === 'response' && token.response.status).toBe(400);
  });
});
