// Serves the client ID metadata documents of client profiles that register that way, on 127.0.0.1:
// the real documents live at public https URLs that no server here can fetch. Started on first use.
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ClientMetadataHost } from '../../shared/flow/ports.js';

export interface ClosableClientMetadataHost extends ClientMetadataHost {
  close(): Promise<void>;
}

export function createClientMetadataHost(): ClosableClientMetadataHost {
  const documents = new Map<string, string>();
  let started: Promise<{ server: http.Server; origin: string }> | undefined;
  const start = () =>
    (started ??= new Promise((resolve, reject) => {
      const server = http.createServer((req, res) => {
        const body = req.method === 'GET' ? documents.get(req.url ?? '') : undefined;
        if (body === undefined) return void res.writeHead(404, { 'content-type': 'application/json' }).end('{"error":"not_found"}');
        res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' }).end(body);
      });
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve({ server, origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}` }));
    }));
  return {
    async publish(document) {
      const { origin } = await start();
      const path = `/clients/${randomBytes(12).toString('base64url')}.json`;
      const url = `${origin}${path}`;
      documents.set(path, JSON.stringify(document(url), null, 2));
      return url;
    },
    async close() {
      if (!started) return;
      const { server } = await started;
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
