import net from 'node:net';
import { describe, expect, it } from 'vitest';
import { createLoopbackRedirectListener } from './loopback-listener.js';

describe('loopback redirect listener', () => {
  it('binds 127.0.0.1, captures the first callback and answers the browser with a page', async () => {
    const listener = await createLoopbackRedirectListener().listen(0);
    try {
      expect(listener.redirectUri).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/callback$/);
      const waiting = listener.wait({ timeoutMs: 5000 });
      const res = await fetch(`${listener.redirectUri}?code=abc&state=xyz`);
      expect(res.status).toBe(200);
      expect(await res.text()).toMatch(/return to Authtrace/);
      const capture = await waiting;
      expect(new URL(capture.request.url).searchParams.get('code')).toBe('abc');
      expect(capture.response.status).toBe(200);
      expect(capture.request.headers.some((h) => h.name.toLowerCase() === 'host')).toBe(true);
    } finally {
      await listener.close();
    }
  });

  it('takes one callback per authorization: a second one is refused, the next authorization gets its own', async () => {
    const listener = await createLoopbackRedirectListener().listen(0);
    try {
      const first = listener.wait({ timeoutMs: 5000 });
      await fetch(`${listener.redirectUri}?code=1&state=s`);
      const again = await fetch(`${listener.redirectUri}?code=2&state=s`);
      expect(again.status).toBe(404);
      expect((await first).request.url).toMatch(/code=1/);
      const second = listener.wait({ timeoutMs: 5000 });
      await fetch(`${listener.redirectUri}?code=3&state=t`);
      expect((await second).request.url).toMatch(/code=3/);
    } finally {
      await listener.close();
    }
  });

  it('ignores requests that are not authorization responses, and forged Host headers', async () => {
    const listener = await createLoopbackRedirectListener().listen(0);
    try {
      const waiting = listener.wait({ timeoutMs: 5000 });
      expect((await fetch(`${listener.redirectUri}?hello=1`)).status).toBe(400);
      const port = Number(new URL(listener.redirectUri).port);
      const raw = await new Promise<string>((resolve) => {
        const socket = net.connect(port, '127.0.0.1', () => socket.end('GET /callback?code=x HTTP/1.1\r\nHost: a b\r\nConnection: close\r\n\r\n'));
        let text = '';
        socket.on('data', (d) => (text += d.toString()));
        socket.on('close', () => resolve(text));
      });
      expect(raw).toMatch(/^HTTP\/1\.1 (200|400)/);
      expect((await waiting).request.url).toBe(`${listener.redirectUri}?code=x`);
    } finally {
      await listener.close();
    }
  });

  it('answers other paths with 404 and keeps waiting', async () => {
    const listener = await createLoopbackRedirectListener().listen(0);
    try {
      const origin = new URL(listener.redirectUri).origin;
      expect((await fetch(`${origin}/favicon.ico`)).status).toBe(404);
      await expect(listener.wait({ timeoutMs: 50 })).rejects.toThrow(/no redirect arrived within 0 s/);
    } finally {
      await listener.close();
    }
  });

  it('is not reachable on other interfaces', async () => {
    const listener = await createLoopbackRedirectListener().listen(0);
    try {
      const port = new URL(listener.redirectUri).port;
      await expect(fetch(`http://[::1]:${port}/callback`)).rejects.toThrow();
    } finally {
      await listener.close();
    }
  });

  it('rejects a pending wait when closed', async () => {
    const listener = await createLoopbackRedirectListener().listen(0);
    const waiting = listener.wait({ timeoutMs: 5000 });
    await listener.close();
    await expect(waiting).rejects.toThrow(/closed/);
  });
});
