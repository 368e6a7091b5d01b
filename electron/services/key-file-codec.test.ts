import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createKeyFileCodec, KEY_FILE_NAME } from './key-file-codec.js';

let dataDir: string;
beforeEach(async () => {
  dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'authtrace-key-'));
});
afterEach(async () => {
  await fs.rm(dataDir, { recursive: true, force: true });
});

describe('key file codec', () => {
  it('round-trips, with a fresh IV each time, under a key made on the first seal with mode 0600', async () => {
    const codec = createKeyFileCodec(dataDir);
    expect(await codec.unseal('plain text')).toBe('plain text');
    await expect(fs.stat(codec.keyFile)).rejects.toThrow();
    const a = await codec.seal('refresh_token=rt-123');
    const b = await codec.seal('refresh_token=rt-123');
    expect(a).not.toBe(b);
    expect(a).not.toContain('rt-123');
    expect(await createKeyFileCodec(dataDir).unseal(a)).toBe('refresh_token=rt-123');
    expect((await fs.stat(path.join(dataDir, KEY_FILE_NAME))).mode & 0o777).toBe(0o600);
  });

  it('makes one key when two stores start at once', async () => {
    const [a, b] = [createKeyFileCodec(dataDir), createKeyFileCodec(dataDir)];
    const [sealedA, sealedB] = await Promise.all([a.seal('x'), b.seal('y')]);
    expect(await b.unseal(sealedA)).toBe('x');
    expect(await a.unseal(sealedB)).toBe('y');
  });

  it('says when the key file is not one it wrote, or is missing', async () => {
    const sealed = await createKeyFileCodec(dataDir).seal('x');
    await fs.writeFile(path.join(dataDir, KEY_FILE_NAME), 'short');
    await expect(createKeyFileCodec(dataDir).unseal(sealed)).rejects.toThrow(/sealing\.key is not a key Authtrace wrote/);
    await fs.rm(path.join(dataDir, KEY_FILE_NAME));
    await expect(createKeyFileCodec(dataDir).unseal(sealed)).rejects.toThrow(/its key, .*sealing\.key, is missing/);
    await expect(createKeyFileCodec(dataDir).unseal('aes-256-gcm:AA')).rejects.toThrow(/is missing/);
  });
});
