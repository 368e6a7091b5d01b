// Each behaviour a client profile can set, run by the engine against a real server: the reference
// client beside the same client with that one behaviour changed.
import { describe, expect, it } from 'vitest';
import { behaviourOf } from '../../shared/clients/index.js';
import { reference } from '../../shared/clients/profiles/reference.js';
import { FlowEngine } from '../../shared/flow/engine.js';
import { defaultConfig, type ClientBehaviour, type Session, type SessionConfig } from '../../shared/model.js';
import { sandbox, tempDir } from '../test-support/cli.js';
import { json, serve } from '../test-support/misbehaving-server.js';
import { createClientStore } from './client-store.js';
import { createLoopbackRedirectListener } from './loopback-listener.js';
import { createRecordingHttpClient } from './recording-http.js';

async function runAs(target: SessionConfig['target'], change: Partial<ClientBehaviour>, over: Partial<SessionConfig> = {}): Promise<Session> {
  const engine = new FlowEngine(
    { ...defaultConfig(target), headless: true, newClient: true, timeoutMs: 10_000, client: { ...behaviourOf(reference), ...change }, ...over },
    { http: createRecordingHttpClient(), redirect: createLoopbackRedirectListener(), browser: { open: async () => undefined }, clients: createClientStore(tempDir()) },
  );
  try {
    return await engine.runToEnd();
  } finally {
    await engine.close();
  }
}

const step = (session: Session, name: string) => session.steps.find((s) => s.name === name)!;
const sentTo = (session: Session, role: string) => session.exchanges.filter((e) => e.role === role);
const form = (session: Session, role: string) => new URLSearchParams(sentTo(session, role).at(-1)!.request.body ?? '');

