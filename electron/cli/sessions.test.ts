// `authtrace sessions`: saved sessions hold tokens and secrets; a user can list, delete and prune them.
import { readdirSync, readFileSync, utimesSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fullSession, SECRETS } from '../../shared/har/test-support/session.js';
import { createSessionStore } from '../services/session-store.js';
import { cli, tempDir } from '../test-support/cli.js';

async function twoSaved(): Promise<{ dir: string; ids: string[] }> {
  const dir = tempDir();
  const store = createSessionStore(dir);
  const ids = ['sess-old', 'sess-new'];
  for (const id of ids) await store.save({ ...fullSession(), id });
  return { dir, ids };
}

const files = (dir: string) => readdirSync(dir, { recursive: true }).map(String).filter((f) => f.includes('sess-'));

describe('authtrace sessions', () => {
  it('lists saved sessions, which are sealed at rest', async () => {
    const { dir, ids } = await twoSaved();
    const r = await cli('sessions', 'list', '--json', '--data-dir', dir);
    expect(r.code).toBe(0);
    expect((JSON.parse(r.stdout) as { id: string }[]).map((s) => s.id).sort()).toEqual([...ids].sort());
    for (const file of files(dir)) {
      const text = readFileSync(path.join(dir, file), 'utf8');
      expect(text).not.toContain(SECRETS.clientSecret);
      expect(text).not.toContain(SECRETS.refreshToken);
    }
  });

  it('deletes one, then all', async () => {
    const { dir } = await twoSaved();
    expect((await cli('sessions', 'delete', 'sess-old', '--data-dir', dir)).stdout).toBe('Deleted sess-old.\n');
    expect(files(dir).some((f) => f.includes('sess-old'))).toBe(false);
    expect((await cli('sessions', 'delete', 'sess-old', '--data-dir', dir)).code).toBe(1);
    expect((await cli('sessions', 'delete', '--all', '--data-dir', dir)).stdout).toBe('1 saved session deleted.\n');
    expect(files(dir)).toEqual([]);
  });

  it('prunes what is older than the retention', async () => {
    const { dir } = await twoSaved();
    const old = files(dir).find((f) => f.includes('sess-old'))!;
    const longAgo = new Date(Date.now() - 40 * 24 * 3600 * 1000);
    utimesSync(path.join(dir, old), longAgo, longAgo);
    const r = await cli('sessions', 'prune', '--data-dir', dir);
    expect(r.stdout).toBe('1 saved session deleted.\n');
    expect(files(dir).map((f) => path.basename(f))).toEqual([expect.stringContaining('sess-new')]);
    expect((await cli('sessions', 'prune', '--older-than', '0', '--data-dir', dir)).code).toBe(2);
  });

  it('says what it takes', async () => {
    const r = await cli('sessions', 'delete', '--json');
    expect(r.code).toBe(2);
    expect(JSON.parse(r.stdout)).toMatchObject({ error: { code: 'USAGE_MISSING_ARGUMENT' } });
  });
});
