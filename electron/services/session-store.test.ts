import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Session } from '../../shared/model.js';
import { fullSession } from '../../shared/har/test-support/session.js';
import { KEY_FILE_NAME } from './key-file-codec.js';
import { createSessionStore, DEFAULT_RETENTION_DAYS, outcomeOf } from './session-store.js';

let dataDir: string;
beforeEach(async () => {
  dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'authtrace-sessions-'));
});
afterEach(async () => {
  await fs.rm(dataDir, { recursive: true, force: true });
});

function session(id: string, createdAt: string, patch: Partial<Session> = {}): Session {
  return { ...fullSession(), id, createdAt, ...patch };
}

const inProgress = (s: Session): Session => ({ ...s, steps: s.steps.map((step) => ({ ...step, status: step.name === 'mcp' ? 'pending' : 'done' })) });
const completed = (s: Session): Session => ({ ...s, steps: s.steps.map((step) => ({ ...step, status: 'done' })) });

describe('session store', () => {
  it('saves with mode 0600 in sessions/<id>.json and loads the same session back', async () => {
    const store = createSessionStore(dataDir);
    const original = session('s1', '2026-01-01T00:00:00.000Z');
    await store.save(original);
    const file = path.join(dataDir, 'sessions', 's1.json');
    expect((await fs.stat(file)).mode & 0o777).toBe(0o600);
    expect(await store.load('s1')).toEqual(original);
    expect((await fs.readdir(path.join(dataDir, 'sessions'))).filter((n) => n.endsWith('.tmp'))).toEqual([]);
  });

  it('lists newest first with target and outcome', async () => {
    const store = createSessionStore(dataDir);
    await store.save(completed(session('old', '2026-01-01T00:00:00.000Z')));
    await store.save(session('new', '2026-03-01T00:00:00.000Z'));
    await store.save(inProgress(session('mid', '2026-02-01T00:00:00.000Z', { config: { ...fullSession().config, target: { kind: 'issuer', issuer: 'https://as.test' } } })));
    expect(await store.list()).toEqual([
      { id: 'new', createdAt: '2026-03-01T00:00:00.000Z', target: 'https://mcp.example.test/mcp', outcome: 'failed' },
      { id: 'mid', createdAt: '2026-02-01T00:00:00.000Z', target: 'https://as.test', outcome: 'completed' },
      { id: 'old', createdAt: '2026-01-01T00:00:00.000Z', target: 'https://mcp.example.test/mcp', outcome: 'completed' },
    ]);
  });

  it('says in-progress until the goal step is done, failed once any step failed', () => {
    const s = session('s', '2026-01-01T00:00:00.000Z');
    expect(outcomeOf(s)).toBe('failed');
    expect(outcomeOf(inProgress(s))).toBe('in-progress');
    expect(outcomeOf(completed(s))).toBe('completed');
  });

  it('skips a damaged file in the list and explains it on load', async () => {
    const store = createSessionStore(dataDir);
    await store.save(session('good', '2026-01-01T00:00:00.000Z'));
    const dir = path.join(dataDir, 'sessions');
    await fs.writeFile(path.join(dir, 'broken.json'), '{"version":1,"session":{"id":"bro');
    await fs.writeFile(path.join(dir, 'wrong.json'), '{"version":1,"session":{"id":"other"}}');
    await fs.writeFile(path.join(dir, 'notes.txt'), 'hello');
    expect((await store.list()).map((s) => s.id)).toEqual(['good']);
    await expect(store.load('broken')).rejects.toThrow(/"broken" is damaged .*not valid JSON/);
    await expect(store.load('wrong')).rejects.toThrow(/"wrong" is damaged .*does not hold a session/);
    await expect(store.load('missing')).rejects.toThrow('There is no saved session "missing".');
    await expect(store.load('../etc/passwd')).rejects.toThrow('is not a session id');
  });

  it('returns an empty list before anything was saved', async () => {
    expect(await createSessionStore(path.join(dataDir, 'nothing-here')).list()).toEqual([]);
  });

  it('coalesces saveSoon calls into the newest state and flushes it', async () => {
    const store = createSessionStore(dataDir, { debounceMs: 10_000 });
    const s = session('live', '2026-01-01T00:00:00.000Z');
    for (let n = 1; n <= 5; n++) store.saveSoon({ ...s, exchanges: s.exchanges.slice(0, n) });
    await expect(fs.stat(path.join(dataDir, 'sessions', 'live.json'))).rejects.toThrow();
    await store.flush();
    expect((await store.load('live')).exchanges).toHaveLength(5);
  });

  it('writes saveSoon after the debounce without a flush', async () => {
    const store = createSessionStore(dataDir, { debounceMs: 5 });
    store.saveSoon(session('soon', '2026-01-01T00:00:00.000Z'));
    const file = path.join(dataDir, 'sessions', 'soon.json');
    await expect.poll(async () => fs.stat(file).then(() => true, () => false)).toBe(true);
  });

  it('lets the last of concurrent saves win', async () => {
    const store = createSessionStore(dataDir);
    const s = session('race', '2026-01-01T00:00:00.000Z');
    await Promise.all(Array.from({ length: 10 }, (_, n) => store.save({ ...s, exchanges: s.exchanges.slice(0, n + 1) })));
    expect((await store.load('race')).exchanges).toHaveLength(10);
  });

  it('seals the file at rest when given a sealer', async () => {
    const sealer = { seal: (t: string) => `sealed:${Buffer.from(t).toString('base64')}`, unseal: (t: string) => Buffer.from(t.slice(7), 'base64').toString() };
    const store = createSessionStore(dataDir, { sealer });
    const s = session('secret', '2026-01-01T00:00:00.000Z');
    await store.save(s);
    const raw = await fs.readFile(path.join(dataDir, 'sessions', 'secret.json'), 'utf8');
    expect(raw.startsWith('sealed:')).toBe(true);
    expect(raw).not.toContain(s.client!.client_secret!);
    expect(await store.load('secret')).toEqual(s);
  });
});

