import diagnosticsChannel from 'node:diagnostics_channel';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { MAX_MESSAGE_BYTES, checkUpgrade, startWebHost, type WebHost } from './web.js';
import { SessionController } from './services/controller.js';
import { waitFor } from './test-support/wait.js';

describe('checkUpgrade', () => {
  const ok = { url: '/api?token=secret', headers: { host: '127.0.0.1:4000', origin: 'http://127.0.0.1:4000' } };

  it('accepts the own page with the token', () => {
    expect(checkUpgrade(ok, 4000, 'secret')).toEqual({ ok: true });
    expect(checkUpgrade({ ...ok, headers: { host: 'localhost:4000', origin: 'http://localhost:4000' } }, 4000, 'secret')).toEqual({ ok: true });
  });

  it.each([
    ['no token', { ...ok, url: '/api' }, 401],
    ['wrong token', { ...ok, url: '/api?token=secreT' }, 401],
    ['longer token', { ...ok, url: '/api?token=secret2' }, 401],
    ['other path', { ...ok, url: '/other?token=secret' }, 404],
    ['foreign origin', { ...ok, headers: { ...ok.headers, origin: 'https://evil.example' } }, 403],
    ['look-alike origin', { ...ok, headers: { ...ok.headers, origin: 'http://127.0.0.1:4000.evil.example' } }, 403],
    ['null origin', { ...ok, headers: { ...ok.headers, origin: 'null' } }, 403],
    ['rebound host', { ...ok, headers: { ...ok.headers, host: 'evil.example:4000' } }, 403],
    ['other port', { ...ok, headers: { ...ok.headers, host: '127.0.0.1:4001' } }, 403],
  ])('refuses %s', (_name, req, status) => {
    expect(checkUpgrade(req, 4000, 'secret')).toMatchObject({ ok: false, status });
  });
});

/** A real web host over a real controller, serving a one-line UI. */
async function hostFixture(): Promise<{ host: WebHost; close: () => Promise<void> }> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'authtrace-web-'));
  await writeFile(path.join(dir, 'index.html'), '<!doctype html><title>t</title>');
  const controller = new SessionController({ dataDir: dir, browser: { open: async () => undefined }, openExternal: async () => undefined });
  const host = await startWebHost({ controller, uiDir: dir, token: 'tok' });
  const close = async () => {
    await host.close();
    await controller.close();
    await rm(dir, { recursive: true, force: true });
  };
  return { host, close };
}

