// `authtrace run --har`: the file, readable by its owner only when it holds secrets (as the app writes it).
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { writePrivateFile } from '../security/private-file.js';
import { UsageError } from './io.js';

/** What went wrong writing a file, in words instead of an errno. */
export function fileProblem(file: string, error: NodeJS.ErrnoException): string {
  switch (error.code) {
    case 'EEXIST':
    case 'ENOTDIR':
      return `a part of the path ${path.dirname(path.resolve(file))} is a file, not a folder`;
    case 'EISDIR':
      return `${file} is a folder`;
    case 'EACCES':
    case 'EPERM':
      return `no permission to write ${file}`;
    case 'EROFS':
      return `${file} is on a read-only file system`;
    case 'ENOSPC':
      return 'the disk is full';
    default:
      return error.message;
  }
}

export async function writeHarFile(file: string, content: string, withSecrets: boolean): Promise<void> {
  try {
    await fs.mkdir(path.dirname(path.resolve(file)), { recursive: true });
    if (withSecrets) await writePrivateFile(file, content);
    else await fs.writeFile(file, content);
  } catch (error) {
    throw new UsageError('USAGE_FILE_UNWRITABLE', `cannot write --har ${file}: ${fileProblem(file, error as NodeJS.ErrnoException)}.`, 'Choose another path for --har; the summary above is the whole run.');
  }
}