describe('session store: secrets at rest', () => {
  const s = () => session('sealed', '2026-01-01T00:00:00.000Z');
  const raw = () => fs.readFile(path.join(dataDir, 'sessions', 'sealed.json'), 'utf8');

  it('seals with a key file of mode 0600 when the host has no key store, and reads it back in a new store', async () => {
    await createSessionStore(dataDir).save(s());
    const text = await raw();
    expect(text.startsWith('aes-256-gcm:')).toBe(true);
    for (const secret of [s().client!.client_secret!, 'eyJhbGciOiJSUzI1NiJ9', 'cv_qwertyuiop']) expect(text).not.toContain(secret);
    const key = path.join(dataDir, KEY_FILE_NAME);
    expect((await fs.stat(key)).mode & 0o777).toBe(0o600);
    expect(await fs.readFile(key, 'utf8')).not.toBe('');
    expect(await createSessionStore(dataDir).load('sealed')).toEqual(s());
  });

  it('narrows a key file that others could read to 0600', async () => {
    await createSessionStore(dataDir).save(s());
    const key = path.join(dataDir, KEY_FILE_NAME);
    await fs.chmod(key, 0o644);
    await createSessionStore(dataDir).load('sealed');
    expect((await fs.stat(key)).mode & 0o777).toBe(0o600);
  });

  it('still reads files saved unsealed, and files sealed by the key file where the host has a sealer', async () => {
    await fs.mkdir(path.join(dataDir, 'sessions'));
    await fs.writeFile(path.join(dataDir, 'sessions', 'sealed.json'), JSON.stringify({ version: 1, savedAt: '', session: s() }));
    expect(await createSessionStore(dataDir).load('sealed')).toEqual(s());
    await createSessionStore(dataDir).save(s());
    const host = { seal: (t: string) => `host:${t}`, unseal: (t: string) => t.slice(5) };
    expect(await createSessionStore(dataDir, { sealer: host }).load('sealed')).toEqual(s());
  });

  it('says which file it cannot open: sealed with another key, or by the desktop app', async () => {
    await createSessionStore(dataDir).save(s());
    await fs.rm(path.join(dataDir, KEY_FILE_NAME));
    await createSessionStore(dataDir).save(session('other', '2026-01-01T00:00:00.000Z'));
    await expect(createSessionStore(dataDir).load('sealed')).rejects.toThrow(/does not open with the key .*sealing\.key/);
    await fs.writeFile(path.join(dataDir, 'sessions', 'sealed.json'), 'safe:AAAA');
    await expect(createSessionStore(dataDir).load('sealed')).rejects.toThrow(/sealed\.json was sealed by the desktop app/);
    expect((await createSessionStore(dataDir).list()).map((x) => x.id)).toEqual(['other']);
  });

  it('keeps a registration response nested 3,000 deep as its text', async () => {
    const deep = '['.repeat(3000) + ']'.repeat(3000);
    const base = s();
    await createSessionStore(dataDir).save({ ...base, client: { ...base.client!, registrationResponse: JSON.parse(deep) } });
    expect((await createSessionStore(dataDir).load('sealed')).client?.registrationResponse).toEqual({ tooDeep: true, text: deep });
  });
});

