// The engine step by step, as the app drives it: prepare, edit, send, rerun, against the sandbox.
import { describe, expect, it } from 'vitest';
import { authMethodPicture } from '../../shared/interpret/auth-method.js';
import { FlowEngine } from '../../shared/flow/engine.js';
import { defaultConfig, type SessionConfig } from '../../shared/model.js';
import { sandbox, tempDir } from '../test-support/cli.js';
import { approveInBrowser } from '../test-support/approve-in-browser.js';
import { waitFor } from '../test-support/wait.js';
import { createClientStore } from './client-store.js';
import { createLoopbackRedirectListener } from './loopback-listener.js';
import { createRecordingHttpClient } from './recording-http.js';

function engine(url: string, over: Partial<SessionConfig> = {}, dataDir = tempDir()) {
  const opened: string[] = [];
  const e = new FlowEngine(
    { ...defaultConfig({ kind: 'mcp', url }), headless: true, ...over },
    {
      http: createRecordingHttpClient(),
      redirect: createLoopbackRedirectListener(),
      browser: { open: async (u) => void opened.push(u) },
      clients: createClientStore(dataDir),
    },
  );
  return { e, opened };
}

describe('FlowEngine step by step', () => {
  it('prepares a request before sending it, and Next step alternates prepare and send', async () => {
    const s = await sandbox('correct');
    const { e } = engine(s.mcpUrl);
    expect(e.next()).toEqual({ step: 'probe', action: 'prepare' });
    let session = await e.step();
    const probe = session.steps[0]!;
    expect(probe.status).toBe('ready');
    expect(probe.prepared).toMatchObject({ method: 'POST', url: s.mcpUrl });
    expect(session.exchanges).toHaveLength(0);
    expect(e.next()).toEqual({ step: 'probe', action: 'send' });
    session = await e.step();
    expect(session.steps[0]!.status).toBe('done');
    expect(session.exchanges).toHaveLength(1);
    expect(e.next()).toEqual({ step: 'resource-metadata', action: 'prepare' });
    await e.close();
  });

  it('records an edited request as sent, with the original beside it', async () => {
    const s = await sandbox('correct');
    const { e } = engine(s.mcpUrl);
    const prepared = (await e.prepareNext()).steps[0]!.prepared!;
    const edited = { ...prepared, headers: [...prepared.headers, { name: 'X-Debug', value: 'on' }] };
    const session = await e.send(edited);
    const exchange = session.exchanges[0]!;
    expect(exchange.request.headers).toContainEqual({ name: 'X-Debug', value: 'on' });
    expect(exchange.edited?.original.headers.some((h) => h.name === 'X-Debug')).toBe(false);
    await e.close();
  });

  it('re-runs the token step after the strategy changes, with the same authorization code', async () => {
    const s = await sandbox('none-first');
    const dir = tempDir();
    const first = engine(s.mcpUrl, { registerMethod: 'client_secret_post' }, dir);
    expect((await first.e.runToEnd()).steps.every((st) => st.status !== 'failed')).toBe(true);
    await first.e.close();
    await createClientStore(dir).setMethod(s.issuer, (await createClientStore(dir).get(s.issuer))!.client_id, 'unknown');

    const { e } = engine(s.mcpUrl, { strategy: 'first-advertised' }, dir);
    let session = await e.runToEnd();
    expect(session.steps.find((st) => st.name === 'token')).toMatchObject({ status: 'failed' });
    expect(authMethodPicture(session)).toMatchObject({ registered: 'unknown', used: 'none' });

    session = await e.rerun('token', { authMethod: 'client_secret_post' });
    expect(session.steps.find((st) => st.name === 'token')?.status).toBe('ready');
    session = await e.runToEnd();
    expect(session.steps.find((st) => st.name === 'token')?.status).toBe('done');
    expect(session.steps.find((st) => st.name === 'mcp')?.status).toBe('done');
    expect(authMethodPicture(session)).toMatchObject({ used: 'client_secret_post', chosenBy: 'explicit' });
    const tokens = session.exchanges.filter((x) => x.role === 'token');
    expect(tokens.map((x) => (x.outcome === 'response' ? x.response.status : 0))).toEqual([401, 200]);
    await e.close();
  });

  it('re-reads the stored client when the token step is prepared again: restoring the method and re-running token succeeds', async () => {
    const s = await sandbox('none-first');
    const dir = tempDir();
    const first = engine(s.mcpUrl, { registerMethod: 'client_secret_post' }, dir);
    await first.e.runToEnd();
    await first.e.close();
    const store = createClientStore(dir);
    const clientId = (await store.get(s.issuer))!.client_id;
    await store.setMethod(s.issuer, clientId, 'unknown');

    const { e } = engine(s.mcpUrl, { strategy: 'first-advertised' }, dir);
    expect((await e.runToEnd()).steps.find((st) => st.name === 'token')?.status).toBe('failed');
    await store.setMethod(s.issuer, clientId, 'client_secret_post');
    await e.rerun('token');
    const session = await e.runToEnd();
    expect(session.steps.find((st) => st.name === 'mcp')?.status).toBe('done');
    expect(authMethodPicture(session)).toMatchObject({ registered: 'client_secret_post', used: 'client_secret_post', chosenBy: 'registered' });
    await e.close();
  });

  it('opens the system browser when not headless and records the callback the browser brings back', async () => {
    const s = await sandbox('correct');
    const { e, opened } = engine(s.mcpUrl, { headless: false });
    const seen: (string | undefined)[] = [];
    e.subscribe(() => seen.push(e.waitingForBrowser?.url));
    const done = e.runToEnd();
    await waitFor(() => opened.length > 0, { what: 'the engine to open the browser', timeoutMs: 15_000 });
    await approveInBrowser(opened[0]!);
    const session = await done;
    expect(seen).toContain(opened[0]);
    expect(session.steps.every((st) => st.status === 'done' || st.status === 'pending')).toBe(true);
    const roles = session.exchanges.filter((x) => x.step === 'authorize').map((x) => [x.role, x.origin, x.outcome]);
    expect(roles).toEqual([
      ['authorize', 'browser', 'opened-in-browser'],
      ['callback', 'browser', 'response'],
    ]);
    await e.close();
  });

  it('step-up through a real browser: the second authorization gets its own callback on the same redirect URI', async () => {
    const s = await sandbox('step-up');
    const { e, opened } = engine(s.mcpUrl, { headless: false, callTool: { name: 'admin-report', args: {} } });
    const done = e.runToEnd();
    for (let n = 1; n <= 2; n++) {
      await waitFor(() => opened.length >= n, { what: `the engine to open the browser for authorization ${n}`, timeoutMs: 15_000 });
      await approveInBrowser(opened[n - 1]!);
    }
    const session = await done;
    expect(session.steps.find((st) => st.name === 'mcp')?.status).toBe('done');
    expect(session.exchanges.filter((x) => x.role === 'callback')).toHaveLength(2);
    await e.close();
  });

  it('re-running authorize with a new scope asks for that scope', async () => {
    const s = await sandbox('correct');
    const { e } = engine(s.mcpUrl);
    await e.runToEnd();
    await e.rerun('authorize', { scope: 'mcp:tools mcp:admin' });
    const session = await e.runToEnd();
    const authorizations = session.exchanges.filter((x) => x.role === 'authorize');
    expect(new URL(authorizations.at(-1)!.request.url).searchParams.get('scope')).toBe('mcp:tools mcp:admin');
    expect(session.steps.find((st) => st.name === 'mcp')?.status).toBe('done');
    await e.close();
  });

  it('rerun with replace clears an option the user cleared', async () => {
    const s = await sandbox('correct');
    const { e } = engine(s.mcpUrl, { authMethod: 'client_secret_post', scope: 'mcp:tools' });
    await e.rerun('token', { strategy: 'registered' }, { replace: true });
    expect(e.config.authMethod).toBeUndefined();
    expect(e.config.scope).toBeUndefined();
    expect(e.config.target).toEqual({ kind: 'mcp', url: s.mcpUrl });
    await e.close();
  });

  it('runs operations one at a time even when called together', async () => {
    const s = await sandbox('correct');
    const { e } = engine(s.mcpUrl);
    await Promise.all([e.step(), e.step(), e.step(), e.step()]);
    expect(e.session.steps.slice(0, 2).map((st) => st.status)).toEqual(['done', 'done']);
    await e.close();
  });

  it('a re-run forgets what the re-run steps wrote and keeps what earlier steps wrote', async () => {
    const s = await sandbox('correct');
    const { e } = engine(s.mcpUrl, { refresh: true });
    let session = await e.runToEnd();
    expect(session.steps.find((st) => st.name === 'refresh')?.status).toBe('done');

    // The refresh rotated the token step's refresh token; re-running it sends the newest one, and the server accepts it.
    session = await e.rerun('refresh');
    expect(session.steps.find((st) => st.name === 'refresh')).toMatchObject({ status: 'ready' });
    expect(session.steps.find((st) => st.name === 'refresh')?.prepared?.body).toContain('grant_type=refresh_token');
    session = await e.runToEnd();
    expect(session.steps.find((st) => st.name === 'refresh')?.status).toBe('done');

    // Re-running discovery forgets the metadata, the client and the tokens: every later step runs again.
    const before = session.exchanges.length;
    session = await e.rerun('resource-metadata');
    expect(session.steps.slice(1).map((st) => st.status)).toEqual(['ready', 'pending', 'pending', 'pending', 'pending', 'pending', 'pending']);
    session = await e.runToEnd();
    expect(session.steps.every((st) => st.status === 'done')).toBe(true);
    expect(session.exchanges.filter((x, i) => i >= before && x.role === 'as-metadata').length).toBeGreaterThan(0);
    expect(session.exchanges.filter((x, i) => i >= before && x.role === 'token').length).toBe(1);
    await e.close();
  });
});
