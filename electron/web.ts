// Browser mode: the built UI and the Api over one WebSocket, on 127.0.0.1 only. A random token
// in the page URL's fragment gates the socket, so no other page in the browser can drive it.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { promises as fs } from 'node:fs';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { isChannel, SESSION_EVENT, type SessionView } from '../shared/contract.js';
import { encodeView, type ViewPush } from '../shared/view-delta.js';
import { API_TABLE } from './api-table.js';
import { WEB_SOCKET_PATH, WEB_TOKEN_PARAM, type WebMessage, type WebRequest } from '../shared/web-protocol.js';
import { serveApi } from './api-server.js';
import { resolveUiFile, mimeType } from './security/app-files.js';
import { contentSecurityPolicy } from './security/csp.js';
import type { SessionController } from './services/controller.js';

export interface WebHostOptions {
  controller: SessionController;
  /** The built UI (dist/renderer). */
  uiDir: string;
  /** 0 or absent: a free port. */
  port?: number;
  token?: string;
}

export interface WebHost {
  /** The URL to open, token included. */
  url: string;
  port: number;
  close(): Promise<void>;
}

/** Large enough for an imported HAR of a long session; a bigger frame closes the socket (1009). */
export const MAX_MESSAGE_BYTES = 64 * 1024 * 1024;

export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** Host names a browser may use for this server; anything else is DNS rebinding. */
function allowedHosts(port: number): Set<string> {
  return new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
}

export type UpgradeVerdict = { ok: true } | { ok: false; status: 401 | 403 | 404; reason: string };

/** Whether a WebSocket upgrade request may connect. Pure, so the rules can be tested one by one. */
export function checkUpgrade(req: { url?: string | undefined; headers: { host?: string | undefined; origin?: string | undefined } }, port: number, token: string): UpgradeVerdict {
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  if (url.pathname !== WEB_SOCKET_PATH) return { ok: false, status: 404, reason: 'no such endpoint' };
  const hosts = allowedHosts(port);
  if (!req.headers.host || !hosts.has(req.headers.host)) return { ok: false, status: 403, reason: 'unexpected Host header' };
  const origin = req.headers.origin;
  if (origin !== undefined && !sameOrigin(origin, hosts)) return { ok: false, status: 403, reason: 'cross-origin connection refused' };
  const given = url.searchParams.get(WEB_TOKEN_PARAM);
  if (!given || !sameSecret(given, token)) return { ok: false, status: 401, reason: 'missing or wrong token' };
  return { ok: true };
}

/** Browsers always send Origin on a WebSocket; it must be this server's own page. */
function sameOrigin(origin: string, hosts: Set<string>): boolean {
  try {
    const url = new URL(origin);
    return url.protocol === 'http:' && hosts.has(url.host) && origin === url.origin;
  } catch {
    return false;
  }
}

function refuse(socket: Duplex, status: number, reason: string): void {
  const text = status === 401 ? 'Unauthorized' : status === 403 ? 'Forbidden' : 'Not Found';
  socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Type: text/plain\r\nContent-Length: ${Buffer.byteLength(reason)}\r\n\r\n${reason}`);
}

export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  const token = options.token ?? newToken();
  const server = http.createServer();
  const sockets = new Set<WebSocket>();
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const csp = contentSecurityPolicy({ connect: [`ws://127.0.0.1:${port}`, `ws://localhost:${port}`] });
  const hosts = allowedHosts(port);

  server.on('request', (req: IncomingMessage, res: ServerResponse) => void serveFile(req, res));

  async function serveFile(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const headers = {
      'Content-Security-Policy': csp,
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
      'X-Frame-Options': 'DENY',
      'Cross-Origin-Resource-Policy': 'same-origin',
    };
    if (!req.headers.host || !hosts.has(req.headers.host)) {
      res.writeHead(403, headers).end('Forbidden');
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { ...headers, Allow: 'GET, HEAD' }).end();
      return;
    }
    const file = resolveUiFile(options.uiDir, req.url ?? '/');
    if (!file) {
      res.writeHead(404, headers).end('Not found');
      return;
    }
    try {
      const body = await fs.readFile(file);
      res.writeHead(200, {
        ...headers,
        'Content-Type': mimeType(file),
        'Cache-Control': file.endsWith('.html') ? 'no-store' : 'max-age=3600',
      });
      res.end(req.method === 'HEAD' ? undefined : body);
    } catch {
      res.writeHead(404, headers).end('Not found');
    }
  }

  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    // Before anything is written: a peer that resets the connection must not crash the host.
    socket.on('error', () => socket.destroy());
    const verdict = checkUpgrade(req, port, token);
    if (!verdict.ok) {
      refuse(socket, verdict.status, verdict.reason);
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      sockets.add(ws);
      // An invalid frame (bad UTF-8, a reserved opcode, an oversized message) ends this socket only.
      ws.on('error', () => ws.terminate());
      ws.on('close', () => sockets.delete(ws));
      // One Api connection per socket: its own lanes (api-table.ts says why).
      const api = serveApi(options.controller.handlers);
      ws.on('message', (data) => {
        const message = parse(String(data));
        if (!message) return;
        void api.call(message.channel, message.request).then((result) => {
          if (!result.ok) return send(ws, { id: message.id, ok: false, error: result.error });
          if (isChannel(message.channel) && API_TABLE[message.channel].returnsView && result.value) {
            // session:get is how a page that lost track starts again: always the whole view.
            return send(ws, { id: message.id, ok: true, view: viewFor(ws, result.value as SessionView, message.channel === 'session:get') });
          }
          send(ws, { id: message.id, ok: true, response: result.value ?? null });
        });
      });
    });
  });
  wss.on('error', () => undefined);

  /** The view each socket was last sent, so one change is not sent twice (as a reply and then as a push). */
  const lastSent = new WeakMap<WebSocket, SessionView>();

  const sendText = (ws: WebSocket, text: string) => {
    if (ws.readyState === ws.OPEN) ws.send(text);
  };
  const send = (ws: WebSocket, message: WebMessage) => sendText(ws, JSON.stringify(message));

  function parse(text: string): WebRequest | undefined {
    try {
      const message = JSON.parse(text) as WebRequest;
      return typeof message?.id === 'number' ? message : undefined;
    } catch {
      return undefined;
    }
  }

  /** The view as this socket needs it after what it was sent last; the socket is then taken to have it. */
  function viewFor(ws: WebSocket, view: SessionView, whole = false): ViewPush {
    const push = encodeView(whole ? undefined : lastSent.get(ws), view);
    lastSent.set(ws, view);
    return push;
  }

  const unsubscribe = options.controller.onView((view: SessionView) => {
    // Only sockets that do not have this very view yet (an answer may have carried it); a whole
    // view is serialised once for all the sockets that need it whole.
    let whole: string | undefined;
    for (const ws of sockets) {
      if (lastSent.get(ws) === view) continue;
      const push = viewFor(ws, view);
      if (push.kind === 'delta') send(ws, { event: SESSION_EVENT, view: push });
      else sendText(ws, (whole ??= JSON.stringify({ event: SESSION_EVENT, view: push } satisfies WebMessage)));
    }
  });

  return {
    url: `http://127.0.0.1:${port}/#${WEB_TOKEN_PARAM}=${token}`,
    port,
    async close() {
      unsubscribe();
      for (const ws of sockets) ws.terminate();
      wss.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
