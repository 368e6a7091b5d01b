// The matrix against authorization servers the sandbox did not build: oidc-provider configured with
// `none` listed first, and the MCP TypeScript SDK's own example OAuth server (its router and its demo
// provider), each on loopback, started from its issuer.
import { describe, expect, it } from 'vitest';
import { CLIENT_PROFILES } from '../../shared/clients/index.js';
import { oidcProviderNoneFirst, typescriptSdkExampleServer } from '../test-support/real-peers.js';
import { runMatrix, type MatrixRow } from './compatibility-matrix.js';
import { createLoopbackRedirectListener } from './loopback-listener.js';
import { createRecordingHttpClient } from './recording-http.js';

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
