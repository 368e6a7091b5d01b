// The one Api table, and the two hosts that serve it: the same checks, errors and lanes over IPC
// and over the WebSocket.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import WebSocket from 'ws';
import { CHANNELS, type SessionView } from '../shared/contract.js';
import { decodeView, type ViewPush } from '../shared/view-delta.js';
import { exportHar } from '../shared/har/export.js';
import { fullSession } from '../shared/har/test-support/session.js';
import type { ApiHandlers } from './services/controller.js';

vi.mock('electron', () => ({ ipcMain: { handle: vi.fn(), removeHandler: vi.fn() } }));
const { API_TABLE } = await import('./api-table.js');
const { ipcServer } = await import('./ipc.js');
const { startWebHost } = await import('./web.js');
const { SessionController } = await import('./services/controller.js');

type Reply = { ok: boolean; value?: unknown; error?: { code: string; message: string } };
type Handlers = Record<string, (request: unknown) => Promise<unknown>>;

interface TestHost {
  call(channel: string, request?: unknown): Promise<Reply>;
  close(): Promise<void>;
}

let uiDir: string;
beforeAll(async () => {
  uiDir = await mkdtemp(path.join(os.tmpdir(), 'authtrace-api-'));
  await writeFile(path.join(uiDir, 'index.html'), '<!doctype html><title>t</title>');
});
afterAll(() => rm(uiDir, { recursive: true, force: true }));

async function ipcHost(handlers: Handlers): Promise<TestHost> {
  const serve = ipcServer(handlers as unknown as ApiHandlers);
  const mainFrame = { url: 'app://authtrace/index.html', parent: null };
  const event = { senderFrame: mainFrame, sender: { mainFrame } } as never;
  return { call: (channel, request) => serve(channel as never, event, request), close: async () => undefined };
}

async function webHost(handlers: Handlers): Promise<TestHost> {
  const controller = { handlers, onView: () => () => undefined } as unknown as InstanceType<typeof SessionController>;
  const host = await startWebHost({ controller, uiDir, token: 'tok' });
  const ws = new WebSocket(`ws://127.0.0.1:${host.port}/api?token=tok`, { headers: { Origin: `http://127.0.0.1:${host.port}` } });
  await new Promise((resolve, reject) => {
    ws.once('open', resolve);
    ws.once('error', reject);
  });
  const waiting = new Map<number, (reply: Reply) => void>();
  // Answers that are the session view come as deltas against the last one (shared/view-delta.ts).
  let current: SessionView | undefined;
  ws.on('message', (data) => {
    const { id, ok, response, view, error } = JSON.parse(String(data)) as { id: number; ok: boolean; response?: unknown; view?: ViewPush; error?: Reply['error'] };
    if (view) current = decodeView(current, view);
    waiting.get(id)?.(ok ? { ok, value: view ? current : response } : { ok, error: error! });
  });
  let nextId = 1;
  return {
    call: (channel, request) =>
      new Promise((resolve) => {
        const id = nextId++;
        waiting.set(id, resolve);
        ws.send(JSON.stringify({ id, channel, request }));
      }),
    close: async () => {
      ws.close();
      await host.close();
    },
  };
}

/** The least of a session view: which session it is. */
const viewOf = (id: string) => ({ session: { id, exchanges: [] }, diagnostics: [], next: null });

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

describe('the Api table', () => {
  it('has exactly one entry per channel of the contract', () => {
    expect(Object.keys(API_TABLE).sort()).toEqual([...CHANNELS].sort());
    expect(new Set(CHANNELS).size).toBe(CHANNELS.length);
  });

  it('puts flow steps, session replacements and the rest in their own lanes', () => {
    const lanes = Object.fromEntries(CHANNELS.map((channel) => [channel, API_TABLE[channel].lane]));
    expect(lanes).toMatchObject({ 'session:next': 'flow', 'session:send': 'flow', 'session:run-to-end': 'flow', 'session:rerun': 'flow' });
    expect(lanes).toMatchObject({ 'session:start': 'replacing', 'session:reset': 'replacing', 'session:import-har': 'replacing', 'sessions:open': 'replacing' });
    expect(lanes).toMatchObject({ 'session:get': 'other', 'clients:list': 'other', 'session:export-har': 'other' });
  });
});

