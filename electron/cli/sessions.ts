// `authtrace sessions list|delete|prune`: the saved sessions of the app (tokens, secrets and codes,
// sealed at rest), and the way to get rid of them.
import { retentionDays } from '../services/retention.js';
import { createSessionStore } from '../services/session-store.js';
import { assertDataDir, defaultDataDir } from '../services/data-dir.js';
import { parseCommandLine, runWithUsage } from './args.js';
import { UsageError, type CliIo } from './io.js';
import { safe } from './sanitize.js';

const USAGE = `Usage: authtrace sessions list [--json]
       authtrace sessions delete <id> | --all
       authtrace sessions prune [--older-than <days>]
Options: --data-dir <dir>
Saved sessions older than AUTHTRACE_RETENTION_DAYS (default 30) are deleted when the app opens its store.
`;

export function sessionsCommand(argv: string[], io: CliIo): Promise<number> {
  return runWithUsage(argv, io, { name: 'sessions', usage: USAGE }, () => sessions(argv, io));
}

function days(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const n = Number(text);
  if (!(n > 0) || !Number.isFinite(n)) throw new UsageError('USAGE_INVALID_VALUE', `--older-than must be a number of days above 0; got "${text}".`);
  return n;
}

async function sessions(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandLine(argv, {
    'data-dir': { type: 'string' },
    json: { type: 'boolean' },
    all: { type: 'boolean' },
    'older-than': { type: 'string' },
  });
  const [sub, id, ...extra] = positionals;
  if (sub === undefined) throw new UsageError('USAGE_MISSING_ARGUMENT', 'which subcommand? list, delete or prune.');
  if (!['list', 'delete', 'prune'].includes(sub)) throw new UsageError('USAGE_UNKNOWN_COMMAND', `unknown subcommand "${sub}"; it is one of list, delete, prune.`);
  if (extra.length > 0 || (sub !== 'delete' && id !== undefined)) throw new UsageError('USAGE_TOO_MANY_ARGUMENTS', `sessions ${sub} takes ${sub === 'delete' ? 'one session id' : 'no argument'}.`);
  if (sub === 'delete' && (id === undefined) === !values.all) throw new UsageError(id === undefined ? 'USAGE_MISSING_ARGUMENT' : 'USAGE_CONFLICTING_OPTIONS', 'sessions delete takes one session id, or --all.');
  const olderThan = days(values['older-than']);
  const dataDir = values['data-dir'] ?? defaultDataDir();
  await assertDataDir(dataDir);
  // Listing or deleting must not prune behind the user's back: retention applies only to `prune`.
  const store = createSessionStore(dataDir, { retentionDays: sub === 'prune' ? (olderThan ?? retentionDays()) : Infinity });

  if (sub === 'list') {
    const list = await store.list();
    if (values.json) io.stdout(`${JSON.stringify(list, null, 2)}\n`);
    else if (list.length === 0) io.stdout('No saved sessions.\n');
    else for (const s of list) io.stdout(safe`${s.id}  ${s.createdAt}  ${s.outcome.padEnd(11)}  ${s.target}` + '\n');
    return 0;
  }
  if (sub === 'prune') {
    const removed = await store.prune();
    io.stdout(`${removed} saved session${removed === 1 ? '' : 's'} deleted.\n`);
    return 0;
  }
  if (values.all) {
    const removed = await store.deleteAll();
    io.stdout(`${removed} saved session${removed === 1 ? '' : 's'} deleted.\n`);
    return 0;
  }
  if (!(await store.deleteSession(id!))) {
    io.stderr(safe`authtrace sessions: no saved session "${id!}".` + '\n');
    return 1;
  }
  io.stdout(safe`Deleted ${id!}.` + '\n');
  return 0;
}
