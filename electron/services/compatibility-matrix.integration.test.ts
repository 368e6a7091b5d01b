// The compatibility matrix of every client profile against every sandbox profile, over real HTTP on
// loopback. Each expected failure is a known client bug that the server's fault (or strictness) sets off.
import { afterAll, describe, expect, it } from 'vitest';
import { CLIENT_PROFILES } from '../../shared/clients/index.js';
import { SANDBOX_PROFILES } from '../sandbox/index.js';
import { sandbox as startSandbox } from '../test-support/cli.js';
import { runMatrix, type MatrixRow } from './compatibility-matrix.js';
import { createClientMetadataHost } from './client-metadata-host.js';
import { createLoopbackRedirectListener } from './loopback-listener.js';
import { createRecordingHttpClient } from './recording-http.js';

/** `ok`, or how the session ended: `failed@step` / `refused@step`, per pass. */
function outcomes(rows: MatrixRow[]): Record<string, string> {
  return Object.fromEntries(rows.map((r) => [r.profile.id, r.notRun ? 'not-run' : r.sessions.map((s) => (s.flow === 'completed' ? 'ok' : `${s.flow}@${s.failedStep}`)).join(' / ')]));
}

const ALL_OK = Object.fromEntries(CLIENT_PROFILES.map((p) => [p.id, p.notRunnable ? 'not-run' : p.behaviour.cachedPass.value ? 'ok / ok' : 'ok']));

/** The sandbox profiles whose token endpoint enforces the registered method (all but lenient-methods). */
const STRICT = (profile: string) => profile !== 'lenient-methods';
/** The first advertised method, which the C# 1.3.0 client takes for a cached client (csharp-sdk #1612). */
const FIRST_ADVERTISED_IS_POST = (profile: string) => profile === 'omits-none';

function expected(sandbox: string): Record<string, string> {
  const want = { ...ALL_OK };
  const refuse = (id: string, where: string) => (want[id] = want[id] === 'ok / ok' ? `refused@${where} / refused@${where}` : `refused@${where}`);
  if (sandbox === 'resource-mismatch') {
    // Every profile checks the PRM resource (Gemini CLI even more strictly).
    for (const id of Object.keys(want)) if (want[id] !== 'not-run') refuse(id, 'resource-metadata');
    return want;
  }
  if (STRICT(sandbox)) {
    // csharp-sdk #1611/#1612: a cached client without its method sends the first advertised one.
    if (!FIRST_ADVERTISED_IS_POST(sandbox)) want['mcp-csharp-sdk-1.3.0'] = 'ok / failed@token';
    // codex #40928: HTTP Basic for a client registered as client_secret_post.
    want.codex = 'failed@token';
  }
  // goose #10677: it drops the iss of the callback, which every sandbox server sends and promises.
  want.goose = 'failed@authorize';
  if (sandbox === 'iss-missing') {
    // RFC 9207 §2.4: iss promised and missing, so a client that checks it refuses the response, and one
    // that drops it meets the same promise (goose #10677). Every profile checks it (most by assumption).
    for (const p of CLIENT_PROFILES) if (want[p.id] !== 'not-run') want[p.id] = p.behaviour.cachedPass.value ? 'failed@authorize / failed@authorize' : 'failed@authorize';
  }
  if (sandbox === 'issuer-mismatch') {
    // RFC 8414 §3.3: the clients that check the metadata's issuer stop; the others go on and work
    // (the callback's iss is the issuer they set out to use), up to their usual failures.
    for (const p of CLIENT_PROFILES) if (p.behaviour.issuerCheck.value === 'strict' && want[p.id] !== 'not-run') refuse(p.id, 'authorization-server-metadata');
  }
  if (sandbox === 'client-credentials') {
    // A machine-only server: a public client from a client ID metadata document cannot use the client credentials grant.
    want.goose = 'failed@token';
    want['claude-code'] = 'failed@token';
  }
  if (sandbox === 'legacy-2025-03-26') {
    // No challenge scope and no resource metadata: clients that add offline_access ask for it alone, which the AS refuses.
    for (const id of ['mcp-ts-sdk-v2', 'claude-code', 'mcp-remote']) want[id] = 'failed@authorize';
  }
  return want;
}

const host = createClientMetadataHost();
afterAll(() => host.close());

