import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { writePrivateFile } from './private-file.js';

describe.skipIf(process.platform === 'win32')('writePrivateFile', () => {
  it('leaves a new file and a file it overwrites readable by the owner only', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'authtrace-private-'));
    try {
      const fresh = path.join(dir, 'new.har');
      await writePrivateFile(fresh, 'a');
      expect((await stat(fresh)).mode & 0o777).toBe(0o600);

      const existing = path.join(dir, 'old.har');
      await writeFile(existing, 'old', { mode: 0o644 });
      await writePrivateFile(existing, 'secret');
      expect((await stat(existing)).mode & 0o777).toBe(0o600);
      expect(await readFile(existing, 'utf8')).toBe('secret');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