describe('session store: retention and deletion', () => {
  const DAY = 24 * 60 * 60 * 1000;
  const ageFile = async (id: string, days: number): Promise<void> => {
    const when = new Date(Date.now() - days * DAY);
    await fs.utimes(path.join(dataDir, 'sessions', `${id}.json`), when, when);
  };
  const saveAll = async (...ids: string[]): Promise<void> => {
    const store = createSessionStore(dataDir);
    for (const id of ids) await store.save(session(id, '2026-01-01T00:00:00.000Z'));
  };

  it(`deletes sessions not saved for ${DEFAULT_RETENTION_DAYS} days when the store is first used`, async () => {
    await saveAll('old', 'recent');
    await ageFile('old', DEFAULT_RETENTION_DAYS + 1);
    await ageFile('recent', DEFAULT_RETENTION_DAYS - 1);
    await fs.writeFile(path.join(dataDir, 'sessions', 'crashed.json.0a1b.tmp'), 'secret');
    await fs.utimes(path.join(dataDir, 'sessions', 'crashed.json.0a1b.tmp'), new Date(0), new Date(0));
    expect((await createSessionStore(dataDir).list()).map((x) => x.id)).toEqual(['recent']);
    expect((await fs.readdir(path.join(dataDir, 'sessions'))).sort()).toEqual(['recent.json']);
  });

  it('takes the retention as a setting, and keeps everything with Infinity', async () => {
    await saveAll('week');
    await ageFile('week', 8);
    expect(await createSessionStore(dataDir, { retentionDays: Infinity }).list()).toHaveLength(1);
    expect(await createSessionStore(dataDir, { retentionDays: 7 }).list()).toEqual([]);
    expect(() => createSessionStore(dataDir, { retentionDays: 0 })).toThrow(/number of days above 0/);
  });

  it('deletes one saved session or all of them, with their pending saves', async () => {
    await saveAll('a', 'b', 'c');
    const store = createSessionStore(dataDir, { debounceMs: 10_000 });
    store.saveSoon(session('a', '2026-01-01T00:00:00.000Z'));
    expect(await store.deleteSession('a')).toBe(true);
    expect(await store.deleteSession('a')).toBe(false);
    await store.flush();
    expect((await store.list()).map((x) => x.id)).toEqual(['c', 'b']);
    store.saveSoon(session('d', '2026-01-01T00:00:00.000Z'));
    expect(await store.deleteAll()).toBe(2);
    await store.flush();
    expect(await store.list()).toEqual([]);
  });
});

describe('session store: an unusable data directory', () => {
  it('says the data directory is a file, naming it, on save and on list', async () => {
    const file = path.join(dataDir, 'a-file');
    await fs.writeFile(file, 'x');
    const store = createSessionStore(file);
    await expect(store.save(session('s', '2026-01-01T00:00:00.000Z'))).rejects.toMatchObject({ code: 'DATA_DIR_INVALID', message: `The data directory ${file} is a file, not a directory.` });
    await expect(store.list()).rejects.toMatchObject({ code: 'DATA_DIR_INVALID' });
  });

  it('names a file that sits where the sessions folder goes', async () => {
    await fs.writeFile(path.join(dataDir, 'sessions'), 'x');
    await expect(createSessionStore(dataDir).save(session('s', '2026-01-01T00:00:00.000Z'))).rejects.toThrow(`${path.join(dataDir, 'sessions')} is a file where Authtrace keeps a folder`);
  });
});

