// `authtrace clients list|show|set-method|forget`: the stored clients, as a real client caches them.
import { AUTH_METHODS, type ClientRecord, type RegisteredMethod } from '../../shared/model.js';
import { createClientStore } from '../services/client-store.js';
import { defaultDataDir } from '../services/data-dir.js';
import { oneOf, parseCommandLine, runWithUsage } from './args.js';
import { UsageError, type CliIo } from './io.js';
import { safe, sanitizeTree } from './sanitize.js';

const USAGE = `Usage: authtrace clients list [--json]
       authtrace clients show <issuer> [--client-id <id>]
       authtrace clients set-method <issuer> <method|unknown> [--client-id <id>]
       authtrace clients forget <issuer> [--client-id <id>]
Options: --data-dir <dir>
`;

const maskSecret = (secret: string) => `${secret.slice(0, 4)}…(${secret.length} chars)`;

/** The secret shows as its first characters and length, also inside the raw registration response. */
function mask(record: ClientRecord): ClientRecord {
  if (!record.client_secret) return record;
  const raw = record.registrationResponse;
  const response =
    raw && typeof raw === 'object' && typeof (raw as { client_secret?: unknown }).client_secret === 'string'
      ? { ...raw, client_secret: maskSecret((raw as { client_secret: string }).client_secret) }
      : raw;
  return { ...record, client_secret: maskSecret(record.client_secret), ...(response !== undefined && { registrationResponse: response }) };
}

const SUBCOMMANDS: Record<string, { args: number; takes: string }> = {
  list: { args: 0, takes: 'no argument' },
  show: { args: 1, takes: 'an issuer' },
  'set-method': { args: 2, takes: 'an issuer and a method' },
  forget: { args: 1, takes: 'an issuer' },
};

export function clientsCommand(argv: string[], io: CliIo): Promise<number> {
  return runWithUsage(argv, io, { name: 'clients', usage: USAGE }, () => clients(argv, io));
}

async function clients(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandLine(argv, { 'data-dir': { type: 'string' }, 'client-id': { type: 'string' }, json: { type: 'boolean' } });
  const [sub, issuer, arg, ...extra] = positionals;
  if (sub === undefined) throw new UsageError('USAGE_MISSING_ARGUMENT', 'which subcommand? list, show, set-method or forget.');
  const shape = SUBCOMMANDS[sub];
  if (!shape) throw new UsageError('USAGE_UNKNOWN_COMMAND', `unknown subcommand "${sub}"; it is one of list, show, set-method, forget.`);
  const given = positionals.length - 1;
  if (given < shape.args) throw new UsageError('USAGE_MISSING_ARGUMENT', `clients ${sub} takes ${shape.takes}.`);
  if (given > shape.args) throw new UsageError('USAGE_TOO_MANY_ARGUMENTS', `clients ${sub} takes ${shape.takes}; got also ${[issuer, arg, ...extra].slice(shape.args).join(' ')}.`);
  const method = sub === 'set-method' ? oneOf<RegisteredMethod>('the method', arg, [...AUTH_METHODS, 'unknown']) : undefined;

  const store = createClientStore(values['data-dir'] ?? defaultDataDir());
  const all = await store.list();
  const find = (): ClientRecord | undefined =>
    all
      .filter((c) => c.issuer.replace(/\/$/, '') === issuer?.replace(/\/$/, '') && (!values['client-id'] || c.client_id === values['client-id']))
      // The newest, as `run` picks it.
      .sort((a, b) => b.updatedAt.localeCompare(a.updatedAt))[0];
  if (sub === 'list') {
    if (values.json) io.stdout(`${JSON.stringify(all.map(mask), null, 2)}\n`);
    else if (all.length === 0) io.stdout(safe`No stored clients in ${store.file}\n`);
    else for (const c of all) io.stdout(safe`${c.issuer}  ${c.client_id}  ${c.token_endpoint_auth_method}  (${c.source}${c.client_secret ? ', has secret' : ''})\n`);
    return 0;
  }
  const c = find();
  if (!c) {
    io.stderr(safe`No stored client for ${issuer ?? ''}. \`authtrace clients list\` shows what is stored.\n`);
    return 1;
  }
  if (sub === 'show') {
    io.stdout(`${JSON.stringify(sanitizeTree(mask(c)), null, 2)}\n`);
  } else if (sub === 'set-method') {
    await store.setMethod(c.issuer, c.client_id, method!);
    io.stdout(safe`${c.client_id} at ${c.issuer}: token_endpoint_auth_method ${c.token_endpoint_auth_method} → ${method ?? ''}\n`);
  } else {
    await store.forget(c.issuer, c.client_id);
    io.stdout(safe`Forgot ${c.client_id} at ${c.issuer}\n`);
  }
  return 0;
}
