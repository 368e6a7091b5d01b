import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { checkUpgrade, startWebHost, type WebHost } from './web.js';
import { SessionController } from './services/controller.js';

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

describe('web host', () => {
  let dir: string;
  let host: WebHost;
  let controller: SessionController;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'authtrace-web-'));
    await writeFile(path.join(dir, 'index.html'), '<!doctype html><title>t</title>');
    controller = new SessionController({ dataDir: dir, browser: { open: async () => undefined }, openExternal: async () => undefined });
    host = await startWebHost({ controller, uiDir: dir, token: 'tok' });
  });

  afterAll(async () => {
    await host.close();
    await controller.close();
    await rm(dir, { recursive: true, force: true });
  });

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
