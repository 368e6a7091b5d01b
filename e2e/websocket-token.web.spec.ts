import WebSocket from 'ws';
import { test, expect } from './fixtures.js';

function connect(url: string, headers: Record<string, string> = {}): Promise<{ opened: boolean; status?: number }> {
  return new Promise((resolve) => {
    const ws = new WebSocket(url, { headers });
    ws.on('open', () => {
      ws.close();
      resolve({ opened: true });
    });
    ws.on('unexpected-response', (_req, res) => resolve({ opened: false, status: res.statusCode ?? 0 }));
    ws.on('error', () => resolve({ opened: false }));
  });
}

test('the WebSocket refuses a connection without the token', async ({ web, context, shot }) => {
  const socket = `ws://127.0.0.1:${web.port}/api`;
  const token = new URL(web.url).hash.replace('#token=', '');
  const origin = { Origin: `http://127.0.0.1:${web.port}` };

  expect(await connect(socket, origin)).toEqual({ opened: false, status: 401 });
  expect(await connect(`${socket}?token=wrong`, origin)).toEqual({ opened: false, status: 401 });
  expect(await connect(`${socket}?token=${token}`, { Origin: 'https://evil.example' })).toEqual({ opened: false, status: 403 });
  expect(await connect(`${socket}?token=${token}`, { ...origin, Host: `evil.example:${web.port}` })).toEqual({ opened: false, status: 403 });
  expect(await connect(`${socket}?token=${token}`, origin)).toEqual({ opened: true });

  // A page opened without the token cannot drive the host, and says how to get in. (A new tab:
  // the tab the fixture opened keeps its token for reloads.)
  const page = await context.newPage();
  await page.goto(`http://127.0.0.1:${web.port}/`);
  await expect(page.getByRole('alert')).toContainText('needs its access token');
  const fromPage = await page.evaluate(
    (url) =>
      new Promise<string>((resolve) => {
        const ws = new WebSocket(url);
        ws.onopen = () => resolve('open');
        ws.onerror = () => resolve('refused');
      }),
    socket,
  );
  expect(fromPage).toBe('refused');
  await shot('no-token');

  await page.goto(web.url);
  await expect(page.getByRole('toolbar', { name: 'Session' })).toBeVisible();
  await page.close();
});
