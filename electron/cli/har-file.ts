// `authtrace run --har`: the file, readable by its owner only when it holds secrets (as the app writes it).
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { writePrivateFile } from '../security/private-file.js';
import { UsageError } from './io.js';

export async function writeHarFile(file: string, content: string, withSecrets: boolean): Promise<void> {
  try {
    await fs.mkdir(path.dirname(path.resolve(file)), { recursive: true });
    if (withSecrets) await writePrivateFile(file, content);
    else await fs.writeFile(file, content);
  } catch (error) {
    throw new UsageError('USAGE_FILE_UNWRITABLE', `cannot write --har ${file}: ${(error as Error).message}`);
  }
}
