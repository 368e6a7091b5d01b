// Saved sessions: <dataDir>/sessions/<id>.json, one file per session, written atomically with
// mode 0600 (temp file + rename), so a crash leaves the previous complete file. A session holds
// tokens, codes, verifiers and client secrets, so every file is sealed: by the host's sealer
// (the OS key store in the desktop app), else with the key file of key-file-codec.ts. Sessions
// not saved for `retentionDays` are deleted when the store is first used.
// The host saves after every exchange; `saveSoon` coalesces bursts and `flush` writes whatever is pending.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { SavedSessionInfo } from '../../shared/contract.js';
import { CodedError } from '../../shared/errors/index.js';
import { boundSession } from '../../shared/interpret/json-fields.js';
import { targetUrl, type Session } from '../../shared/model.js';
import { isSafeStorageSealed } from '../security/secret-codec.js';
import { writeFileAtomic } from './atomic-write.js';
import { createKeyFileCodec, isKeyFileSealed } from './key-file-codec.js';
import { corruptStoreError, STORE_CORRUPT_CODE, storeFsError } from './store-errors.js';

/** Seals the file at rest (Electron's safeStorage in the desktop app). */
export interface SessionSealer {
  seal(plain: string): string | Promise<string>;
  unseal(sealed: string): string | Promise<string>;
}

export const DEFAULT_RETENTION_DAYS = 30;
const DAY_MS = 24 * 60 * 60 * 1000;

export interface SessionStoreOptions {
  /** Without one, files are sealed with the data directory's key file. */
  sealer?: SessionSealer;
  /** Saved sessions last written longer ago are deleted when the store is first used; default 30, Infinity keeps them. */
  retentionDays?: number;
  /** How long `saveSoon` waits for more changes; default 100 ms. */
  debounceMs?: number;
  /** Told when a write started by `saveSoon` fails (nobody awaits it). */
  onError?: (error: unknown) => void;
  /** The clock retention reads; for tests. */
  now?: () => number;
}

export interface SessionStore {
  readonly dir: string;
  save(session: Session): Promise<void>;
  /** Saves later, keeping only the newest state of each session. */
  saveSoon(session: Session): void;
  /** Writes every pending `saveSoon` now. */
  flush(): Promise<void>;
  /** Newest first; damaged files are left out. */
  list(): Promise<SavedSessionInfo[]>;
  load(id: string): Promise<Session>;
  /** Deletes one saved session (and drops its pending save); false when there was none. */
  deleteSession(id: string): Promise<boolean>;
  /** Deletes every saved session (and drops pending saves); how many files were deleted. */
  deleteAll(): Promise<number>;
  /** Deletes the sessions older than the retention; runs once by itself before the store's first use. */
  prune(): Promise<number>;
}

interface StoredFile {
  version: 1;
  savedAt: string;
  session: Session;
}

const ID = /^[A-Za-z0-9_-][A-Za-z0-9._-]{0,199}$/;
/** The files of the folder that the store wrote: sessions, and temporary files a crash left. */
const OWN_FILE = /^[A-Za-z0-9_-][A-Za-z0-9._-]{0,199}\.json(\.[0-9a-f]+\.tmp)?$/;

export function outcomeOf(session: Session): SavedSessionInfo['outcome'] {
  if (session.steps.some((s) => s.status === 'failed')) return 'failed';
  const goal = session.config.target.kind === 'mcp' ? 'mcp' : 'token';
  return session.steps.some((s) => s.name === goal && s.status === 'done') ? 'completed' : 'in-progress';
}


function isSession(value: unknown): value is Session {
  if (value === null || typeof value !== 'object') return false;
  const s = value as Partial<Session>;
  return (
    typeof s.id === 'string' &&
    typeof s.createdAt === 'string' &&
    typeof s.config?.target === 'object' &&
    Array.isArray(s.steps) &&
    Array.isArray(s.exchanges)
  );
}

function retentionMs(days: number): number {
  if (!(days > 0)) throw new CodedError('USAGE_INVALID_VALUE', `The retention of saved sessions must be a number of days above 0 (got ${days}).`);
  return days * DAY_MS;
}

