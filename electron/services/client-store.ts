// Stored clients, keyed by the authorization server's issuer (MCP 2026-07-28 binds credentials
// to it), in <dataDir>/clients.json, written atomically with mode 0600. Secrets may be sealed
// at rest by the host (Electron's safeStorage) through `seal`/`unseal`. A file this version
// cannot read is reported, naming it, and never written over; a registration response nested
// deeper than MAX_JSON_DEPTH is kept as its text.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { boundClient } from '../../shared/interpret/json-fields.js';
import type { ClientRecord, RegisteredMethod } from '../../shared/model.js';
import type { ClientStore } from '../../shared/flow/ports.js';
import { writeFileAtomic } from './atomic-write.js';
import { corruptStoreError, storeFsError } from './store-errors.js';

export interface SecretSealer {
  seal(plain: string): string;
  unseal(sealed: string): string;
}

interface StoredFile {
  version: 1;
  clients: (ClientRecord & { sealed_secret?: string })[];
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** What is wrong with the parsed file, or undefined when it holds stored clients this version reads. */
function problemOf(parsed: unknown): string | undefined {
  if (!isObject(parsed)) return 'does not hold a JSON object';
  if (parsed.version !== 1) return `is of a format this version does not read (version ${typeof parsed.version === 'number' ? parsed.version : 'missing'})`;
  if (!Array.isArray(parsed.clients)) return 'has no list of clients';
  const bad = parsed.clients.findIndex(
    (c) => !isObject(c) || typeof c.issuer !== 'string' || typeof c.client_id !== 'string' || typeof c.token_endpoint_auth_method !== 'string',
  );
  return bad < 0 ? undefined : `has a client (number ${bad + 1}) without an issuer, client_id or token_endpoint_auth_method`;
}

export function createClientStore(dataDir: string, sealer?: SecretSealer): ClientStore & { readonly file: string } {
  const file = path.join(dataDir, 'clients.json');
  let chain: Promise<unknown> = Promise.resolve();
  const serial = <T>(fn: () => Promise<T>): Promise<T> => {
    const run = chain.then(fn, fn);
    chain = run.catch(() => undefined);
    return run;
  };

  type Stored = StoredFile['clients'][number];
  const outward = ({ sealed_secret: _sealed, ...rec }: Stored): ClientRecord => rec;

  async function readStored(): Promise<Stored[]> {
    let text: string;
    try {
      text = await fs.readFile(file, 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw await storeFsError(e, dataDir, file, 'read');
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      throw corruptStoreError(file, 'is not valid JSON', 'with no stored clients');
    }
    const problem = problemOf(parsed);
    if (problem !== undefined) throw corruptStoreError(file, problem, 'with no stored clients');
    // Without the sealer (the CLI reading the desktop app's store), a sealed secret stays sealed
    // and is written back untouched.
    return (parsed as unknown as StoredFile).clients.map(({ sealed_secret, ...rec }) =>
      boundClient(sealed_secret && sealer ? { ...rec, client_secret: sealer.unseal(sealed_secret) } : { ...rec, ...(sealed_secret && { sealed_secret }) }),
    );
  }

  const read = async (): Promise<ClientRecord[]> => (await readStored()).map(outward);

  async function write(clients: Stored[]): Promise<void> {
    const stored: StoredFile = {
      version: 1,
      clients: clients.map((client) => boundClient(client)).map((c) => {
        if (!sealer || !c.client_secret) return c;
        const { client_secret, sealed_secret: _old, ...rest } = c;
        return { ...rest, sealed_secret: sealer.seal(client_secret) };
      }),
    };
    try {
      await writeFileAtomic(file, JSON.stringify(stored, null, 2));
    } catch (error) {
      throw await storeFsError(error, dataDir, file, 'write');
    }
  }

  const same = (a: string, b: string) => a.replace(/\/$/, '') === b.replace(/\/$/, '');

  return {
    file,
    list: () => serial(read),
    get: (issuer) => serial(async () => (await read()).filter((c) => same(c.issuer, issuer)).sort((a, b) => b.updatedAt.localeCompare(a.updatedAt))[0]),
    put: (record) =>
      serial(async () => {
        const all = await readStored();
        const previous = all.find((c) => same(c.issuer, record.issuer) && c.client_id === record.client_id);
        // One client per issuer, as a real client caches it: registering again replaces the old one.
        const rest = all.filter((c) => !same(c.issuer, record.issuer));
        // A record without its secret (read where the secret was sealed) keeps the sealed one.
        const kept = !record.client_secret && previous?.sealed_secret ? { sealed_secret: previous.sealed_secret } : {};
        await write([...rest, { ...record, ...kept }]);
      }),
    setMethod: (issuer: string, clientId: string, method: RegisteredMethod) =>
      serial(async () => {
        const all = await readStored();
        const found = all.find((c) => same(c.issuer, issuer) && c.client_id === clientId);
        if (!found) return undefined;
        found.token_endpoint_auth_method = method;
        found.updatedAt = new Date().toISOString();
        await write(all);
        return outward(found);
      }),
    forget: (issuer, clientId) =>
      serial(async () => {
        const all = await readStored();
        const rest = all.filter((c) => !(same(c.issuer, issuer) && c.client_id === clientId));
        if (rest.length === all.length) return false;
        await write(rest);
        return true;
      }),
  };
}
