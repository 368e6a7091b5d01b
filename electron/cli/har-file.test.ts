// `authtrace run --har --include-secrets` writes a file only its owner can read, as the app does.
import { chmodSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, tempDir } from '../test-support/cli.js';
import { writeHarFile } from './har-file.js';

const modeOf = (file: string) => statSync(file).mode & 0o777;

async function closedPortUrl(): Promise<string> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/mcp`;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return url;
}

describe.skipIf(process.platform === 'win32')('the HAR file of authtrace run', () => {
  it('is 0600 with --include-secrets, also when it replaces a file anyone could read', async () => {
    const dir = tempDir();
    const url = await closedPortUrl();
    const fresh = path.join(dir, 'new', 'secrets.har');
    expect((await cli('run', url, '--data-dir', dir, '--har', fresh, '--include-secrets')).code).toBe(1);
    expect(modeOf(fresh)).toBe(0o600);
    expect(JSON.parse(readFileSync(fresh, 'utf8')).log.entries).toHaveLength(1);

    const existing = path.join(dir, 'existing.har');
    writeFileSync(existing, 'old');
    chmodSync(existing, 0o644);
    await cli('run', url, '--data-dir', dir, '--har', existing, '--include-secrets');
    expect(modeOf(existing)).toBe(0o600);
  });

  it('stays as the umask makes it without secrets', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'redacted.har');
    writeFileSync(file, 'old');
    chmodSync(file, 0o644);
    await writeHarFile(file, '{}', false);
    expect(modeOf(file)).toBe(0o644);
    expect(readFileSync(file, 'utf8')).toBe('{}');
  });

  it('says which file it could not write, with a code', async () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'a-file'), '');
    await expect(writeHarFile(path.join(dir, 'a-file', 'x.har'), '{}', true)).rejects.toMatchObject({ code: 'USAGE_FILE_UNWRITABLE', message: expect.stringMatching(/^cannot write --har .*x\.har: /) });
  });

  it('an unwritable --har keeps the summary of the run, says why in words, and exits 1', async () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'a-file'), '');
    const r = await cli('run', await closedPortUrl(), '--data-dir', dir, '--har', path.join(dir, 'a-file', 'x.har'));
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/The flow failed at probe/);
    expect(r.stderr).toMatch(/cannot write --har .*x\.har: a part of the path .*a-file is a file, not a folder\./);
    expect(r.stderr).not.toMatch(/EEXIST|ENOTDIR/);
  });
});
