// The journeys drive the built UI; build it once if it is missing. Screenshots start afresh.
import { execFileSync } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import path from 'node:path';

export default function globalSetup(): void {
  const root = path.resolve(import.meta.dirname, '..');
  rmSync(path.join(root, 'test-results/screenshots'), { recursive: true, force: true });
  if (existsSync(path.join(root, 'dist/renderer/index.html'))) return;
  execFileSync(process.execPath, [path.join(root, 'node_modules/vite/bin/vite.js'), 'build'], { cwd: root, stdio: 'inherit' });
}