describe('the compatibility matrix over the sandbox', () => {
  it.each(SANDBOX_PROFILES.map((p) => p.name))('%s', async (name) => {
    const sandbox = await startSandbox(name);
    const rows = await runMatrix({ target: { kind: 'mcp', url: sandbox.mcpUrl }, profiles: CLIENT_PROFILES, http: createRecordingHttpClient(), redirect: createLoopbackRedirectListener(), clientMetadata: host, timeoutMs: 10_000, parallel: 3 });
    expect(outcomes(rows)).toEqual(expected(name));
  });

  it('none-first: the C# 1.3.0 client works once, then its cached client sends none and gets 401 invalid_client, where the reference client works', async () => {
    const sandbox = await startSandbox('none-first');
    const profiles = CLIENT_PROFILES.filter((p) => p.id === 'reference' || p.id === 'mcp-csharp-sdk-1.3.0');
    const [reference, csharp] = await runMatrix({ target: { kind: 'mcp', url: sandbox.mcpUrl }, profiles, http: createRecordingHttpClient(), redirect: createLoopbackRedirectListener(), timeoutMs: 10_000 });
    expect(reference!.sessions.map((s) => s.flow)).toEqual(['completed']);
    const cached = csharp!.sessions[1]!;
    expect(cached).toMatchObject({ pass: 'cached', flow: 'failed', failedStep: 'token' });
    const token = cached.session.exchanges.filter((e) => e.role === 'token').at(-1)!;
    expect(token.outcome === 'response' && token.response.status).toBe(401);
    expect(cached.session.methodChoice).toMatchObject({ method: 'none', chosenBy: 'first-advertised' });
    // The first pass registered with client_secret_post, as the C# SDK does.
    const registration = csharp!.sessions[0]!.session.exchanges.find((e) => e.role === 'registration')!;
    expect(JSON.parse(registration.request.body ?? '{}')).toMatchObject({ token_endpoint_auth_method: 'client_secret_post' });
  });
});

describe('omits-none: what the clients that read the metadata do', () => {
  it('mcp-remote and the C# cached client take client_secret_post from the metadata and work; codex fails at the token step with a message; public clients work, since none is accepted though not advertised', async () => {
    const sandbox = await startSandbox('omits-none');
    const rows = await runMatrix({ target: { kind: 'mcp', url: sandbox.mcpUrl }, profiles: CLIENT_PROFILES, http: createRecordingHttpClient(), redirect: createLoopbackRedirectListener(), clientMetadata: host, timeoutMs: 10_000, parallel: 3 });
    const row = (id: string) => rows.find((r) => r.profile.id === id)!;
    const registered = (id: string) => JSON.parse(row(id).sessions[0]!.session.exchanges.find((e) => e.role === 'registration')?.request.body ?? '{}').token_endpoint_auth_method;
    expect(registered('mcp-remote')).toBe('client_secret_post');
    expect(registered('mcp-remote-0.6')).toBe('none');
    expect(row('mcp-remote').sessions.map((s) => s.flow)).toEqual(['completed']);
    expect(row('mcp-csharp-sdk-1.3.0').sessions[1]!.session.methodChoice).toMatchObject({ method: 'client_secret_post', chosenBy: 'first-advertised' });
    const failing = rows.filter((r) => r.sessions.some((s) => s.flow !== 'completed'));
    expect(failing.map((r) => r.profile.id).sort()).toEqual(['codex', 'goose']);
    for (const r of failing) for (const s of r.sessions.filter((x) => x.flow !== 'completed')) expect(s.message, r.profile.id).toMatch(/\S/);
    // A public client (none) meets AM-02: none works here though the metadata says it does not.
    expect(row('reference').sessions[0]!.rules).toContain('AM-02');
  });
});

describe('a profile that cannot run here', () => {
  it('is listed with the reason, and runs no session', async () => {
    const reference = CLIENT_PROFILES.find((p) => p.id === 'reference')!;
    const rows = await runMatrix({
      target: { kind: 'mcp', url: 'http://127.0.0.1:9/mcp' },
      profiles: [{ ...reference, id: 'elsewhere', notRunnable: 'its registration path needs a public URL' }],
      http: createRecordingHttpClient(),
      redirect: createLoopbackRedirectListener(),
      timeoutMs: 1_000,
    });
    expect(rows).toEqual([expect.objectContaining({ notRun: 'its registration path needs a public URL', sessions: [] })]);
  });
});
