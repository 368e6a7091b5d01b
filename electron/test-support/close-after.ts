// Servers a test starts are closed after it, connections and all, in one place.
import type http from 'node:http';
import { afterEach } from 'vitest';

const open: http.Server[] = [];
afterEach(async () => {
  await Promise.all(
    open.splice(0).map(
      (s) =>
        new Promise<void>((resolve) => {
          s.closeAllConnections();
          s.close(() => resolve());
        }),
    ),
  );
});

export function closeAfterTest<S extends http.Server>(server: S): S {
  open.push(server);
  return server;
}
