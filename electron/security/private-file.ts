// Files that may hold secrets (a HAR exported with secrets) are readable by their owner only, even
// when they replace a file that already existed: writeFile's mode applies only to a new file, so
// an existing file is narrowed before the secrets go in.
import { chmod, writeFile } from 'node:fs/promises';

export const PRIVATE_FILE_MODE = 0o600;

export async function writePrivateFile(file: string, content: string): Promise<void> {
  await chmod(file, PRIVATE_FILE_MODE).catch((error: NodeJS.ErrnoException) => {
    if (error.code !== 'ENOENT') throw error;
  });
  await writeFile(file, content, { mode: PRIVATE_FILE_MODE });
  await chmod(file, PRIVATE_FILE_MODE);
}
