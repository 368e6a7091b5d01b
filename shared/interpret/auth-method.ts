// The token endpoint auth method picture: what the server advertises, what the client is
// registered with, and what each token request used, each disagreement with its evidence.
// The engine records only what it chose and why (Session.methodChoice); the rest is read from
// the exchanges, so a live session and the same exchanges imported from HAR give one picture.
import { AUTH_METHODS, type AuthMethod, type ClientRecord, type Exchange, type MethodChoice, type RegisteredMethod, type Session } from '../model.js';
import { readClientAuth } from './client-auth.js';
import { isObject, parseJsonObject, str, stringArray, type JsonObject } from './json.js';

export type AttemptOutcome = 'accepted' | 'rejected' | 'no-response';

export type Disagreement =
  | { kind: 'several-methods'; methods: AuthMethod[] }
  | { kind: 'not-registered'; used: AuthMethod; registered: AuthMethod }
  | { kind: 'not-advertised'; used: AuthMethod; advertised: string[] };

export interface TokenAttempt {
  exchangeId: string;
  role: 'token' | 'refresh';
  /** Every method the request carried. */
  methods: AuthMethod[];
  /** The one method used; null when none or several. */
  used: AuthMethod | null;
  outcome: AttemptOutcome;
  status?: number;
  /** The OAuth `error` of a rejected attempt. */
  error?: string;
  disagreements: Disagreement[];
}

export type RegisteredSource =
  | { kind: 'client' }
  | { kind: 'registration-response'; exchangeId: string }
  | { kind: 'registration-request'; exchangeId: string };

export interface AuthMethodPicture {
  /** token_endpoint_auth_methods_supported as published; null when absent or no metadata yet. */
  advertised: string[] | null;
  /** The AS metadata exchange it was read from. */
  advertisedAt?: string;
  /** What the client is registered with; null when no client is known. */
  registered: RegisteredMethod | null;
  registeredFrom?: RegisteredSource;
  /** When the stored client lost its method: the one its registration response still names. */
  registeredRaw?: AuthMethod;
  /** The registered method is not advertised. */
  registeredNotAdvertised: boolean;
  /** The latest token request's method; null before one, or when it used none or several. */
  used: AuthMethod | null;
  /** The method the engine applied to the token request it prepared last; null outside the engine. */
  chosen: AuthMethod | null;
  /** Which rule picked the method the engine applied last, and why; null outside the engine. */
  chosenBy: MethodChoice['chosenBy'] | null;
  reason: string | null;
  /** Every token and refresh request, in order. */
  attempts: TokenAttempt[];
  latest: TokenAttempt | null;
  /** The attempts before the latest, newest first. */
  history: TokenAttempt[];
}

export function asAuthMethod(value: unknown): AuthMethod | undefined {
  return typeof value === 'string' && (AUTH_METHODS as readonly string[]).includes(value) ? (value as AuthMethod) : undefined;
}

/** The method a stored client's raw registration response names. */
export function rawRegisteredMethod(client: ClientRecord | undefined): AuthMethod | undefined {
  const raw = client?.registrationResponse;
  return isObject(raw) ? asAuthMethod(raw.token_endpoint_auth_method) : undefined;
}

type Responded = Extract<Exchange, { outcome: 'response' }>;
const is2xx = (e: Exchange): e is Responded => e.outcome === 'response' && e.response.status >= 200 && e.response.status < 300;

/** The AS metadata in use: the last document an AS metadata request answered with. */
function advertisedOf(exchanges: readonly Exchange[]): { methods: string[] | null; at: string } | undefined {
  for (let i = exchanges.length - 1; i >= 0; i--) {
    const e = exchanges[i]!;
    if (e.role !== 'as-metadata' || !is2xx(e)) continue;
    const doc = parseJsonObject(e.response.body);
    if (doc) return { methods: stringArray(doc.token_endpoint_auth_methods_supported) ?? null, at: e.id };
  }
  return undefined;
}

interface Registration {
  exchangeId: string;
  response: JsonObject;
  request?: JsonObject;
}

function lastRegistration(exchanges: readonly Exchange[]): Registration | undefined {
  for (let i = exchanges.length - 1; i >= 0; i--) {
    const e = exchanges[i]!;
    if (e.role !== 'registration' || !is2xx(e)) continue;
    const response = parseJsonObject(e.response.body);
    if (!response) continue;
    const request = parseJsonObject(e.request.body);
    return { exchangeId: e.id, response, ...(request && { request }) };
  }
  return undefined;
}

