import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { SessionView } from '../../shared/contract.js';
import { runDiagnostics } from '../../shared/diagnostics/index.js';
import { approveInBrowser } from '../test-support/approve-in-browser.js';
import { waitFor } from '../test-support/wait.js';
import { SessionController, UserError, type RunningSandboxLike } from './controller.js';

// Counted, not changed: the view must run the diagnostics once per session snapshot.
vi.mock('../../shared/diagnostics/index.js', async (importOriginal) => {
  const original = await importOriginal<typeof import('../../shared/diagnostics/index.js')>();
  return { ...original, runDiagnostics: vi.fn(original.runDiagnostics) };
});

describe('SessionController', () => {
  let dataDir: string;
  let controller: SessionController;
  const opened: string[] = [];
  const views: SessionView[] = [];

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'authtrace-controller-'));
    controller = new SessionController({
      dataDir,
      // The user logs in once the app has shown that it waits for the browser.
      browser: {
        open: async (url) =>
          void waitFor(() => views.at(-1)?.waitingForBrowser, { what: 'the view that shows the wait for the browser' }).then(() => approveInBrowser(url)),
      },
      openExternal: async (url) => void opened.push(url),
    });
    controller.onView((view) => views.push(view));
  });

  afterAll(async () => {
    await controller.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('lists the sandbox profiles', async () => {
    const profiles = await controller.handlers['sandbox:profiles']();
    expect(profiles.map((p) => p.name)).toEqual(expect.arrayContaining(['correct', 'none-first', 'omits-none']));
  });

  it('runs the chosen client profiles against a sandbox, each session saved so that it opens', async () => {
    const report = await controller.handlers['matrix:run']({ target: { kind: 'sandbox', profile: 'none-first' }, clients: ['reference', 'mcp-csharp-sdk-1.3.0'] });
    expect(report.clients.map((c) => c.sessions.map((x) => `${c.id} ${x.pass} ${x.flow}`))).toEqual([['reference first completed'], ['mcp-csharp-sdk-1.3.0 first completed', 'mcp-csharp-sdk-1.3.0 cached failed']]);
    const saved = (await controller.handlers['sessions:list']()).map((x) => x.id);
    for (const c of report.clients) for (const x of c.sessions) expect(saved).toContain(x.sessionId);
    await expect(controller.handlers['matrix:run']({ target: { kind: 'sandbox', profile: 'none-first' }, clients: ['netscape'] })).rejects.toThrow(/no client profile "netscape"/);
  });

  it('plans the probe from discovery alone, then runs it (the sandbox’s second API makes the audience check real), the session saved', async () => {
    const plan = await controller.handlers['probe:plan']({ target: { kind: 'sandbox', profile: 'no-audience-check' } });
    expect(plan).toMatchObject({ ok: true, plan: expect.stringMatching(/^It will register 6 clients/) });
    const report = await controller.handlers['probe:run']({ target: { kind: 'sandbox', profile: 'no-audience-check' } });
    expect(report.findings.filter((f) => f.severity !== 'info').map((f) => f.id)).toEqual(['PRB-16', 'PRB-16']);
    expect((await controller.handlers['sessions:list']()).map((x) => x.id)).toContain(report.sessionId);
    const correct = await controller.handlers['probe:run']({ target: { kind: 'sandbox', profile: 'correct' } });
    expect(correct.authorizationChecks.filter((c) => c.result !== 'pass')).toEqual([]);
    const nowhere = await controller.handlers['probe:plan']({ target: { kind: 'mcp', url: 'http://127.0.0.1:9/mcp' } });
    expect(nowhere).toMatchObject({ ok: false, problem: expect.stringMatching(/^discovery did not reach a token endpoint/) });
    await expect(controller.handlers['probe:run']({ target: { kind: 'mcp', url: 'http://127.0.0.1:9/mcp' } })).rejects.toMatchObject({ code: 'API_PROBE_NOT_STARTED' });
  });

  it('refuses to step without a session, in words for the user', async () => {
    await expect(controller.handlers['session:next']()).rejects.toBeInstanceOf(UserError);
    expect(await controller.handlers['session:get']()).toBeNull();
    expect(await controller.handlers['session:reset']()).toBeNull();
  });

  it('runs the sandbox flow step by step and pushes every change', async () => {
    const started = await controller.handlers['session:start']({
      target: { kind: 'sandbox', profile: 'correct' },
      options: { registration: 'auto', strategy: 'registered', newClient: false, timeoutMs: 15_000 },
    });
    expect(started.sandbox?.profile).toBe('correct');
    expect(started.next).toEqual({ step: 'probe', action: 'prepare' });

    const prepared = await controller.handlers['session:next']();
    expect(prepared.session.steps[0]).toMatchObject({ name: 'probe', status: 'ready' });
    expect(prepared.next).toEqual({ step: 'probe', action: 'send' });

    const edited = { ...prepared.session.steps[0]!.prepared!, headers: [...prepared.session.steps[0]!.prepared!.headers, { name: 'X-Test', value: '1' }] };
    const sent = await controller.handlers['session:send']({ edited });
    expect(sent.session.exchanges[0]?.edited).toBeDefined();
    expect(sent.session.exchanges[0]?.request.headers).toContainEqual({ name: 'X-Test', value: '1' });

    const done = await controller.handlers['session:run-to-end']();
    expect(done.session.steps.find((s) => s.name === 'mcp')?.status).toBe('done');
    expect(done.next).toBeNull();
    expect(views.length).toBeGreaterThan(3);
    expect(views.some((v) => v.waitingForBrowser)).toBe(true);
  });

  it('exports the session as HAR with one entry per exchange, secrets redacted by default', async () => {
    const view = (await controller.handlers['session:get']())!;
    const har = await controller.handlers['session:export-har']({ includeSecrets: false });
    expect(har.fileName).toMatch(/^authtrace-.*\.har$/);
    const parsed = JSON.parse(har.content) as { log: { entries: unknown[] } };
    expect(parsed.log.entries).toHaveLength(view.session.exchanges.length);
    const token = view.session.exchanges.find((e) => e.role === 'mcp')?.request.headers.find((h) => h.name.toLowerCase() === 'authorization')?.value;
    expect(token).toMatch(/^Bearer /);
    expect(har.content).not.toContain(token!.slice(7));
  });

  it('saves sessions as they go and opens them again', async () => {
    const id = (await controller.handlers['session:get']())!.session.id;
    await expect.poll(async () => (await controller.handlers['sessions:list']()).map((s) => s.id), { timeout: 5000 }).toContain(id);
    const [saved] = await controller.handlers['sessions:list']();
    expect(saved).toMatchObject({ id, outcome: 'completed' });
    const view = await controller.handlers['sessions:open']({ id });
    expect(view.session.id).toBe(id);
    expect(view.next).toBeNull();
    await expect(controller.handlers['sessions:open']({ id: 'missing' })).rejects.toThrow(/could not be opened/);
  });

  it('opens an exported HAR as a read-only session', async () => {
    const har = await controller.handlers['session:export-har']({ includeSecrets: true });
    const view = await controller.handlers['session:import-har']({ fileName: 'x.har', content: har.content });
    expect(view.next).toBeNull();
    await expect(controller.handlers['session:next']()).rejects.toThrow(/opened from a file/);
    await expect(controller.handlers['session:import-har']({ fileName: 'bad.har', content: 'nope' })).rejects.toThrow(/bad\.har/);
  });

  it('changes and forgets stored clients', async () => {
    const [client] = await controller.handlers['clients:list']();
    expect(client?.token_endpoint_auth_method).toBe('none');
    const updated = await controller.handlers['clients:set-method']({ issuer: client!.issuer, clientId: client!.client_id, method: 'unknown' });
    expect(updated[0]?.token_endpoint_auth_method).toBe('unknown');
    await expect(controller.handlers['clients:set-method']({ issuer: client!.issuer, clientId: 'nope', method: 'none' })).rejects.toThrow(/No stored client/);
    expect(await controller.handlers['clients:forget']({ issuer: client!.issuer, clientId: client!.client_id })).toEqual([]);
  });

  it('opens only web URLs externally', async () => {
    await controller.handlers['shell:open-external']({ url: 'https://example.com/docs' });
    expect(opened).toEqual(['https://example.com/docs']);
    await expect(controller.handlers['shell:open-external']({ url: 'file:///etc/passwd' })).rejects.toThrow(/only http and https/);
  });

  it('refuses a target that is not a URL', async () => {
    await expect(
      controller.handlers['session:start']({ target: { kind: 'mcp', url: 'not a url' }, options: { registration: 'auto', strategy: 'registered', newClient: false, timeoutMs: 1000 } }),
    ).rejects.toThrow(/not a URL/);
  });
});

