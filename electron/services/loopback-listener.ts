// The loopback redirect listener (RFC 8252 §7.3): 127.0.0.1 only. Each authorization waits for
// one callback (a second one for the same authorization is refused), answers the browser with a
// small page that says to return to the app, and leaves the port open for the next authorization
// (step-up, or the step run again), so the registered redirect URI keeps working.
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

interface Waiter {
  resolve: (c: CallbackCapture) => void;
  reject: (e: Error) => void;
}

async function listen(port = 0): Promise<RedirectListener> {
  let waiter: Waiter | undefined;
  let origin = '';

  const server = http.createServer((req, res) => {
    // The origin is ours, never the request's Host header (which any local process can forge).
    let url: URL;
    try {
      url = new URL(req.url ?? '/', origin);
    } catch {
      res.writeHead(400, { 'Content-Type': 'text/plain' }).end('Bad request\n');
      return;
    }
    if (url.pathname !== '/callback') {
      res.writeHead(404, { 'Content-Type': 'text/plain' }).end('Not found\n');
      return;
    }
    // An authorization response carries code or error (RFC 6749 §4.1.2); anything else is not one.
    if (!url.searchParams.has('code') && !url.searchParams.has('error')) {
      res.writeHead(400, { 'Content-Type': 'text/plain' }).end('Not an authorization response: no code and no error.\n');
      return;
    }
    if (!waiter) {
      res.writeHead(404, { 'Content-Type': 'text/plain' }).end('No authorization is waiting for this redirect (it was already used, or it timed out).\n');
      return;
    }
    const ok = url.searchParams.has('code');
    const body = PAGE(ok);
    const responseHeaders: Header[] = [
      { name: 'Content-Type', value: 'text/html; charset=utf-8' },
      { name: 'Cache-Control', value: 'no-store' },
      { name: 'Content-Length', value: String(Buffer.byteLength(body)) },
    ];
    res.writeHead(200, responseHeaders.flatMap((h) => [h.name, h.value]) as unknown as http.OutgoingHttpHeaders).end(body);
    const headers: Header[] = [];
    for (let i = 0; i + 1 < req.rawHeaders.length; i += 2) headers.push({ name: req.rawHeaders[i]!, value: req.rawHeaders[i + 1]! });
    const current = waiter;
    waiter = undefined;
    current.resolve({
      startedAt: new Date().toISOString(),
      request: { method: req.method ?? 'GET', url: url.href, headers },
      response: { status: 200, statusText: 'OK', headers: responseHeaders, body, truncated: false, bodySize: Buffer.byteLength(body), httpVersion: 'HTTP/1.1' },
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  let closed = false;
  return {
    redirectUri: `${origin}/callback`,
    wait({ timeoutMs, signal }) {
      if (closed) return Promise.reject(new Error('the listener was closed'));
      if (signal?.aborted) return Promise.reject(signal.reason instanceof Error ? signal.reason : new Error('aborted'));
      waiter?.reject(new Error('a newer authorization replaced this one'));
      return new Promise<CallbackCapture>((resolve, reject) => {
        const give = (error: Error) => {
          if (waiter === entry) waiter = undefined;
          reject(error);
        };
        const onAbort = () => give(signal?.reason instanceof Error ? signal.reason : new Error('aborted'));
        const timer = setTimeout(() => give(new Error(`no redirect arrived within ${Math.round(timeoutMs / 1000)} s`)), timeoutMs);
        const done = () => (clearTimeout(timer), signal?.removeEventListener('abort', onAbort));
        const entry: Waiter = {
          resolve: (c) => (done(), resolve(c)),
          reject: (e) => (done(), reject(e)),
        };
        signal?.addEventListener('abort', onAbort, { once: true });
        waiter = entry;
      });
    },
    async close() {
      if (closed) return;
      closed = true;
      waiter?.reject(new Error('the listener was closed'));
      waiter = undefined;
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
