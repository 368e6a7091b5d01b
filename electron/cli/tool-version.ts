// Authtrace's version, as package.json gives it, for the reports that name their tool.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Tool } from '../../shared/report/subject.js';

/** The nearest package.json above this module that is ours: electron/cli from source, dist/electron/cli when built. */
function findVersion(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    try {
      const pkg = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as { name?: unknown; version?: unknown };
      if (pkg.name === 'authtrace' && typeof pkg.version === 'string') return pkg.version;
    } catch {
      // no package.json here, or not one we can read: look further up
    }
    const parent = path.dirname(dir);
    if (parent === dir) return 'dev';
    dir = parent;
  }
}

let cached: Tool | undefined;

export function authtraceTool(): Tool {
  cached ??= { name: 'Authtrace', version: findVersion() };
  return cached;
}
