// Saved sessions: <dataDir>/sessions/<id>.json, one file per session, written atomically with
// mode 0600 (temp file + rename), so a crash leaves the previous complete file. The host saves
// after every exchange; `saveSoon` coalesces bursts and `flush` writes whatever is pending.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { SavedSessionInfo } from '../../shared/contract.js';
import type { Session } from '../../shared/model.js';
import { writeFileAtomic } from './atomic-write.js';

/** Seals the file at rest (Electron's safeStorage in the desktop app). */
export interface SessionSealer {
  seal(plain: string): string;
  unseal(sealed: string): string;
}

export interface SessionStoreOptions {
  sealer?: SessionSealer;
  /** How long `saveSoon` waits for more changes; default 100 ms. */
  debounceMs?: number;
  /** Told when a write started by `saveSoon` fails (nobody awaits it). */
  onError?: (error: unknown) => void;
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
}

interface StoredFile {
  version: 1;
  savedAt: string;
  session: Session;
}

const ID = /^[A-Za-z0-9_-][A-Za-z0-9._-]{0,199}$/;

export function outcomeOf(session: Session): SavedSessionInfo['outcome'] {
  if (session.steps.some((s) => s.status === 'failed')) return 'failed';
  const goal = session.config.target.kind === 'mcp' ? 'mcp' : 'token';
  return session.steps.some((s) => s.name === goal && s.status === 'done') ? 'completed' : 'in-progress';
}

function targetOf(session: Session): string {
  const target = session.config.target;
  return target.kind === 'mcp' ? target.url : target.issuer;
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

export function createSessionStore(dataDir: string, options: SessionStoreOptions = {}): SessionStore {
  const dir = path.join(dataDir, 'sessions');
  const debounceMs = options.debounceMs ?? 100;
  const fileOf = (id: string): string => {
    if (!ID.test(id)) throw new Error(`"${id}" is not a session id.`);
    return path.join(dir, `${id}.json`);
  };

  // Writes of one session run one after another, so an older state never lands last.
  const chains = new Map<string, Promise<void>>();
  const pending = new Map<string, Session>();
  let timer: ReturnType<typeof setTimeout> | undefined;

  const write = (session: Session): Promise<void> => {
    const file = fileOf(session.id);
    const stored: StoredFile = { version: 1, savedAt: new Date().toISOString(), session };
    const text = JSON.stringify(stored);
    const content = options.sealer ? options.sealer.seal(text) : text;
    const previous = chains.get(session.id) ?? Promise.resolve();
    const next = previous.catch(() => undefined).then(() => writeFileAtomic(file, content));
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
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new Error(`There is no saved session "${id}".`);
      throw new Error(`The saved session "${id}" cannot be read (${(error as Error).message}).`);
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(options.sealer ? options.sealer.unseal(content) : content);
    } catch {
      throw new Error(`The saved session "${id}" is damaged (${file} is not valid JSON); delete the file or move it away.`);
    }
    const session = (parsed as Partial<StoredFile> | null)?.session;
    if ((parsed as Partial<StoredFile> | null)?.version !== 1 || !isSession(session) || session.id !== id) {
      throw new Error(`The saved session "${id}" is damaged (${file} does not hold a session); delete the file or move it away.`);
    }
    return session;
  }

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
      await flush();
      return read(id);
    },
    list: async () => {
      await flush();
      let names: string[];
      try {
        names = await fs.readdir(dir);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
        throw error;
      }
      const ids = names.filter((n) => n.endsWith('.json')).map((n) => n.slice(0, -5)).filter((id) => ID.test(id));
      const sessions = await Promise.all(ids.map((id) => read(id).catch(() => undefined)));
      return sessions
        .filter((s): s is Session => s !== undefined)
        .map((s): SavedSessionInfo => ({ id: s.id, createdAt: s.createdAt, target: targetOf(s), outcome: outcomeOf(s) }))
        .sort((a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt) || (a.id < b.id ? 1 : -1));
    },
  };
}
