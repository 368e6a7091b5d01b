// Files that may hold secrets (a HAR exported with secrets) are readable by their owner only, even
// when they replace a file that already existed: writeFile's mode applies only to a new file.
import { chmod, writeFile } from 'node:fs/promises';

export const PRIVATE_FILE_MODE = 0o600;

export async function writePrivateFile(file: string, content: string): Promise<void> {
  await writeFile(file, content, { mode: PRIVATE_FILE_MODE });
  await chmod(file, PRIVATE_FILE_MODE);
}
