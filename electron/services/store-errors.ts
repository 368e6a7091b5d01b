// What a store says when its data directory or one of its files cannot be used: which path,
// and what the user can do about it. A damaged file is reported and left as it is.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { CodedError, type ErrorCode } from '../../shared/errors/index.js';
import { assertDataDir } from './data-dir.js';

/** A store file that is damaged or not in a format this version reads (STORE_CORRUPT is proposed). */
export const STORE_CORRUPT_CODE: ErrorCode = 'STORE_CORRUPT';

/** `file` is damaged: `problem` says how, `fresh` what moving it aside starts with ("with no stored clients"). */
export function corruptStoreError(file: string, problem: string, fresh: string): CodedError {
  return new CodedError(
    STORE_CORRUPT_CODE,
    `${file} ${problem}. Authtrace leaves it as it is and does not write over it.`,
    `Move the file aside (rename it) to start ${fresh}, or put back a copy that is not damaged.`,
  );
}

/** The first path from the data directory down to `target` that exists and is not a folder. */
async function fileInTheWay(dataDir: string, target: string): Promise<string | undefined> {
  const root = path.resolve(dataDir);
  const chain: string[] = [];
  for (let at = path.resolve(target); at !== root && at.startsWith(root); at = path.dirname(at)) chain.unshift(at);
  for (const at of chain) {
    const stat = await fs.stat(at).catch(() => undefined);
    if (stat && !stat.isDirectory()) return at;
  }
  return undefined;
}

/**
 * The error to report for a failed read or write of `target` (a store's file or folder under
 * `dataDir`): the data directory's fault, a file where the store keeps a folder, or the file's.
 */
export async function storeFsError(error: unknown, dataDir: string, target: string, action: 'read' | 'write'): Promise<Error> {
  if (error instanceof CodedError) return error;
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOTDIR' || code === 'EEXIST') {
    const dirProblem = await assertDataDir(dataDir).then(() => undefined, (dirError: unknown) => dirError as Error);
    if (dirProblem) return dirProblem;
    const inTheWay = await fileInTheWay(dataDir, target);
    if (inTheWay) return corruptStoreError(inTheWay, 'is a file where Authtrace keeps a folder', 'afresh');
  }
  if (code === 'EISDIR') return corruptStoreError(target, 'is a folder, not a file', 'afresh');
  return new CodedError(
    action === 'read' ? 'USAGE_FILE_UNREADABLE' : 'USAGE_FILE_UNWRITABLE',
    `Authtrace cannot ${action} ${target}: ${(error as Error).message ?? String(error)}`,
    `Check the permissions and free space of ${dataDir}, or choose another data directory (--data-dir, or AUTHTRACE_DATA_DIR).`,
  );
}