function registeredOf(exchanges: readonly Exchange[], client: ClientRecord | undefined): Pick<AuthMethodPicture, 'registered' | 'registeredFrom' | 'registeredRaw'> {
  const reg = lastRegistration(exchanges);
  const fromRegistration = (): Pick<AuthMethodPicture, 'registered' | 'registeredFrom'> | undefined => {
    if (!reg) return undefined;
    const inResponse = str(reg.response.token_endpoint_auth_method);
    if (inResponse !== undefined) return { registered: asAuthMethod(inResponse) ?? 'unknown', registeredFrom: { kind: 'registration-response', exchangeId: reg.exchangeId } };
    const inRequest = str(reg.request?.token_endpoint_auth_method);
    if (inRequest !== undefined) return { registered: asAuthMethod(inRequest) ?? 'unknown', registeredFrom: { kind: 'registration-request', exchangeId: reg.exchangeId } };
    return undefined;
  };
  // What the server registered, as its registration response says, when this session holds it
  // for this client; else what the stored client records.
  const sameClient = reg !== undefined && (client === undefined || client.source === 'imported' || str(reg.response.client_id) === client.client_id);
  const found = sameClient ? fromRegistration() : undefined;
  const raw = client?.token_endpoint_auth_method === 'unknown' ? rawRegisteredMethod(client) : undefined;
  if (found) return { ...found, ...(found.registered === 'unknown' && raw && { registeredRaw: raw }) };
  if (client) return { registered: client.token_endpoint_auth_method, registeredFrom: { kind: 'client' }, ...(raw && { registeredRaw: raw }) };
  return { registered: null };
}

type AttemptFacts = Omit<TokenAttempt, 'disagreements'>;

/** What one token exchange says by itself; an exchange never changes once recorded, so a long session reads each once. */
const factsRead = new WeakMap<Exchange, AttemptFacts>();

function attemptFacts(e: Exchange): AttemptFacts {
  let facts = factsRead.get(e);
  if (facts) return facts;
  const auth = readClientAuth(e.request);
  const outcome: AttemptOutcome = e.outcome !== 'response' ? 'no-response' : e.response.status >= 200 && e.response.status < 300 ? 'accepted' : 'rejected';
  facts = { exchangeId: e.id, role: e.role === 'refresh' ? 'refresh' : 'token', methods: auth.methods, used: auth.used, outcome };
  if (e.outcome === 'response') {
    facts.status = e.response.status;
    const error = outcome === 'rejected' ? str(parseJsonObject(e.response.body)?.error) : undefined;
    if (error !== undefined) facts.error = error;
  }
  factsRead.set(e, facts);
  return facts;
}

function attemptOf(e: Exchange, registered: RegisteredMethod | null, advertised: string[] | null): TokenAttempt {
  const facts = attemptFacts(e);
  const attempt: TokenAttempt = { ...facts, disagreements: [] };
  const auth = facts;
  if (auth.methods.length > 1) attempt.disagreements.push({ kind: 'several-methods', methods: auth.methods });
  const used = auth.used;
  if (used) {
    if (registered && registered !== 'unknown' && used !== registered) attempt.disagreements.push({ kind: 'not-registered', used, registered });
    // RFC 8414 §2: an absent list means ["client_secret_basic"].
    const list = advertised ?? ['client_secret_basic'];
    if (!list.includes(used)) attempt.disagreements.push({ kind: 'not-advertised', used, advertised: list });
  }
  return attempt;
}

export interface PictureInput {
  exchanges: readonly Exchange[];
  client?: ClientRecord;
  methodChoice?: MethodChoice;
}

export type AdvertisedAndRegistered = Pick<AuthMethodPicture, 'advertised' | 'advertisedAt' | 'registered' | 'registeredFrom' | 'registeredRaw'>;

/** The advertised and registered halves of the picture, without reading every token request. */
export function advertisedAndRegistered(session: PictureInput | Session): AdvertisedAndRegistered {
  const adv = advertisedOf(session.exchanges);
  return { advertised: adv?.methods ?? null, ...(adv && { advertisedAt: adv.at }), ...registeredOf(session.exchanges, session.client) };
}

export function authMethodPicture(session: PictureInput | Session): AuthMethodPicture {
  const exchanges = session.exchanges;
  const adv = advertisedOf(exchanges);
  const advertised = adv?.methods ?? null;
  const reg = registeredOf(exchanges, session.client);
  const attempts = exchanges.filter((e) => e.role === 'token' || e.role === 'refresh').map((e) => attemptOf(e, reg.registered, adv ? advertised : null));
  // Before any metadata, nothing is known to be unadvertised.
  if (!adv) for (const a of attempts) a.disagreements = a.disagreements.filter((d) => d.kind !== 'not-advertised');
  const latest = attempts[attempts.length - 1] ?? null;
  const registered = reg.registered;
  const choice = session.methodChoice;
  return {
    advertised,
    ...(adv && { advertisedAt: adv.at }),
    ...reg,
    registeredNotAdvertised: adv !== undefined && registered !== null && registered !== 'unknown' && !(advertised ?? ['client_secret_basic']).includes(registered),
    used: latest?.used ?? null,
    chosen: choice?.method ?? null,
    chosenBy: choice?.chosenBy ?? null,
    reason: choice?.reason ?? null,
    attempts,
    latest,
    history: attempts.slice(0, -1).reverse(),
  };
}