describe('SessionController, one operation against another', () => {
  let dataDir: string;
  let controller: SessionController;
  const views: SessionView[] = [];
  const options = { registration: 'auto', strategy: 'registered', newClient: false, timeoutMs: 15_000 } as const;

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'authtrace-controller-'));
    // Nobody ever logs in: the authorize step waits until the session is replaced.
    controller = new SessionController({ dataDir, browser: { open: async () => undefined }, openExternal: async () => undefined });
    controller.onView((view) => views.push(view));
  });

  afterAll(async () => {
    await controller.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('Reset during a pending browser login answers the pending call with the new session, not an error', async () => {
    const first = await controller.handlers['session:start']({ target: { kind: 'sandbox', profile: 'correct' }, options });
    const pending = controller.handlers['session:run-to-end']();
    await expect.poll(() => controller.view()?.waitingForBrowser, { timeout: 15_000 }).toBeDefined();

    const reset = await controller.handlers['session:reset']();
    expect(reset!.session.id).not.toBe(first.session.id);
    const answered = await pending;
    expect(answered.session.id).toBe(reset!.session.id);
    expect(answered.waitingForBrowser).toBeUndefined();
    // The old engine pushes nothing any more: every later view is of the new session.
    const after = views.length;
    const stepped = await controller.handlers['session:next']();
    await waitFor(() => views.slice(after).includes(stepped), { what: 'the push of the view after Next step' });
    expect(views.slice(after).every((v) => v.session.id === reset!.session.id)).toBe(true);
  });

  it('the same view object, and one diagnostics run, for one session snapshot', async () => {
    const run = vi.mocked(runDiagnostics);
    const view = controller.view();
    run.mockClear();
    expect(controller.view()).toBe(view);
    expect(await controller.handlers['session:get']()).toBe(view);
    expect(run).not.toHaveBeenCalled();
    const next = await controller.handlers['session:next']();
    expect(next).not.toBe(view);
    expect(controller.view()).toBe(next);
    expect(run.mock.calls.length).toBeGreaterThan(0);
    expect(new Set(run.mock.calls.map(([session]) => session)).size).toBe(run.mock.calls.length);
  });
});

