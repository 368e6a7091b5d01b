import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CodedError, type ErrorCode } from '../../shared/errors/index.js';

/** The OS config directory for authtrace (XDG on Linux, Application Support on macOS, APPDATA on Windows). */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  if (env.AUTHTRACE_DATA_DIR) return env.AUTHTRACE_DATA_DIR;
  if (platform === 'win32') return path.join(env.APPDATA ?? path.join(os.homedir(), 'AppData', 'Roaming'), 'authtrace');
  if (platform === 'darwin') return path.join(os.homedir(), 'Library', 'Application Support', 'authtrace');
  return path.join(env.XDG_CONFIG_HOME ?? path.join(os.homedir(), '.config'), 'authtrace');
}

/** A data directory that is not a directory. */
export const DATA_DIR_CODE: ErrorCode = 'DATA_DIR_INVALID';

export function dataDirError(dataDir: string, problem: string): CodedError {
  return new CodedError(DATA_DIR_CODE, `The data directory ${dataDir} ${problem}.`, 'Choose another data directory (--data-dir, or AUTHTRACE_DATA_DIR), or move what is in the way aside.');
}

/** Throws dataDirError when the data directory exists and is not a directory, or lies inside a file. */
export async function assertDataDir(dataDir: string): Promise<void> {
  let stat;
  try {
    stat = await fs.stat(dataDir);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return;
    if (code === 'ENOTDIR') throw dataDirError(dataDir, 'is inside a file, not a directory');
    throw dataDirError(dataDir, `cannot be read (${(error as Error).message})`);
  }
  if (!stat.isDirectory()) throw dataDirError(dataDir, 'is a file, not a directory');
}