export function createSessionStore(dataDir: string, options: SessionStoreOptions = {}): SessionStore {
  const dir = path.join(dataDir, 'sessions');
  const debounceMs = options.debounceMs ?? 100;
  const keepMs = retentionMs(options.retentionDays ?? DEFAULT_RETENTION_DAYS);
  const now = options.now ?? Date.now;
  const keyFile = createKeyFileCodec(dataDir);
  const fileOf = (id: string): string => {
    if (!ID.test(id)) throw new CodedError('USAGE_INVALID_VALUE', `"${id}" is not a session id.`);
    return path.join(dir, `${id}.json`);
  };

  const seal = (text: string): Promise<string> | string => (options.sealer ? options.sealer.seal(text) : keyFile.seal(text));
  const unseal = async (content: string, file: string): Promise<string> => {
    if (isKeyFileSealed(content)) return keyFile.unseal(content);
    if (options.sealer) return options.sealer.unseal(content);
    if (isSafeStorageSealed(content)) throw corruptStoreError(file, 'was sealed by the desktop app with the OS key store, which only the desktop app can open', 'without it here');
    return content;
  };

  let pruned: Promise<number> | undefined;
  const opened = (): Promise<number> => (pruned ??= pruneOld().catch(() => 0));

  // Writes of one session run one after another, so an older state never lands last.
  const chains = new Map<string, Promise<void>>();
  const pending = new Map<string, Session>();
  let timer: ReturnType<typeof setTimeout> | undefined;

  const writeNow = async (file: string, session: Session): Promise<void> => {
    const stored: StoredFile = { version: 1, savedAt: new Date().toISOString(), session: boundSession(session) };
    try {
      await writeFileAtomic(file, await seal(JSON.stringify(stored)));
    } catch (error) {
      throw await storeFsError(error, dataDir, file, 'write');
    }
  };

  const write = (session: Session): Promise<void> => {
    const file = fileOf(session.id);
    const previous = chains.get(session.id) ?? opened();
    const next = previous.catch(() => undefined).then(() => writeNow(file, session));
    chains.set(session.id, next);
    return next;
  };

  const flush = async (): Promise<void> => {
    if (timer) clearTimeout(timer);
    timer = undefined;
    const batch = [...pending.values()];
    pending.clear();
    await Promise.allSettled(chains.values());
    await Promise.all(batch.map(write));
  };

  async function read(id: string): Promise<Session> {
    const file = fileOf(id);
    let content: string;
    try {
      content = await fs.readFile(file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new CodedError('API_NOT_FOUND', `There is no saved session "${id}".`);
      throw await storeFsError(error, dataDir, file, 'read');
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(await unseal(content, file));
    } catch (error) {
      if (error instanceof CodedError) throw error;
      throw damaged(id, file, 'is not valid JSON');
    }
    const session = (parsed as Partial<StoredFile> | null)?.session;
    if ((parsed as Partial<StoredFile> | null)?.version !== 1 || !isSession(session) || session.id !== id) {
      throw damaged(id, file, 'does not hold a session');
    }
    return session;
  }

  const damaged = (id: string, file: string, problem: string): CodedError =>
    new CodedError(STORE_CORRUPT_CODE, `The saved session "${id}" is damaged (${file} ${problem}); Authtrace leaves the file as it is.`, 'Delete the file or move it aside.');

  /** The store's files in its folder; none when the folder does not exist yet. */
  async function ownFiles(): Promise<string[]> {
    try {
      return (await fs.readdir(dir)).filter((name) => OWN_FILE.test(name));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw await storeFsError(error, dataDir, dir, 'read');
    }
  }

  async function remove(name: string): Promise<boolean> {
    try {
      await fs.unlink(path.join(dir, name));
      return true;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
      throw await storeFsError(error, dataDir, path.join(dir, name), 'write');
    }
  }

  async function pruneOld(): Promise<number> {
    const cutoff = now() - keepMs;
    let count = 0;
    for (const name of await ownFiles()) {
      const stat = await fs.stat(path.join(dir, name)).catch(() => undefined);
      if (stat && stat.mtimeMs < cutoff && (await remove(name))) count++;
    }
    return count;
  }

  /** Drops what is waiting to be written for these ids, and waits for writes under way. */
  const settle = async (ids: readonly string[] | 'all'): Promise<void> => {
    for (const id of ids === 'all' ? [...pending.keys()] : ids) pending.delete(id);
    await Promise.allSettled(ids === 'all' ? chains.values() : ids.map((id) => chains.get(id)));
  };

  return {
    dir,
    save: async (session) => {
      pending.delete(session.id);
      await write(session);
    },
    saveSoon: (session) => {
      fileOf(session.id);
      pending.set(session.id, session);
      timer ??= setTimeout(() => void flush().catch((error: unknown) => options.onError?.(error)), debounceMs);
    },
    flush,
    load: async (id) => {
      await opened();
      await flush();
      return read(id);
    },
    list: async () => {
      await opened();
      await flush();
      const ids = (await ownFiles()).filter((n) => n.endsWith('.json')).map((n) => n.slice(0, -5));
      const sessions = await Promise.all(ids.map((id) => read(id).catch(() => undefined)));
      return sessions
        .filter((s): s is Session => s !== undefined)
        .map((s): SavedSessionInfo => ({ id: s.id, createdAt: s.createdAt, target: targetUrl(s.config.target), outcome: outcomeOf(s) }))
        .sort((a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt) || (a.id < b.id ? 1 : -1));
    },
    deleteSession: async (id) => {
      const file = fileOf(id);
      await settle([id]);
      return remove(path.basename(file));
    },
    deleteAll: async () => {
      await settle('all');
      let count = 0;
      for (const name of await ownFiles()) if (await remove(name)) count++;
      return count;
    },
    prune: async () => (await opened()) + (await pruneOld()),
  };
}
