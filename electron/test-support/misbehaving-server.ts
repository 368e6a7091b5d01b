// A loopback HTTP server whose routes answer however a test needs, to reproduce broken servers.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { closeAfterTest } from './close-after.js';

export type Handler = (req: http.IncomingMessage, res: http.ServerResponse, origin: string) => void;


export async function serve(routes: Record<string, Handler>): Promise<string> {
  let origin = '';
  const server = http.createServer((req, res) => {
    const path = new URL(req.url ?? '/', origin).pathname;
    const handler = routes[path] ?? routes['*'];
    if (handler) handler(req, res, origin);
    else res.writeHead(404).end('not found');
  });
  closeAfterTest(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return origin;
}

export const json = (status: number, body: unknown, headers: Record<string, string> = {}): Handler => (_req, res) => {
  res.writeHead(status, { 'Content-Type': 'application/json', ...headers }).end(JSON.stringify(body));
};
