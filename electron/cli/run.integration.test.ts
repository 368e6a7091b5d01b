// The real CLI over loopback against every sandbox profile, with the outcome a user expects.
import { generateKeyPairSync } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { importHar } from '../../shared/har/import.js';
import { cli, runJson, sandbox, tempDir } from '../test-support/cli.js';

const stepStatus = (report: { steps: { name: string; status: string }[] }) => Object.fromEntries(report.steps.map((s) => [s.name, s.status]));
const ALL_DONE = { probe: 'done', 'resource-metadata': 'done', 'authorization-server-metadata': 'done', registration: 'done', authorize: 'done', token: 'done', mcp: 'done' };

describe('authtrace run against the sandbox', () => {
  it('correct: completes every step with a public client and calls a tool', async () => {
    const s = await sandbox('correct');
    const { code, report } = await runJson(s.mcpUrl, '--headless', '--data-dir', tempDir(), '--call-tool', 'echo', '--tool-args', '{"text":"hi"}');
    expect(report.flow).toBe('completed');
    expect(stepStatus(report)).toEqual(ALL_DONE);
    expect(report.revision).toBe('2026-07-28');
    expect(report.client).toMatchObject({ source: 'dcr', token_endpoint_auth_method: 'none' });
    expect(report.authMethod).toMatchObject({ advertised: expect.arrayContaining(['client_secret_basic', 'client_secret_post', 'none']), registered: 'none', used: 'none' });
    expect(report.exchanges.map((e) => e.role)).toEqual(expect.arrayContaining(['mcp-probe', 'resource-metadata', 'as-metadata', 'registration', 'authorize', 'callback', 'token', 'mcp']));
    expect(code).toBe(report.ok ? 0 : 1);
  });

  it.each(['client_secret_post', 'client_secret_basic'] as const)('correct: a confidential client registered as %s authenticates with it', async (method) => {
    const s = await sandbox('correct');
    const { report } = await runJson(s.mcpUrl, '--headless', '--data-dir', tempDir(), '--register-method', method);
    expect(report.flow).toBe('completed');
    expect(report.authMethod).toMatchObject({ registered: method, used: method, chosenBy: 'registered' });
  });

  it('reuses the stored client on a second run instead of registering again', async () => {
    const s = await sandbox('correct');
    const dir = tempDir();
    const first = await runJson(s.mcpUrl, '--headless', '--data-dir', dir);
    const second = await runJson(s.mcpUrl, '--headless', '--data-dir', dir);
    expect(second.report.flow).toBe('completed');
    expect(second.report.client?.client_id).toBe(first.report.client?.client_id);
    expect(second.report.exchanges.some((e) => e.role === 'registration')).toBe(false);
    const third = await runJson(s.mcpUrl, '--headless', '--data-dir', dir, '--new-client');
    expect(third.report.client?.client_id).not.toBe(first.report.client?.client_id);
  });

  it('an explicit --registration dcr registers again instead of reusing a pre-registered client', async () => {
    const s = await sandbox('correct');
    const dir = tempDir();
    const first = await runJson(s.mcpUrl, '--headless', '--data-dir', dir);
    await cli('clients', 'forget', s.issuer, '--data-dir', dir);
    const pre = await runJson(s.mcpUrl, '--headless', '--data-dir', dir, `--client-id=${first.report.client!.client_id}`, '--register-method', 'none');
    expect(pre.report.client?.source, JSON.stringify(pre.report.error)).toBe('pre-registered');
    const dcr = await runJson(s.mcpUrl, '--headless', '--data-dir', dir, '--registration', 'dcr');
    expect(dcr.report.exchanges.some((e) => e.role === 'registration')).toBe(true);
  });

  it('a pre-registered client keeps its stored secret when --client-secret is not given again', async () => {
    const s = await sandbox('correct');
    const dir = tempDir();
    const registered = await runJson(s.mcpUrl, '--headless', '--data-dir', dir, '--register-method', 'client_secret_basic');
    const { readFileSync } = await import('node:fs');
    const secret = (JSON.parse(readFileSync(`${dir}/clients.json`, 'utf8')) as { clients: { client_secret: string }[] }).clients[0]!.client_secret;
    const id = registered.report.client!.client_id;
    expect((await runJson(s.mcpUrl, '--headless', '--data-dir', dir, `--client-id=${id}`, `--client-secret=${secret}`, '--register-method', 'client_secret_basic')).report.flow).toBe('completed');
    // Random ids and secrets may start with "-": the = form keeps them from reading as options.
    const again = await runJson(s.mcpUrl, '--headless', '--data-dir', dir, `--client-id=${id}`, '--register-method', 'client_secret_basic');
    expect(again.report.flow).toBe('completed');
    expect(again.report.authMethod.used).toBe('client_secret_basic');
  });

  it('a pinned older revision is the one the initialize handshake offers', async () => {
    const s = await sandbox('correct');
    const har = `${tempDir()}/run.har`;
    const { report } = await runJson(s.mcpUrl, '--headless', '--data-dir', tempDir(), '--revision', '2025-06-18', '--har', har, '--include-secrets');
    expect(report.flow).toBe('completed');
    const { readFileSync } = await import('node:fs');
    const entries = (JSON.parse(readFileSync(har, 'utf8')) as { log: { entries: { request: { postData?: { text?: string } } }[] } }).log.entries;
    const initialize = entries.map((e) => e.request.postData?.text ?? '').filter((t) => t.includes('"initialize"'));
    expect(initialize.length).toBeGreaterThan(0);
    for (const body of initialize) expect(body).toContain('"protocolVersion":"2025-06-18"');
  });

  it('none-first: a cached confidential client that lost its method, with first-advertised, fails at the token step with 401; restored, it succeeds', async () => {
    const s = await sandbox('none-first');
    const dir = tempDir();
    const registered = await runJson(s.mcpUrl, '--headless', '--data-dir', dir, '--register-method', 'client_secret_post');
    expect(registered.report.flow).toBe('completed');
    expect((await cli('clients', 'set-method', s.issuer, 'unknown', '--data-dir', dir)).code).toBe(0);

    const broken = await runJson(s.mcpUrl, '--headless', '--data-dir', dir, '--strategy', 'first-advertised');
    expect(broken.code).toBe(1);
    expect(broken.report.flow).toBe('failed');
    expect(broken.report.failedStep).toBe('token');
    const token = broken.report.exchanges.find((e) => e.role === 'token');
    expect(token?.status).toBe(401);
    expect(broken.report.authMethod).toMatchObject({ advertised: ['none', 'client_secret_post', 'client_secret_basic'], registered: 'unknown', used: 'none', chosenBy: 'first-advertised' });
    expect(broken.report.steps.find((st) => st.name === 'token')?.error?.hint).toContain(`its registration response says client_secret_post. Restore the stored client's method to client_secret_post`);
    expect(broken.report.steps.find((st) => st.name === 'token')?.error?.hint).toContain(`authtrace clients set-method ${s.issuer} client_secret_post`);

    expect((await cli('clients', 'set-method', s.issuer, 'client_secret_post', '--data-dir', dir)).code).toBe(0);
    const fixed = await runJson(s.mcpUrl, '--headless', '--data-dir', dir, '--strategy', 'registered');
    expect(fixed.report.flow).toBe('completed');
    expect(fixed.report.authMethod).toMatchObject({ registered: 'client_secret_post', used: 'client_secret_post' });
  });

  it('none-first: a public client completes', async () => {
    const s = await sandbox('none-first');
    const { report } = await runJson(s.mcpUrl, '--headless', '--data-dir', tempDir());
    expect(report.flow).toBe('completed');
  });

  it('omits-none: a public client registers and completes although none is not advertised', async () => {
    const s = await sandbox('omits-none');
    const { report } = await runJson(s.mcpUrl, '--headless', '--data-dir', tempDir(), '--fail-on', 'flow');
    expect(report.flow).toBe('completed');
    expect(report.ok).toBe(true);
    expect(report.authMethod).toMatchObject({ advertised: ['client_secret_post', 'client_secret_basic'], registered: 'none', used: 'none' });
  });

  it('lenient-methods: a mismatched method is accepted by the server', async () => {
    const s = await sandbox('lenient-methods');
    const { report } = await runJson(s.mcpUrl, '--headless', '--data-dir', tempDir(), '--register-method', 'client_secret_post', '--auth-method', 'client_secret_basic');
    expect(report.flow).toBe('completed');
    expect(report.authMethod).toMatchObject({ registered: 'client_secret_post', used: 'client_secret_basic', chosenBy: 'explicit' });
  });

  it('correct: the same mismatch is refused with 401 invalid_client and a hint', async () => {
    const s = await sandbox('correct');
    const { report } = await runJson(s.mcpUrl, '--headless', '--data-dir', tempDir(), '--register-method', 'client_secret_post', '--auth-method', 'client_secret_basic');
    expect(report.failedStep).toBe('token');
    const token = report.steps.find((st) => st.name === 'token');
    expect(token?.error?.message).toMatch(/401.*invalid_client/);
    expect(token?.error?.hint).toMatch(/client_secret_basic.*client_secret_post/);
  });

  it('legacy-2025-11-25: falls back to the initialize handshake', async () => {
    const s = await sandbox('legacy-2025-11-25');
    const { report } = await runJson(s.mcpUrl, '--headless', '--data-dir', tempDir(), '--call-tool', 'echo', '--tool-args', '{"text":"x"}');
    expect(report.flow).toBe('completed');
    expect(report.revision).toBe('2025-11-25');
    const mcpBodies = report.exchanges.filter((e) => e.role === 'mcp');
    expect(mcpBodies[0]?.status).toBe(400);
    expect(mcpBodies.slice(1).some((e) => e.status === 200)).toBe(true);
  });

  it('a pinned 2026-07-28 revision fails clearly against a 2025-11-25 server', async () => {
    const s = await sandbox('legacy-2025-11-25');
    const { report } = await runJson(s.mcpUrl, '--headless', '--data-dir', tempDir(), '--revision', '2026-07-28');
    expect(report.failedStep).toBe('mcp');
    expect(report.steps.find((st) => st.name === 'mcp')?.error?.hint).toMatch(/--revision 2025-11-25/);
  });

  it('--revision 2025-11-25 probes with initialize', async () => {
    const s = await sandbox('correct');
    const { report } = await runJson(s.mcpUrl, '--headless', '--data-dir', tempDir(), '--revision', '2025-11-25');
    expect(report.flow).toBe('completed');
    expect(report.revision).toBe('2025-11-25');
  });

  it.each(['no-pkce-metadata', 'dcr-200', 'no-resource-metadata-header'])('%s: the flow still completes', async (profile) => {
    const s = await sandbox(profile);
    const { report } = await runJson(s.mcpUrl, '--headless', '--data-dir', tempDir());
    expect(report.flow).toBe('completed');
  });

  it('resource-mismatch: the run stops before authorizing, naming PRM-01; continued, it sends the resource the metadata names', async () => {
    const s = await sandbox('resource-mismatch');
    const strict = await runJson(s.mcpUrl, '--headless', '--data-dir', tempDir());
    expect(strict.report).toMatchObject({ flow: 'failed', failedStep: 'resource-metadata', error: { code: 'RESOURCE_MISMATCH', rule: 'PRM-01' } });
    expect(strict.report.exchanges.some((e) => e.role === 'authorize')).toBe(false);
    const continued = await runJson(s.mcpUrl, '--headless', '--data-dir', tempDir(), '--continue-on', 'PRM-01');
    expect(continued.report.continuations?.map((c) => c.rule)).toEqual(['PRM-01']);
    expect(continued.report.exchanges.some((e) => e.role === 'authorize')).toBe(true);
  });

  it('issuer-mismatch: strict by default, the run stops with DSC-01; --continue-on DSC-01 goes on and records that it did', async () => {
    const s = await sandbox('issuer-mismatch');
    const strict = await runJson(s.mcpUrl, '--headless', '--data-dir', tempDir());
    expect(strict.code).toBe(1);
    expect(strict.report).toMatchObject({ flow: 'failed', failedStep: 'authorization-server-metadata', error: { code: 'ISSUER_MISMATCH', rule: 'DSC-01' } });
    expect(strict.report.diagnostics.map((d) => d.rule)).toContain('DSC-01');
    expect(strict.report.exchanges.some((e) => e.role === 'registration')).toBe(false);

    const har = path.join(tempDir(), 'continued.har');
    const continued = await runJson(s.mcpUrl, '--headless', '--data-dir', tempDir(), '--continue-on', 'DSC-01', '--har', har);
    expect(continued.report.flow).toBe('completed');
    const recorded = [expect.objectContaining({ step: 'authorization-server-metadata', rule: 'DSC-01', message: expect.stringMatching(/must not use this metadata/) })];
    expect(continued.report.continuations).toEqual(recorded);
    // The HAR says the run went past a stop, and a reader of the file sees it again.
    const imported = importHar(readFileSync(har, 'utf8'));
    expect(imported.ok && imported.session.continuations).toEqual(recorded);
  });

  it('unquoted-challenge: keeps the unparseable header and proceeds through the well-known fallback', async () => {
    const s = await sandbox('unquoted-challenge');
    const { report } = await runJson(s.mcpUrl, '--headless', '--data-dir', tempDir());
    expect(report.flow).toBe('completed');
    expect(report.steps.find((st) => st.name === 'probe')?.summary).toMatch(/does not parse/);
  });

  it('legacy-2025-03-26: no resource metadata, AS metadata at the MCP origin', async () => {
    const s = await sandbox('legacy-2025-03-26');
    const { report } = await runJson(s.mcpUrl, '--headless', '--data-dir', tempDir());
    expect(report.flow).toBe('completed');
    expect(report.exchanges.filter((e) => e.role === 'resource-metadata').every((e) => e.status === 404)).toBe(true);
    expect(report.steps.find((st) => st.name === 'resource-metadata')?.summary).toMatch(/MCP origin/);
  });

  it('step-up: a tool that needs more scope makes the client authorize again with the union', async () => {
    const s = await sandbox('step-up');
    const { report } = await runJson(s.mcpUrl, '--headless', '--data-dir', tempDir(), '--call-tool', 'admin-report');
    expect(report.flow).toBe('completed');
    const authorizations = report.exchanges.filter((e) => e.role === 'authorize');
    expect(authorizations).toHaveLength(2);
    expect(new URL(authorizations[1]!.url).searchParams.get('scope')).toBe('mcp:tools mcp:admin');
    expect(report.exchanges.some((e) => e.role === 'mcp' && e.status === 403)).toBe(true);
    expect(report.steps.find((st) => st.name === 'mcp')?.summary).toMatch(/called admin-report, after 1 step-up to scope "mcp:tools mcp:admin"/);
  });

  it('--issuer: the same flow straight against oidc-provider (no probe, no resource metadata), with refresh', async () => {
    const s = await sandbox('correct');
    const { report } = await runJson('--issuer', s.issuer, '--headless', '--data-dir', tempDir(), '--register-method', 'client_secret_basic', '--refresh', '--scope', 'mcp:tools');
    expect(report.flow).toBe('completed');
    expect(stepStatus(report)).toMatchObject({ probe: 'skipped', 'resource-metadata': 'skipped', registration: 'done', token: 'done', mcp: 'skipped', refresh: 'done' });
    expect(report.exchanges.filter((e) => e.role === 'refresh')).toHaveLength(1);
  });

  it('writes a HAR of the run with --har', async () => {
    const s = await sandbox('correct');
    const file = `${tempDir()}/run.har`;
    const { report } = await runJson(s.mcpUrl, '--headless', '--data-dir', tempDir(), '--har', file);
    const { readFileSync } = await import('node:fs');
    const har = JSON.parse(readFileSync(file, 'utf8')) as { log: { version: string; entries: unknown[] } };
    expect(har.log.version).toBe('1.2');
    expect(har.log.entries).toHaveLength(report.exchanges.length);
  });

  it.each(['client_secret_basic', 'client_secret_post'] as const)('--grant client_credentials against oidc-provider: a machine client registered as %s gets a token without a user, and calls the MCP server', async (method) => {
    const s = await sandbox('correct');
    const { report } = await runJson(s.mcpUrl, '--headless', '--data-dir', tempDir(), '--grant', 'client_credentials', '--register-method', method);
    expect(report.flow).toBe('completed');
    expect(report.steps.find((st) => st.name === 'authorize')).toMatchObject({ status: 'skipped', summary: expect.stringMatching(/client credentials/) });
    expect(report.exchanges.some((e) => e.role === 'authorize')).toBe(false);
    expect(report.authMethod.latest).toMatchObject({ used: method, outcome: 'accepted' });
    expect(report.steps.find((st) => st.name === 'mcp')?.status).toBe('done');
  });

  it('client-credentials profile: the metadata alone makes the flow a machine one, registered with grant_types client_credentials', async () => {
    const s = await sandbox('client-credentials');
    const { report } = await runJson(s.mcpUrl, '--headless', '--data-dir', tempDir());
    expect(report.flow).toBe('completed');
    expect(report.steps.find((st) => st.name === 'authorize')?.status).toBe('skipped');
    expect(report.client?.token_endpoint_auth_method).toBe('client_secret_basic');
  });

  it('dpop-required profile: proofs at both servers, both nonces honoured, the token presented with the DPoP scheme; the HAR reads the same', async () => {
    const s = await sandbox('dpop-required');
    const har = path.join(tempDir(), 'run.har');
    const { report } = await runJson(s.mcpUrl, '--headless', '--data-dir', tempDir(), '--har', har, '--refresh');
    expect(report.flow).toBe('completed');
    const tokens = report.exchanges.filter((e) => e.role === 'token');
    expect(tokens.map((e) => e.status)).toEqual([400, 200]);
    const mcp = report.exchanges.filter((e) => e.role === 'mcp');
    expect(mcp[0]?.status).toBe(401);
    expect(mcp.slice(1).every((e) => e.status === 200 || e.status === 202)).toBe(true);
    expect(report.exchanges.find((e) => e.role === 'refresh')?.status).toBe(200);
    expect(report.diagnostics.filter((d) => d.rule.startsWith('DPOP-') || d.rule === 'WWA-03')).toEqual([]);
    const imported = importHar(readFileSync(har, 'utf8'));
    if (!imported.ok) throw new Error(imported.error);
    const proofs = imported.session.exchanges.filter((e) => e.role === 'mcp').map((e) => e.request.headers.find((h) => h.name.toLowerCase() === 'dpop')?.value ?? '');
    expect(proofs.every((p) => /^eyJ[\w-]+\.eyJ[\w-]+\.\[redacted:hmac:[0-9a-f]{8}\]$/.test(p))).toBe(true);
  });

  it('dpop-required profile with --no-dpop: the Bearer token is refused, and DPOP-04 says the client should have used DPoP', async () => {
    const s = await sandbox('dpop-required');
    const { code, report } = await runJson(s.mcpUrl, '--headless', '--data-dir', tempDir(), '--no-dpop');
    expect(code).toBe(1);
    expect(report.steps.find((st) => st.name === 'mcp')?.status).toBe('failed');
    const d = report.diagnostics.find((x) => x.rule === 'DPOP-04');
    expect(d?.message).toContain('Client side');
  });

  it('as-migration profile: the refused token sends the flow back to discovery, and the new authorization server gets a registration of its own', async () => {
    const s = await sandbox('as-migration');
    const { report } = await runJson(s.mcpUrl, '--headless', '--data-dir', tempDir());
    expect(report.flow).toBe('completed');
    const registrations = report.exchanges.filter((e) => e.role === 'registration');
    expect(registrations).toHaveLength(2);
    const [first, second] = registrations.map((e) => new URL(e.url).origin);
    expect(first).toBe(s.issuer);
    expect(second).not.toBe(s.issuer);
    // Each server is sent only its own client: the first one's client_id never reaches the second.
    const clientIds = report.exchanges.filter((e) => e.role === 'authorize').map((e) => [new URL(e.url).origin, new URL(e.url).searchParams.get('client_id')]);
    expect(clientIds).toHaveLength(2);
    expect(clientIds[0]![0]).toBe(first);
    expect(clientIds[1]).toEqual([second, report.client?.client_id]);
    expect(clientIds[1]![1]).not.toBe(clientIds[0]![1]);
    expect(report.diagnostics.filter((d) => ['REG-08', 'CB-02'].includes(d.rule))).toEqual([]);
  });

  it('started from oidc-provider\'s issuer with no --scope: asks for its scopes_supported and completes', async () => {
    const s = await sandbox('correct');
    const { report } = await runJson('--issuer', s.issuer, '--headless', '--data-dir', tempDir());
    expect(report.flow).toBe('completed');
    const authorize = report.exchanges.find((e) => e.role === 'authorize')!;
    expect(new URL(authorize.url).searchParams.get('scope')).toBeTruthy();
  });
});

