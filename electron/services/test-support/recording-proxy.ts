// A forward proxy on 127.0.0.1 that records what it was asked: CONNECT tunnels for https, and
// absolute-form requests for http (which it forwards). It can demand credentials (407).
import http from 'node:http';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterEach } from 'vitest';

export interface ProxyAsk {
  method: string;
  /** The request target as received: `host:port` for CONNECT, the absolute URL otherwise. */
  target: string;
  /** Header names in lower case. */
  headers: http.IncomingHttpHeaders;
}

export interface RecordingProxy {
  /** http://127.0.0.1:PORT */
  url: string;
  port: number;
  asked: ProxyAsk[];
}

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(cleanups.splice(0).map((close) => close()));
});

/** `credentials`: the Proxy-Authorization the proxy demands (e.g. `Basic dTpw`); others get 407. */
export async function startRecordingProxy({ credentials }: { credentials?: string } = {}): Promise<RecordingProxy> {
  const asked: ProxyAsk[] = [];
  const sockets = new Set<net.Socket>();
  const track = (socket: net.Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  };
  const authorized = (req: http.IncomingMessage) => !credentials || req.headers['proxy-authorization'] === credentials;

  const server = http.createServer((req, res) => {
    asked.push({ method: req.method ?? '', target: req.url ?? '', headers: req.headers });
    if (!authorized(req)) return void res.writeHead(407, { 'Proxy-Authenticate': 'Basic realm="test"' }).end();
    const headers = { ...req.headers };
    delete headers['proxy-authorization'];
    const upstream = http.request(req.url ?? '', { method: req.method, headers, agent: false }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.rawHeaders);
      answer.pipe(res);
    });
    upstream.on('error', () => res.destroy());
    req.pipe(upstream);
  });
  server.on('connection', track);
  server.on('connect', (req: http.IncomingMessage, client: net.Socket, head: Buffer) => {
    asked.push({ method: req.method ?? '', target: req.url ?? '', headers: req.headers });
    if (!authorized(req)) return void client.end('HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm="test"\r\nContent-Length: 0\r\n\r\n');
    const [host, port] = splitAuthority(req.url ?? '');
    const origin = net.connect({ host, port }, () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      if (head.length > 0) origin.write(head);
      origin.pipe(client);
      client.pipe(origin);
    });
    track(origin);
    origin.on('error', () => client.destroy());
    client.on('error', () => origin.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanups.push(
    () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  );
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, port, asked };
}

function splitAuthority(authority: string): [string, number] {
  const at = authority.lastIndexOf(':');
  return [authority.slice(0, at).replace(/^\[|\]$/g, ''), Number(authority.slice(at + 1))];
}