describe('web host', () => {
  let host: WebHost;
  let close: () => Promise<void>;
  beforeAll(async () => ({ host, close } = await hostFixture()));
  afterAll(() => close());

  it('binds 127.0.0.1 and puts the token in the fragment', () => {
    expect(host.url).toBe(`http://127.0.0.1:${host.port}/#token=tok`);
  });

  it('serves the UI with a strict CSP and refuses other hosts and paths outside it', async () => {
    const page = await fetch(`http://127.0.0.1:${host.port}/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain(`connect-src 'self' ws://127.0.0.1:${host.port}`);
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect((await fetch(`http://127.0.0.1:${host.port}/%2e%2e/%2e%2e/etc/passwd`)).status).toBe(404);
    expect((await fetch(`http://127.0.0.1:${host.port}/`, { method: 'POST' })).status).toBe(405);
  });

  it('answers Api calls over the socket only with the token', async () => {
    const refused = await new Promise<number>((resolve) => {
      const ws = new WebSocket(`ws://127.0.0.1:${host.port}/api`);
      ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
      ws.on('open', () => resolve(0));
    });
    expect(refused).toBe(401);

    const ws = new WebSocket(`ws://127.0.0.1:${host.port}/api?token=tok`, { headers: { Origin: `http://127.0.0.1:${host.port}` } });
    await new Promise((resolve) => ws.once('open', resolve));
    const call = (id: number, channel: string, request?: unknown) =>
      new Promise<unknown>((resolve) => {
        ws.on('message', (data) => {
          const message = JSON.parse(String(data)) as { id?: number };
          if (message.id === id) resolve(message);
        });
        ws.send(JSON.stringify({ id, channel, request }));
      });
    expect(await call(1, 'session:get')).toEqual({ id: 1, ok: true, response: null });
    expect(await call(2, 'session:next')).toMatchObject({ id: 2, ok: false, error: { message: 'There is no session yet.', hint: 'Start one with Next step.' } });
    expect(await call(3, 'fs:read')).toMatchObject({ id: 3, ok: false, error: { message: 'Unknown channel: fs:read' } });
    ws.close();
  });
});

/** A controller stand-in whose handlers the test drives by hand. */
function fakeController(handlers: Record<string, (request: unknown) => Promise<unknown>>) {
  const listeners = new Set<(view: unknown) => void>();
  const controller = {
    handlers,
    onView(listener: (view: unknown) => void) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
  return { controller: controller as unknown as SessionController, push: (view: unknown) => listeners.forEach((l) => l(view)) };
}

function deferred<T = unknown>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

async function openSocket(host: WebHost, token = 'tok') {
  const ws = new WebSocket(`ws://127.0.0.1:${host.port}/api?token=${token}`, { headers: { Origin: `http://127.0.0.1:${host.port}` } });
  const messages: Array<{ id?: number; ok?: boolean; event?: string; response?: unknown; error?: { message: string } }> = [];
  ws.on('message', (data) => messages.push(JSON.parse(String(data))));
  await new Promise((resolve, reject) => {
    ws.once('open', resolve);
    ws.once('error', reject);
  });
  const reply = (id: number) => expect.poll(() => messages.find((m) => m.id === id), { timeout: 5000 }).toBeDefined().then(() => messages.find((m) => m.id === id)!);
  const send = (id: number, channel: string, request?: unknown) => ws.send(JSON.stringify({ id, channel, request }));
  return { ws, messages, reply, send };
}

describe('web host robustness', () => {
  let host: WebHost;
  let close: () => Promise<void>;
  beforeAll(async () => ({ host, close } = await hostFixture()));
  afterAll(() => close());

  const alive = async () => expect((await fetch(`http://127.0.0.1:${host.port}/`)).status).toBe(200);

  it('survives a frame of invalid UTF-8 from a token holder: only that socket is closed', async () => {
    const { ws } = await openSocket(host);
    const closed = new Promise<number>((resolve) => ws.on('close', (code) => resolve(code)));
    ws.on('error', () => undefined);
    (ws as unknown as { _socket: import('node:net').Socket })._socket.write(Buffer.from([0x81, 0x82, 0, 0, 0, 0, 0xff, 0xfe]));
    expect(await closed).toBeGreaterThan(1000);
    await alive();
    const other = await openSocket(host);
    other.send(1, 'session:get');
    expect(await other.reply(1)).toMatchObject({ ok: true });
    other.ws.close();
  });

  it('survives refused upgrades whose peer resets the connection (no token needed)', async () => {
    const upgrade = `GET /api?token=wrong HTTP/1.1\r\nHost: 127.0.0.1:${host.port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n`;
    // The host's end of each connection, to know when it has dealt with all of them.
    const accepted: net.Socket[] = [];
    const onAccept = (message: unknown) => void accepted.push((message as { socket: net.Socket }).socket);
    diagnosticsChannel.subscribe('net.server.socket', onAccept);
    for (let i = 0; i < 300; i++) {
      await new Promise<void>((resolve) => {
        const s = net.connect(host.port, '127.0.0.1', () => {
          s.write(upgrade);
          if (i % 2) setImmediate(() => s.resetAndDestroy());
          else s.resetAndDestroy();
          resolve();
        });
        s.on('error', () => resolve());
      });
    }
    try {
      await waitFor(() => accepted.length === 300 && accepted.every((socket) => socket.closed), { what: 'the host to close all 300 connections' });
    } finally {
      diagnosticsChannel.unsubscribe('net.server.socket', onAccept);
    }
    await alive();
  });

  it('closes a socket that announces a message over 64 MB (1009)', async () => {
    expect(MAX_MESSAGE_BYTES).toBe(64 * 1024 * 1024);
    const { ws } = await openSocket(host);
    ws.on('error', () => undefined);
    const closed = new Promise<number>((resolve) => ws.on('close', (code) => resolve(code)));
    const header = Buffer.alloc(14);
    header[0] = 0x82;
    header[1] = 0x80 | 127;
    header.writeBigUInt64BE(BigInt(MAX_MESSAGE_BYTES + 1), 2);
    (ws as unknown as { _socket: import('node:net').Socket })._socket.write(header);
    expect(await closed).toBe(1009);
    await alive();
  });

  it('checks each request at the boundary and says what is wrong', async () => {
    const { ws, send, reply } = await openSocket(host);
    send(1, 'session:start', { target: { kind: 'mcp', url: 'http://127.0.0.1:1/mcp' }, options: { timeoutMs: 'abc' } });
    expect(await reply(1)).toMatchObject({ ok: false, error: { message: expect.stringMatching(/^Invalid session:start request: options.timeoutMs must be a whole number/) } });
    send(2, 'session:start');
    expect(await reply(2)).toMatchObject({ ok: false, error: { message: 'Invalid session:start request: the request must be an object, not undefined.' } });
    send(3, 'session:export-har', null);
    expect(await reply(3)).toMatchObject({ ok: false, error: { message: expect.stringMatching(/^Invalid session:export-har request/) } });
    send(4, 'session:get');
    expect(await reply(4)).toMatchObject({ ok: true, response: null });
    ws.close();
  });
});

describe('web host requests and pushes', () => {
  let dir: string;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'authtrace-web-'));
    await writeFile(path.join(dir, 'index.html'), '<!doctype html><title>t</title>');
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('runs one request per socket and lane at a time, in order; Reset and reads do not wait behind a login', async () => {
    let running = 0;
    let most = 0;
    const login = deferred();
    const fake = fakeController({
      'session:next': async () => {
        await login.promise;
        return { session: { id: 'after login', exchanges: [] } };
      },
      'clients:list': async () => {
        running++;
        most = Math.max(most, running);
        await new Promise((resolve) => setTimeout(resolve, 20));
        running--;
        return [];
      },
      'session:send': async () => ({ session: { id: 'sent', exchanges: [] } }),
      'session:start': async () => ({ session: { id: 'started', exchanges: [] } }),
    });
    const host = await startWebHost({ controller: fake.controller, uiDir: dir, token: 'tok' });
    try {
      const a = await openSocket(host);
      for (let id = 1; id <= 5; id++) a.send(id, 'clients:list');
      await a.reply(5);
      expect(most).toBe(1);
      expect(a.messages.map((m) => m.id)).toEqual([1, 2, 3, 4, 5]);

      a.send(6, 'session:next');
      a.send(7, 'session:send', {});
      a.send(8, 'session:start', { target: { kind: 'sandbox', profile: 'correct' }, options: {} });
      a.send(9, 'clients:list');
      expect(await a.reply(8)).toMatchObject({ ok: true, view: { kind: 'full', view: { session: { id: 'started' } } } });
      expect(await a.reply(9)).toMatchObject({ ok: true, response: [] });
      expect(a.messages.some((m) => m.id === 7)).toBe(false);
      login.resolve(undefined);
      expect(await a.reply(7)).toMatchObject({ ok: true, view: { kind: 'full', view: { session: { id: 'sent' } } } });
      expect(a.messages.findIndex((m) => m.id === 6)).toBeLessThan(a.messages.findIndex((m) => m.id === 7));
      a.ws.close();
    } finally {
      await host.close();
    }
  });

  it('serialises a pushed view once for all sockets, and not again to the socket whose reply carried it', async () => {
    const view = { session: { id: 's' }, diagnostics: [], next: null };
    let serialised = 0;
    Object.defineProperty(view, 'toJSON', { value: () => (serialised++, { session: { id: 's' }, diagnostics: [], next: null }) });
    const fake = fakeController({ 'session:next': async () => view });
    const host = await startWebHost({ controller: fake.controller, uiDir: dir, token: 'tok' });
    try {
      const a = await openSocket(host);
      const b = await openSocket(host);
      const c = await openSocket(host);
      a.send(1, 'session:next');
      expect(await a.reply(1)).toMatchObject({ ok: true, view: { kind: 'full', view: { session: { id: 's' } } } });
      expect(serialised).toBe(1);
      fake.push(view);
      await expect.poll(() => b.messages.length).toBe(1);
      await expect.poll(() => c.messages.length).toBe(1);
      expect(b.messages[0]).toMatchObject({ event: 'event:session', view: { kind: 'full', view: { session: { id: 's' } } } });
      expect(serialised).toBe(2);
      // Pushes reach a socket in order: once a has the next one, it has all it will get of this one.
      fake.push({ session: { id: 'later' }, diagnostics: [], next: null });
      await expect.poll(() => a.messages.at(-1)).toMatchObject({ event: 'event:session', view: { kind: 'full', view: { session: { id: 'later' } } } });
      expect(a.messages).toHaveLength(2);
      for (const s of [a, b, c]) s.ws.close();
    } finally {
      await host.close();
    }
  });

  it('pushes only the exchanges a socket does not have yet; session:get always answers with the whole view', async () => {
    const e1 = { id: 'ex-1' };
    const e2 = { id: 'ex-2' };
    const first = { session: { id: 's', exchanges: [e1] }, diagnostics: [], next: null };
    const second = { session: { id: 's', exchanges: [e1, e2] }, diagnostics: [], next: null };
    const fake = fakeController({ 'session:next': async () => first, 'session:get': async () => second });
    const host = await startWebHost({ controller: fake.controller, uiDir: dir, token: 'tok' });
    try {
      const a = await openSocket(host);
      a.send(1, 'session:next');
      expect(await a.reply(1)).toMatchObject({ ok: true, view: { kind: 'full', view: first } });
      fake.push(second);
      await expect.poll(() => a.messages.length).toBe(2);
      expect(a.messages[1]).toEqual({ event: 'event:session', view: { kind: 'delta', base: { sessionId: 's', exchanges: 1 }, view: { session: { id: 's' }, diagnostics: [], next: null }, added: [e2] } });
      a.send(2, 'session:get');
      expect(await a.reply(2)).toMatchObject({ ok: true, view: { kind: 'full', view: second } });
      a.ws.close();
    } finally {
      await host.close();
    }
  });
});