describe('authtrace run: usage errors', () => {
  it.each([
    [[], /MCP server URL, or --issuer/],
    [['ftp://x'], /http\(s\) URL/],
    [['http://127.0.0.1:1/mcp', '--strategy', 'guess'], /--strategy must be one of registered, first-advertised, mcp-sdk, prefer-none/],
    [['http://127.0.0.1:1/mcp', '--tool-args', '[1]'], /--tool-args must be a JSON object/],
    [['http://127.0.0.1:1/mcp', '--timeout', 'soon'], /--timeout must be a whole number of milliseconds from 1 to 3600000; got "soon"/],
    [['http://127.0.0.1:1/mcp', '--registration', 'pre-registered'], /needs --client-id/],
  ])('%j exits 2 with a clear message', async (args, message) => {
    const r = await cli('run', ...(args as string[]));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message as RegExp);
    expect(r.stderr).not.toMatch(/\bat .*\.ts:\d+/);
  });
});

describe('authtrace run with private_key_jwt', () => {
  it.each([
    ['an EC JWK', async () => JSON.stringify({ ...generateKeyPairJwk(), kid: 'k1' })],
    ['an RSA PKCS#8 PEM', async () => generateKeyPairPem()],
  ])('registers with the public half of %s and authenticates with a signed assertion', async (_label, makeKey) => {
    const s = await sandbox('correct');
    const keyFile = `${tempDir()}/key`;
    writeFileSync(keyFile, await makeKey());
    const { report } = await runJson(s.mcpUrl, '--headless', '--data-dir', tempDir(), '--register-method', 'private_key_jwt', '--private-key', keyFile);
    expect(report.flow).toBe('completed');
    expect(report.authMethod).toMatchObject({ registered: 'private_key_jwt', used: 'private_key_jwt' });
  });

  it('without a key, says how to give one', async () => {
    const s = await sandbox('correct');
    const { report } = await runJson(s.mcpUrl, '--headless', '--data-dir', tempDir(), '--register-method', 'private_key_jwt');
    expect(report.failedStep).toBe('registration');
    expect(report.steps.find((st) => st.name === 'registration')?.error?.hint).toMatch(/--private-key/);
  });
});

function generateKeyPairJwk(): JsonWebKey {
  const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  return privateKey.export({ format: 'jwk' });
}

function generateKeyPairPem(): string {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
}