describe('SessionController, concurrent starts', () => {
  it('runs starts one at a time, in call order: the last one asked for is current, the others closed', async () => {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'authtrace-controller-'));
    let release!: () => void;
    const slow = new Promise<void>((resolve) => (release = resolve));
    let sandboxAsked = false;
    const sandbox: RunningSandboxLike = { profile: 'correct', mcpUrl: 'http://127.0.0.1:9/mcp', issuer: 'http://127.0.0.1:9', close: async () => undefined };
    const controller = new SessionController({
      dataDir,
      browser: { open: async () => undefined },
      openExternal: async () => undefined,
      startSandbox: async () => ((sandboxAsked = true), await slow, sandbox),
    });
    const views: SessionView[] = [];
    controller.onView((view) => views.push(view));
    try {
      const options = { registration: 'auto', strategy: 'registered', newClient: false, timeoutMs: 1000 } as const;
      const a = controller.handlers['session:start']({ target: { kind: 'sandbox', profile: 'correct' }, options });
      const b = controller.handlers['session:start']({ target: { kind: 'mcp', url: 'http://127.0.0.1:9/b' }, options });
      await waitFor(() => sandboxAsked, { what: 'the first start to ask for its sandbox' });
      release();
      const [va, vb] = await Promise.all([a, b]);
      expect(va.sandbox?.profile).toBe('correct');
      expect(vb.session.config.target).toEqual({ kind: 'mcp', url: 'http://127.0.0.1:9/b' });
      expect(controller.view()!.session.id).toBe(vb.session.id);
      await new Promise((resolve) => setImmediate(resolve));
      expect(views.at(-1)!.session.id).toBe(vb.session.id);
    } finally {
      await controller.close();
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