describe.each([
  ['IPC', ipcHost],
  ['the WebSocket', webHost],
])('the Api over %s', (_name, open) => {
  it('refuses an invalid request on every channel with API_INVALID_REQUEST, before any handler runs', async () => {
    const handler = vi.fn(async () => null);
    const host = await open(Object.fromEntries(CHANNELS.map((channel) => [channel, handler])));
    try {
      for (const channel of CHANNELS) {
        const reply = await host.call(channel, { surely: 'not valid' });
        expect(reply, channel).toMatchObject({ ok: false, error: { code: 'API_INVALID_REQUEST', message: expect.stringMatching(new RegExp(`^Invalid ${channel} request: `)) } });
      }
      expect(handler).not.toHaveBeenCalled();
      expect(await host.call('fs:read')).toEqual({ ok: false, error: { code: 'API_UNKNOWN_CHANNEL', message: 'Unknown channel: fs:read' } });
    } finally {
      await host.close();
    }
  });

  it('carries a handler error with its code and hint: a HAR whose config is not valid starts no session', async () => {
    const controller = new SessionController({ dataDir: uiDir, browser: { open: async () => undefined }, openExternal: async () => undefined });
    const host = await open(controller.handlers as unknown as Handlers);
    try {
      const har = exportHar(fullSession(), { diagnostics: [], includeSecrets: false });
      (har.log._authtrace as unknown as { config: object }).config = { ...fullSession().config, target: { kind: 'mcp', url: 'file:///etc/passwd' } };
      expect(await host.call('session:import-har', { fileName: 'bad.har', content: JSON.stringify(har) })).toEqual({
        ok: false,
        error: { code: 'HAR_CONFIG_INVALID', message: "bad.har could not be opened: The file's Authtrace session configuration is not valid: config.target.url must be an http(s) URL." },
      });
      expect(await host.call('session:next')).toEqual({ ok: false, error: { code: 'API_NO_SESSION', message: 'There is no session yet.', hint: 'Start one with Next step.' } });
    } finally {
      await host.close();
      await controller.close();
    }
  });

  it('runs one request per lane at a time, in order; Reset and reads do not wait behind a login', async () => {
    let running = 0;
    let most = 0;
    const login = deferred();
    const answered: string[] = [];
    const host = await open({
      'session:next': async () => {
        await login.promise;
        return viewOf('after login');
      },
      'clients:list': async () => {
        running++;
        most = Math.max(most, running);
        await new Promise((resolve) => setTimeout(resolve, 10));
        running--;
        return [];
      },
      'session:send': async () => viewOf('sent'),
      'session:start': async () => viewOf('started'),
    });
    const call = (label: string, channel: string, request?: unknown) =>
      host.call(channel, request).then((reply) => {
        answered.push(label);
        return reply;
      });
    try {
      await Promise.all([1, 2, 3, 4, 5].map((n) => call(`list ${n}`, 'clients:list')));
      expect(most).toBe(1);
      expect(answered).toEqual(['list 1', 'list 2', 'list 3', 'list 4', 'list 5']);

      answered.length = 0;
      const next = call('next', 'session:next');
      const send = call('send', 'session:send', {});
      expect(await call('start', 'session:start', { target: { kind: 'sandbox', profile: 'correct' }, options: {} })).toMatchObject({ ok: true, value: viewOf('started') });
      expect(await call('list', 'clients:list')).toMatchObject({ ok: true, value: [] });
      expect(answered).toEqual(['start', 'list']);
      login.resolve();
      expect(await send).toMatchObject({ ok: true, value: viewOf('sent') });
      expect(await next).toMatchObject({ ok: true, value: viewOf('after login') });
      expect(answered).toEqual(['start', 'list', 'next', 'send']);
    } finally {
      await host.close();
    }
  });
});
