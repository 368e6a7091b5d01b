// `authtrace start` (npm start): the desktop app where an Electron binary exists, else browser mode.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CliIo } from './io.js';
import { webCommand } from './web.js';

export type ElectronLookup = { found: true; path: string } | { found: false; reason: string };

/** ELECTRON_EXEC_PATH, else the binary the electron package would launch. */
export function findElectron(
  env: NodeJS.ProcessEnv,
  resolvePackageBinary: () => string,
  exists: (file: string) => boolean = existsSync,
): ElectronLookup {
  const explicit = env.ELECTRON_EXEC_PATH;
  if (explicit) return exists(explicit) ? { found: true, path: explicit } : { found: false, reason: `ELECTRON_EXEC_PATH points at ${explicit}, which does not exist` };
  let binary: string;
  try {
    binary = resolvePackageBinary();
  } catch (e) {
    return { found: false, reason: `no Electron binary: ${(e as Error).message.split('\n')[0]}` };
  }
  return exists(binary) ? { found: true, path: binary } : { found: false, reason: `the Electron binary is missing at ${binary}` };
}

/**
 * Reads the binary's path the way the electron package does (path.txt under its folder), without
 * requiring the package: requiring it starts a download when the binary is missing.
 */
function packageBinary(): string {
  const pkg = path.dirname(createRequire(import.meta.url).resolve('electron/package.json'));
  const pathFile = path.join(pkg, 'path.txt');
  if (!existsSync(pathFile)) throw new Error('it is downloaded separately and was not');
  return path.join(pkg, 'dist', readFileSync(pathFile, 'utf8').trim());
}

export async function startCommand(argv: string[], io: CliIo): Promise<number> {
  const electron = findElectron(process.env, packageBinary);
  if (!electron.found) {
    io.stderr(`Electron is not available here (${electron.reason}); opening browser mode instead.\n`);
    return webCommand(['--open', ...argv], io);
  }
  const main = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'main.js');
  const child = spawn(electron.path, [main, ...argv], { stdio: 'inherit' });
  return new Promise((resolve) => {
    child.on('exit', (code) => resolve(code ?? 1));
    child.on('error', (e) => {
      io.stderr(`Could not start Electron (${e.message}); opening browser mode instead.\n`);
      resolve(webCommand(['--open', ...argv], io));
    });
  });
}
