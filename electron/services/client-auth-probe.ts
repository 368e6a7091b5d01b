// The probe of token endpoint client authentication: for each method, a client registered with it
// (DCR), then a token request with a bogus code authenticated that way, and with the other methods
// the same client could try. The answer to a bogus code says whether client authentication passed.
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import type { AuthorizationServerMetadata } from '../../shared/flow/context.js';
import { applyClientAuth, publicJwk } from '../../shared/flow/client-auth-apply.js';
import { readJsonObject } from '../../shared/flow/responses.js';
import type { HttpResult } from '../../shared/flow/ports.js';
import { AUTH_METHODS, type AuthMethod, type ClientRecord, type ExchangeRole, type HttpRequest, type Severity } from '../../shared/model.js';
import { readAcceptance, type Acceptance } from '../../shared/probe/acceptance.js';

export const PROBED_METHODS = ['none', 'client_secret_basic', 'client_secret_post', 'client_secret_jwt', 'private_key_jwt'] as const satisfies readonly AuthMethod[];
type Probed = (typeof PROBED_METHODS)[number];

/** Every verdict the probe gives (docs/PROBE.md). */
export const PROBE_IDS = ['PRB-01', 'PRB-02', 'PRB-03', 'PRB-04', 'PRB-05', 'PRB-06', 'PRB-07', 'PRB-08', 'PRB-09', 'PRB-10', 'PRB-11', 'PRB-12', 'PRB-13', 'PRB-14', 'PRB-15', 'PRB-16', 'PRB-17'] as const;

export type Send = (request: HttpRequest, role: ExchangeRole, purpose: string) => Promise<{ result: HttpResult; exchangeId: string }>;

export interface Attempt {
  method: AuthMethod;
  acceptance: Acceptance;
  exchangeId: string;
}

export interface MethodRow {
  method: Probed;
  advertised: boolean;
  /** What the registration returned, or why there is no client. */
  registration: { ok: true; method: string; exchangeId: string } | { ok: false; why: string; exchangeId?: string };
  /** The client authenticating as it registered. */
  own?: Attempt;
  /** The same client authenticating another way. */
  swaps: Attempt[];
}

export interface ProbeFinding {
  id: (typeof PROBE_IDS)[number];
  severity: Severity;
  message: string;
  exchangeIds: string[];
}

const SWAPS: Record<Probed, AuthMethod[]> = {
  none: [],
  client_secret_basic: ['client_secret_post', 'none'],
  client_secret_post: ['client_secret_basic', 'none'],
  client_secret_jwt: ['none'],
  private_key_jwt: ['none'],
};

/** A fresh key for the private_key_jwt client: its public half goes into the registration as jwks. */
function ephemeralKey(): string {
  return generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
}

const bogus = () => randomBytes(32).toString('base64url');

export async function probeClientAuth(as: AuthorizationServerMetadata, send: Send, advertised: readonly string[]): Promise<{ rows: MethodRow[]; findings: ProbeFinding[] }> {
  const rows: MethodRow[] = [];
  const redirectUri = 'http://127.0.0.1/callback';
  for (const method of PROBED_METHODS) {
    const row: MethodRow = { method, advertised: advertised.includes(method), registration: { ok: false, why: 'no registration endpoint' }, swaps: [] };
    rows.push(row);
    if (typeof as.registration_endpoint !== 'string') continue;
    const privateKey = method === 'private_key_jwt' ? ephemeralKey() : undefined;
    const body = {
      client_name: 'Authtrace probe',
      redirect_uris: [redirectUri],
      grant_types: ['authorization_code'],
      response_types: ['code'],
      application_type: 'native',
      token_endpoint_auth_method: method,
      ...(privateKey && { jwks: { keys: [await publicJwk(privateKey)] } }),
    };
    const registered = await send(
      { method: 'POST', url: as.registration_endpoint, headers: [{ name: 'Content-Type', value: 'application/json' }, { name: 'Accept', value: 'application/json' }], body: JSON.stringify(body) },
      'registration',
      `probe: register a client for ${method}`,
    );
    const read = registered.result.outcome === 'response' ? readJsonObject(registered.result.response) : undefined;
    const doc = read?.ok ? read.value : undefined;
    const status = registered.result.outcome === 'response' ? registered.result.response.status : 0;
    if (!doc || typeof doc.client_id !== 'string' || status < 200 || status >= 300) {
      row.registration = { ok: false, why: `registration refused (${status || 'no answer'}${typeof doc?.error === 'string' ? ` ${doc.error}` : ''})`, exchangeId: registered.exchangeId };
      continue;
    }
    const returned = typeof doc.token_endpoint_auth_method === 'string' ? doc.token_endpoint_auth_method : 'absent';
    row.registration = { ok: true, method: returned, exchangeId: registered.exchangeId };
    const client: ClientRecord = {
      issuer: as.issuer ?? '',
      client_id: doc.client_id,
      ...(typeof doc.client_secret === 'string' && { client_secret: doc.client_secret }),
      token_endpoint_auth_method: (AUTH_METHODS as readonly string[]).includes(returned) ? (returned as AuthMethod) : 'unknown',
      source: 'dcr',
      redirect_uris: [redirectUri],
      createdAt: new Date().toISOString(),
      updatedAt: new Date().toISOString(),
    };
    const attempt = async (how: AuthMethod, purpose: string): Promise<Attempt> => {
      const form = new URLSearchParams({ grant_type: 'authorization_code', code: bogus(), redirect_uri: redirectUri, code_verifier: bogus() });
      let headers;
      try {
        headers = await applyClientAuth(how, as, client, form, privateKey);
      } catch (e) {
        // A registration that came back without what the method needs (a secret): nothing to send.
        return { method: how, acceptance: { verdict: 'unreadable', why: `not sent: ${(e as Error).message.replace(/\.$/, '')}` }, exchangeId: row.registration.ok ? row.registration.exchangeId : '' };
      }
      const sent = await send(
        { method: 'POST', url: as.token_endpoint!, headers: [{ name: 'Content-Type', value: 'application/x-www-form-urlencoded' }, { name: 'Accept', value: 'application/json' }, ...headers], body: form.toString() },
        'token',
        purpose,
      );
      const acceptance = sent.result.outcome === 'response' ? readAcceptance(sent.result.response.status, sent.result.response.body) : { verdict: 'unreadable' as const, why: sent.result.error.message };
      return { method: how, acceptance, exchangeId: sent.exchangeId };
    };
    // A spec client authenticates as the registration says; a substituted method (PRB-09) is the one it got.
    const registeredAs = (PROBED_METHODS as readonly string[]).includes(returned) ? (returned as Probed) : method;
    row.own = await attempt(registeredAs, `probe: a bogus code, authenticated with ${registeredAs} as registered`);
    for (const other of SWAPS[registeredAs]) {
      if (other !== 'none' && !client.client_secret) continue;
      row.swaps.push(await attempt(other, `probe: a bogus code, the ${registeredAs} client authenticating with ${other}`));
    }
  }
  return { rows, findings: findingsOf(rows) };
}

