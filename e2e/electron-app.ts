// Finds an Electron binary and launches the built desktop app with Playwright, or says why it cannot.
import { existsSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { _electron as electron, type ElectronApplication } from 'playwright-core';

const root = path.resolve(import.meta.dirname, '..');
export const MAIN = path.join(root, 'dist/electron/main.js');

function bundledBinary(): string {
  const dist = path.join(root, 'node_modules/electron/dist');
  if (process.platform === 'darwin') return path.join(dist, 'Electron.app/Contents/MacOS/Electron');
  return path.join(dist, process.platform === 'win32' ? 'electron.exe' : 'electron');
}

/** The binary to use, or the reason these specs are skipped. */
export function electronBinary(): { path: string } | { skip: string } {
  const fromEnv = process.env.ELECTRON_EXEC_PATH;
  if (fromEnv) return existsSync(fromEnv) ? { path: fromEnv } : { skip: `ELECTRON_EXEC_PATH=${fromEnv} does not exist` };
  const bundled = bundledBinary();
  if (!existsSync(bundled)) return { skip: `no Electron binary (set ELECTRON_EXEC_PATH, or install electron with its binary at ${path.relative(root, bundled)})` };
  if (!existsSync(MAIN)) return { skip: 'the desktop app is not built (run npm run build)' };
  return { path: bundled };
}

export async function launchDesktop(executablePath: string): Promise<ElectronApplication> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'authtrace-electron-'));
  const runningAsRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const app = await electron.launch({
    executablePath,
    args: [...(runningAsRoot ? ['--no-sandbox'] : []), MAIN],
    env: { ...process.env, AUTHTRACE_DATA_DIR: dataDir },
  });
  // The system browser stands in for a person: it follows the sandbox's redirects (it approves by
  // itself), cookies included, back to the loopback callback.
  await app.evaluate(({ shell }) => {
    shell.openExternal = async (url: string) => {
      const jar = new Map<string, Map<string, string>>();
      let next = url;
      for (let hop = 0; hop < 20; hop++) {
        const host = new URL(next).host;
        const cookies = jar.get(host) ?? new Map<string, string>();
        const cookie = [...cookies].map(([k, v]) => `${k}=${v}`).join('; ');
        const response = await fetch(next, { redirect: 'manual', headers: cookie ? { cookie } : {} });
        for (const set of response.headers.getSetCookie()) {
          const [pair = ''] = set.split(';');
          const eq = pair.indexOf('=');
          cookies.set(pair.slice(0, eq).trim(), pair.slice(eq + 1).trim());
        }
        jar.set(host, cookies);
        const location = response.headers.get('location');
        if (!location) return;
        next = new URL(location, next).href;
      }
    };
  });
  return app;
}
