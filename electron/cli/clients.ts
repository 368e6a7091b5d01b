// `authtrace clients list|show|set-method|forget`: the stored clients, as a real client caches them.
import { parseArgs } from 'node:util';
import { AUTH_METHODS, type ClientRecord, type RegisteredMethod } from '../../shared/model.js';
import { createClientStore } from '../services/client-store.js';
import { defaultDataDir } from '../services/data-dir.js';
import type { CliIo } from './io.js';

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

export async function clientsCommand(argv: string[], io: CliIo): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, allowPositionals: true, options: { 'data-dir': { type: 'string' }, 'client-id': { type: 'string' }, json: { type: 'boolean' } } });
  } catch (e) {
    io.stderr(`authtrace clients: ${(e as Error).message}\n\n${USAGE}`);
    return 2;
  }
  const { values, positionals } = parsed;
  const [sub, issuer, arg] = positionals;
  const store = createClientStore(values['data-dir'] ?? defaultDataDir());
  const all = await store.list();
  const find = (): ClientRecord | undefined =>
    all
      .filter((c) => c.issuer.replace(/\/$/, '') === issuer?.replace(/\/$/, '') && (!values['client-id'] || c.client_id === values['client-id']))
      // The newest, as `run` picks it.
      .sort((a, b) => b.updatedAt.localeCompare(a.updatedAt))[0];
  switch (sub) {
    case 'list':
      if (values.json) io.stdout(`${JSON.stringify(all.map(mask), null, 2)}\n`);
      else if (all.length === 0) io.stdout(`No stored clients in ${store.file}\n`);
      else for (const c of all) io.stdout(`${c.issuer}  ${c.client_id}  ${c.token_endpoint_auth_method}  (${c.source}${c.client_secret ? ', has secret' : ''})\n`);
      return 0;
    case 'show': {
      const c = issuer ? find() : undefined;
      if (!c) return notFound(io, issuer);
      io.stdout(`${JSON.stringify(mask(c), null, 2)}\n`);
      return 0;
    }
    case 'set-method': {
      const allowed = [...AUTH_METHODS, 'unknown'];
      if (!issuer || !arg || !allowed.includes(arg)) {
        io.stderr(`authtrace clients set-method: give an issuer and one of ${allowed.join(', ')}\n`);
        return 2;
      }
      const c = find();
      if (!c) return notFound(io, issuer);
      await store.setMethod(c.issuer, c.client_id, arg as RegisteredMethod);
      io.stdout(`${c.client_id} at ${c.issuer}: token_endpoint_auth_method ${c.token_endpoint_auth_method} → ${arg}\n`);
      return 0;
    }
    case 'forget': {
      const c = issuer ? find() : undefined;
      if (!c) return notFound(io, issuer);
      await store.forget(c.issuer, c.client_id);
      io.stdout(`Forgot ${c.client_id} at ${c.issuer}\n`);
      return 0;
    }
    default:
      io.stderr(USAGE);
      return 2;
  }
}

function notFound(io: CliIo, issuer: string | undefined): number {
  io.stderr(issuer ? `No stored client for ${issuer}. \`authtrace clients list\` shows what is stored.\n` : USAGE);
  return issuer ? 1 : 2;
}