function findingsOf(rows: readonly MethodRow[]): ProbeFinding[] {
  const findings: ProbeFinding[] = [];
  for (const row of rows) {
    const own = row.own;
    // After a substitution (PRB-09) the client never used the method of its row: nothing to say of that method.
    const substituted = row.registration.ok && row.registration.method !== row.method && row.registration.method !== 'absent';
    if (own?.acceptance.verdict === 'accepted' && !row.advertised && !substituted) {
      findings.push({ id: 'PRB-01', severity: 'warning', message: `${row.method} is accepted but not advertised: clients that trust the metadata will not use it. Server side: advertise it, or refuse it.`, exchangeIds: [own.exchangeId] });
    }
    if (row.advertised && ((own?.acceptance.verdict === 'refused' && !substituted) || (!row.registration.ok && row.registration.exchangeId))) {
      const ids = [...(row.registration.exchangeId ? [row.registration.exchangeId] : []), ...(own ? [own.exchangeId] : [])];
      findings.push({ id: 'PRB-02', severity: 'error', message: `${row.method} is advertised, but ${own ? `a client registered for it was refused at the token endpoint (${own.acceptance.why})` : `registering a client for it failed: ${!row.registration.ok ? row.registration.why : ''}`}. Server side: accept it, or stop advertising it.`, exchangeIds: ids });
    }
    if (row.registration.ok && row.registration.method !== row.method) {
      findings.push({ id: 'PRB-09', severity: 'warning', message: `A registration that asked for ${row.method} came back as ${row.registration.method}: the server substituted the method (AM-06). Clients that keep what they asked for authenticate the wrong way. Server side: refuse the method with invalid_client_metadata, or honour it.`, exchangeIds: [row.registration.exchangeId] });
    }
    const registeredAs = row.registration.ok ? row.registration.method : row.method;
    for (const swap of row.swaps) {
      if (swap.acceptance.verdict !== 'accepted') continue;
      if (swap.method === 'none') {
        findings.push({ id: 'PRB-03', severity: 'error', message: `A client registered with ${registeredAs} was let through with its client_id alone (none): the server does not check the client secret. Server side: authenticate confidential clients as they registered.`, exchangeIds: [swap.exchangeId] });
      } else {
        findings.push({ id: 'PRB-04', severity: 'info', message: `A client registered with ${registeredAs} is also accepted with ${swap.method}: the server treats client_secret_basic and client_secret_post as interchangeable (common, e.g. oidc-provider). Clients that pick the other one still work here, but fail at stricter servers.`, exchangeIds: [swap.exchangeId] });
      }
    }
    for (const attempt of [...(own ? [own] : []), ...row.swaps]) {
      if (attempt.acceptance.verdict === 'unreadable') findings.push({ id: 'PRB-05', severity: 'info', message: `${row.method} client with ${attempt.method}: ${attempt.acceptance.why}.`, exchangeIds: [attempt.exchangeId] });
    }
  }
  return findings;
}
