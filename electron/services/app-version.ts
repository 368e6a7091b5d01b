// Authtrace's own version, for the HAR creator and reports: the package.json this code ships in.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

let version: string | undefined;

export function appVersion(): string {
  version ??= readVersion();
  return version;
}

function readVersion(): string {
  // From electron/services (source) or dist/electron/services (built): the package root is a few levels up.
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 5; i++) {
    try {
      const pkg = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as { name?: unknown; version?: unknown };
      if (pkg.name === 'authtrace' && typeof pkg.version === 'string') return pkg.version;
    } catch {
      // No package.json here: look one level up.
    }
    dir = path.dirname(dir);
  }
  return '0.0.0';
}