describe('client behaviours, one at a time', () => {
  it('issuerCheck: a strict client refuses metadata whose issuer is not the one it fetched for; a client without the check goes on', async () => {
    const s = await sandbox('issuer-mismatch');
    const strict = await runAs({ kind: 'mcp', url: s.mcpUrl }, {});
    expect(step(strict, 'authorization-server-metadata')).toMatchObject({ status: 'failed', error: { code: 'ISSUER_MISMATCH' } });
    const lax = await runAs({ kind: 'mcp', url: s.mcpUrl }, { issuerCheck: 'none' });
    expect(step(lax, 'authorization-server-metadata').status).toBe('done');
    expect(sentTo(lax, 'registration')).toHaveLength(1);
  });

  it('resourceParam none: no resource at /authorize nor at the token endpoint', async () => {
    const s = await sandbox('correct');
    const spec = await runAs({ kind: 'mcp', url: s.mcpUrl }, {});
    expect(new URL(spec.steps.find((x) => x.name === 'authorize')!.prepared!.url).searchParams.get('resource')).toBe(s.mcpUrl);
    expect(form(spec, 'token').get('resource')).toBe(s.mcpUrl);
    const none = await runAs({ kind: 'mcp', url: s.mcpUrl }, { resourceParam: 'none' });
    const authorize = sentTo(none, 'authorize')[0]!;
    expect(new URL(authorize.request.url).searchParams.has('resource')).toBe(false);
    expect(form(none, 'token').has('resource')).toBe(false);
  });

  it('insufficientScope: the reference client steps up on 403 insufficient_scope; a client that stops (or, holding a refresh token, refreshes and stops) fails at the MCP step and says why', async () => {
    const s = await sandbox('step-up');
    const call = { callTool: { name: 'admin-report', args: {} } };
    const spec = await runAs({ kind: 'mcp', url: s.mcpUrl }, {}, call);
    expect(step(spec, 'mcp').status).toBe('done');
    expect(sentTo(spec, 'authorize').length).toBeGreaterThan(1);
    const stops = await runAs({ kind: 'mcp', url: s.mcpUrl }, { insufficientScope: 'stop' }, call);
    expect(step(stops, 'mcp')).toMatchObject({ status: 'failed', error: { code: 'MCP_INSUFFICIENT_SCOPE' } });
    expect(step(stops, 'mcp').error!.hint).toContain('does not authorize again');
    expect(sentTo(stops, 'authorize')).toHaveLength(1);
    // The sandbox issues a refresh token to every client registered for the refresh_token grant.
    const refreshing = await runAs({ kind: 'mcp', url: s.mcpUrl }, { insufficientScope: 'refresh-then-stop' }, call);
    expect(step(refreshing, 'mcp').error!.hint).toContain('refreshes without the new scope');
    expect(sentTo(refreshing, 'authorize')).toHaveLength(1);
  });

  it('resourceParam prm-only: a client that sends the PRM resource only when there is a PRM sends none to a 2025-03-26 server', async () => {
    const s = await sandbox('legacy-2025-03-26');
    const spec = await runAs({ kind: 'mcp', url: s.mcpUrl }, {});
    expect(new URL(sentTo(spec, 'authorize')[0]!.request.url).searchParams.get('resource')).toBe(s.mcpUrl);
    const prmOnly = await runAs({ kind: 'mcp', url: s.mcpUrl }, { resourceParam: 'prm-only' });
    expect(new URL(sentTo(prmOnly, 'authorize')[0]!.request.url).searchParams.has('resource')).toBe(false);
  });

  it('refreshScope: a client that repeats the granted scope in the refresh request, beside one that leaves it out', async () => {
    const s = await sandbox('correct');
    const spec = await runAs({ kind: 'mcp', url: s.mcpUrl }, { offlineAccess: true }, { refresh: true });
    expect(step(spec, 'refresh').status).toBe('done');
    expect(form(spec, 'refresh').has('scope')).toBe(false);
    const repeats = await runAs({ kind: 'mcp', url: s.mcpUrl }, { offlineAccess: true, refreshScope: true }, { refresh: true });
    expect(step(repeats, 'refresh').status).toBe('done');
    expect(form(repeats, 'refresh').get('scope')?.split(' ')).toContain('mcp:tools');
  });

  it('asDiscovery: an issuer with a path that publishes only OpenID Connect discovery, path-appended (as Entra ID does), is found in the MCP order, and not by a client that skips path insertion', async () => {
    let issuer = '';
    const origin = await serve({
      '/tenant/v2.0/.well-known/openid-configuration': (req, res) =>
        json(200, { issuer, authorization_endpoint: `${issuer}/authorize`, token_endpoint: `${issuer}/token`, response_types_supported: ['code'], code_challenge_methods_supported: ['S256'] })(req, res, ''),
    });
    issuer = `${origin}/tenant/v2.0`;
    const target = { kind: 'issuer', issuer } as const;
    const spec = await runAs(target, {}, { clientId: 'pre-registered', registration: 'pre-registered' });
    expect(step(spec, 'authorization-server-metadata').status).toBe('done');
    const root = await runAs(target, { asDiscovery: 'root-rfc8414' }, { clientId: 'pre-registered', registration: 'pre-registered' });
    expect(step(root, 'authorization-server-metadata')).toMatchObject({ status: 'failed', error: { code: 'METADATA_NOT_FOUND' } });
    expect(sentTo(root, 'as-metadata').map((e) => new URL(e.request.url).pathname)).toEqual(['/.well-known/oauth-authorization-server']);
    const withRoot = await runAs(target, { asDiscovery: 'mcp-then-root' }, { clientId: 'pre-registered', registration: 'pre-registered' });
    expect(step(withRoot, 'authorization-server-metadata').status).toBe('done');
  });

  it('asDiscovery mcp-then-root: an issuer with a path whose metadata sits only at the root is found by a client that falls back to the root', async () => {
    let issuer = '';
    const origin = await serve({
      '/.well-known/oauth-authorization-server': (req, res) => json(200, { issuer, authorization_endpoint: `${issuer}/authorize`, token_endpoint: `${issuer}/token`, code_challenge_methods_supported: ['S256'] })(req, res, ''),
    });
    issuer = `${origin}/tenant`;
    const target = { kind: 'issuer', issuer } as const;
    const spec = await runAs(target, {}, { clientId: 'pre-registered', registration: 'pre-registered' });
    expect(step(spec, 'authorization-server-metadata')).toMatchObject({ status: 'failed', error: { code: 'METADATA_NOT_FOUND' } });
    const withRoot = await runAs(target, { asDiscovery: 'mcp-then-root' }, { clientId: 'pre-registered', registration: 'pre-registered' });
    expect(step(withRoot, 'authorization-server-metadata').status).toBe('done');
    expect(sentTo(withRoot, 'as-metadata').map((e) => new URL(e.request.url).pathname)).toEqual([
      '/.well-known/oauth-authorization-server/tenant',
      '/.well-known/openid-configuration/tenant',
      '/tenant/.well-known/openid-configuration',
      '/.well-known/oauth-authorization-server',
    ]);
  });
});
