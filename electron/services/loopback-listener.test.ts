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

  it('is single use: a second callback gets 404', async () => {
    const listener = await createLoopbackRedirectListener().listen(0);
    try {
      await fetch(`${listener.redirectUri}?code=1&state=s`);
      const again = await fetch(`${listener.redirectUri}?code=2&state=s`);
      expect(again.status).toBe(404);
      expect((await listener.wait({ timeoutMs: 100 })).request.url).toMatch(/code=1/);
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
