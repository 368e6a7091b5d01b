// `authtrace start` (npm start): the desktop app. The electron package ships without its binary
// (no install script); when it is missing, the package's own installer fetches it first. Browser
// mode only when the binary cannot be had, with one line saying why.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CliIo } from './io.js';
import { webCommand } from './web.js';

export type ElectronLookup = { found: true; path: string } | { found: false; reason: string; installable: boolean };

/** ELECTRON_EXEC_PATH, else the binary the electron package would launch. */
export function findElectron(env: NodeJS.ProcessEnv, resolvePackageBinary: () => string, exists: (file: string) => boolean = existsSync): ElectronLookup {
  const explicit = env.ELECTRON_EXEC_PATH;
  if (explicit) return exists(explicit) ? { found: true, path: explicit } : { found: false, reason: `ELECTRON_EXEC_PATH points at ${explicit}, which does not exist`, installable: false };
  let binary: string;
  try {
    binary = resolvePackageBinary();
  } catch (e) {
    return { found: false, reason: `no Electron binary: ${(e as Error).message.split('\n')[0]}`, installable: true };
  }
  return exists(binary) ? { found: true, path: binary } : { found: false, reason: `the Electron binary is missing at ${binary}`, installable: true };
}

/**
 * Reads the binary's path the way the electron package does (path.txt under its folder), without
 * requiring the package: requiring it starts a download when the binary is missing.
 */
export function packageBinary(packageDir: string): string {
  const pathFile = path.join(packageDir, 'path.txt');
  if (!existsSync(pathFile)) throw new Error('it is downloaded separately and was not');
  return path.join(packageDir, 'dist', readFileSync(pathFile, 'utf8').trim());
}

export interface StartDeps {
  env: NodeJS.ProcessEnv;
  /** The electron package's folder (its install.js fetches the binary). */
  packageDir: () => string;
  /** Browser mode, for when there is no desktop app to start. */
  browserMode: (argv: string[], io: CliIo) => Promise<number>;
}

const DEFAULT_DEPS: StartDeps = {
  env: process.env,
  packageDir: () => path.dirname(createRequire(import.meta.url).resolve('electron/package.json')),
  browserMode: (argv, io) => webCommand(['--open', ...argv], io),
};

/** Runs the electron package's installer, its output shown as progress; the last line it printed is the reason when it fails. */
export function installElectron(packageDir: string, io: CliIo): Promise<{ ok: true } | { ok: false; reason: string }> {
  const installer = path.join(packageDir, 'install.js');
  if (!existsSync(installer)) return Promise.resolve({ ok: false, reason: `the electron package has no installer at ${installer}` });
  io.stderr('Fetching the Electron binary (the electron package’s installer)…\n');
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [installer], { cwd: packageDir, stdio: ['ignore', 'pipe', 'pipe'] });
    let last = '';
    const relay = (chunk: Buffer) => {
      for (const line of chunk.toString('utf8').split(/\r?\n|\r/)) {
        const text = line.trim();
        // A stack trace says where, not what: the message above it is the reason.
        if (!text || /^at\s/.test(text)) continue;
        last = text;
        io.stderr(`  ${text}\n`);
      }
    };
    child.stdout.on('data', relay);
    child.stderr.on('data', relay);
    child.on('error', (e) => resolve({ ok: false, reason: e.message }));
    child.on('exit', (code) => resolve(code === 0 ? { ok: true } : { ok: false, reason: last || `the installer exited ${code}` }));
  });
}

export async function startCommand(argv: string[], io: CliIo, deps: StartDeps = DEFAULT_DEPS): Promise<number> {
  const lookup = () => findElectron(deps.env, () => packageBinary(deps.packageDir()));
  let electron = lookup();
  if (!electron.found && electron.installable) {
    const installed = await installElectron(deps.packageDir(), io);
    electron = installed.ok ? lookup() : { found: false, reason: `fetching it failed: ${installed.reason}`, installable: false };
  }
  if (!electron.found) {
    io.stderr(`The desktop app cannot start (${electron.reason}); opening browser mode instead.\n`);
    return deps.browserMode(argv, io);
  }
  const main = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'main.js');
  const child = spawn(electron.path, [main, ...argv], { stdio: 'inherit' });
  return new Promise((resolve) => {
    child.on('exit', (code) => resolve(code ?? 1));
    child.on('error', (e) => {
      io.stderr(`The desktop app cannot start (${e.message}); opening browser mode instead.\n`);
      resolve(deps.browserMode(argv, io));
    });
  });
}
