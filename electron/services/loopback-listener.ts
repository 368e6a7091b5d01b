// The loopback redirect listener (RFC 8252 §7.3): 127.0.0.1 only, single use, answers the
// browser with a small page that says to return to the app.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Header } from '../../shared/model.js';
import type { CallbackCapture, RedirectListener, RedirectListenerFactory } from '../../shared/flow/ports.js';

const PAGE = (ok: boolean) => `<!doctype html><html><head><meta charset="utf-8"><title>Authtrace</title>
<style>body{font:16px system-ui,sans-serif;margin:15vh auto;max-width:32em;text-align:center;color:#222}@media(prefers-color-scheme:dark){body{background:#1e1e1e;color:#ddd}}</style></head>
<body><h1>${ok ? 'Authorization received' : 'Authorization failed'}</h1><p>You can close this tab and return to Authtrace.</p></body></html>`;

export function createLoopbackRedirectListener(): RedirectListenerFactory {
  return { listen };
}

async function listen(port = 0): Promise<RedirectListener> {
  let resolveCapture: (c: CallbackCapture) => void = () => undefined;
  let rejectCapture: (e: Error) => void = () => undefined;
  let captured: CallbackCapture | undefined;
  const capture = new Promise<CallbackCapture>((resolve, reject) => {
    resolveCapture = resolve;
    rejectCapture = reject;
  });
  capture.catch(() => undefined);

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', `http://${req.headers.host ?? '127.0.0.1'}`);
    if (url.pathname !== '/callback' || captured) {
      res.writeHead(404, { 'Content-Type': 'text/plain' }).end(captured ? 'This redirect URI was already used.\n' : 'Not found\n');
      return;
    }
    const ok = url.searchParams.has('code') && !url.searchParams.has('error');
    const body = PAGE(ok);
    const responseHeaders: Header[] = [
      { name: 'Content-Type', value: 'text/html; charset=utf-8' },
      { name: 'Cache-Control', value: 'no-store' },
      { name: 'Content-Length', value: String(Buffer.byteLength(body)) },
    ];
    res.writeHead(200, responseHeaders.flatMap((h) => [h.name, h.value]) as unknown as http.OutgoingHttpHeaders).end(body);
    const headers: Header[] = [];
    for (let i = 0; i + 1 < req.rawHeaders.length; i += 2) headers.push({ name: req.rawHeaders[i]!, value: req.rawHeaders[i + 1]! });
    captured = {
      startedAt: new Date().toISOString(),
      request: { method: req.method ?? 'GET', url: url.href, headers },
      response: { status: 200, statusText: 'OK', headers: responseHeaders, body, truncated: false, bodySize: Buffer.byteLength(body), httpVersion: 'HTTP/1.1' },
    };
    resolveCapture(captured);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const actualPort = (server.address() as AddressInfo).port;
  let closed = false;
  return {
    redirectUri: `http://127.0.0.1:${actualPort}/callback`,
    wait({ timeoutMs }) {
      if (captured) return Promise.resolve(captured);
      return new Promise<CallbackCapture>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no redirect arrived within ${Math.round(timeoutMs / 1000)} s`)), timeoutMs);
        capture.then(
          (c) => (clearTimeout(timer), resolve(c)),
          (e: Error) => (clearTimeout(timer), reject(e)),
        );
      });
    },
    async close() {
      if (closed) return;
      closed = true;
      rejectCapture(new Error('the listener was closed'));
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
