import { createServer, type RequestListener, type Server } from 'node:http';

export interface Listening {
  port: number;
  close(): Promise<void>;
}

export function listenLoopback(handler: RequestListener, port: number): Promise<Listening> {
  const server: Server = createServer(handler);
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      const address = server.address();
      if (address === null || typeof address === 'string') {
        reject(new Error('loopback server has no port'));
        return;
      }
      resolve({
        port: address.port,
        close: () =>
          new Promise<void>((done) => {
            server.close(() => done());
            server.closeAllConnections();
          }),
      });
    });
  });
}
