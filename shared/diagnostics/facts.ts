// Everything the rules read, derived once per run from the exchanges (so it works the same on
// recorded sessions and on sessions rebuilt from a HAR), plus the session's config and client.
import type {
  AuthMethod,
  Evidence,
  EvidenceLocation,
  Exchange,
  ExchangeRole,
  RegisteredMethod,
  Revision,
  Session,
  StepName,
} from '../model.js';
import { headerValue, headerValues } from '../model.js';
import { lenientParam, oauthChallenge, parseWwwAuthenticate, type Challenge, type ParseResult } from '../http/www-authenticate.js';
import { advertisedAndRegistered, type AdvertisedAndRegistered } from '../interpret/auth-method.js';
import { readClientAuth, type ClientAuthReading } from '../interpret/client-auth.js';
import { dpopAth, readDpopProof, type DpopReading } from '../interpret/dpop.js';
import {
  decodeJwt,
  is2xx,
  isObject,
  parseJson,
  quote,
  redact,
  responded,
  str,
  stringArray,
  type JsonObject,
  type Responded,
} from './util.js';

export interface DocAt {
  ex: Responded;
  doc: JsonObject;
}

export interface Advertised {
  methods: string[];
  /** False when the field is absent and RFC 8414 §2's default applies. */
  explicit: boolean;
  at: DocAt;
  evidence: Evidence;
}

export interface RegisteredFact {
  method: RegisteredMethod;
  evidence: Evidence;
  /** When the stored method is unknown but the stored raw registration response still names one. */
  rawMethod?: AuthMethod;
  rawEvidence?: Evidence;
}

export interface RegistrationFact {
  ex: Exchange;
  request?: JsonObject;
  response?: JsonObject;
}

export interface TokenRequestFact {
  ex: Exchange;
  auth: ClientAuthReading;
  /** Set when exactly one method was used. */
  used?: AuthMethod;
  usedEvidence: Evidence[];
  grant?: string;
}

export interface ParamsAt {
  ex: Exchange;
  params: URLSearchParams;
  location(name: string): EvidenceLocation;
}

export interface ChallengeFact {
  ex: Responded;
  /** The exchange's position and response status, read once: rules compare them thousands of times. */
  at: number;
  status: number;
  headers: string[];
  parses: ParseResult[];
  /** Only from headers that parsed. */
  challenges: Challenge[];
  /** The challenge an OAuth client reads: Bearer, else DPoP. */
  oauth?: Challenge;
  /** Its parameters, or what a lenient client reads from a header that did not parse. */
  params?: Record<string, string>;
  resourceMetadata?: string;
}

const LENIENT_PARAMS = ['resource_metadata', 'scope', 'error'];

const ROLES_WITH_CHALLENGES: ExchangeRole[] = ['mcp-probe', 'mcp'];

export class Facts {
  readonly session: Session;
  readonly revision: Revision;
  private nowCache: number | undefined;
  private readonly roles = new Map<ExchangeRole, Exchange[]>();
  private readonly positions = new Map<string, number>();
  /** Every exchange has its own id, so session order is position order. */
  private readonly uniqueIds: boolean;
  private readonly cache = new Map<string, unknown>();
  private readonly resJsonCache = new Map<Exchange, unknown>();
  private readonly reqJsonCache = new Map<Exchange, unknown>();
  // Values that repeat across thousands of exchanges (headers, tokens, URLs), each read once.
  private readonly challengeCache = new Map<string, ParseResult>();
  private readonly jwtCache = new Map<string, JsonObject | undefined>();
  private readonly athCache = new Map<string, string>();
  private readonly originCache = new Map<string, string | undefined>();
  private readonly dpopCache = new Map<Exchange, DpopReading | undefined>();

  constructor(session: Session) {
    this.session = session;
    this.revision = session.revision;
    const exchanges = session.exchanges;
    for (let i = 0; i < exchanges.length; i++) {
      const ex = exchanges[i] as Exchange;
      this.positions.set(ex.id, i);
      const list = this.roles.get(ex.role);
      if (list) list.push(ex);
      else this.roles.set(ex.role, [ex]);
    }
    this.uniqueIds = this.positions.size === exchanges.length;
  }

  /** Whether lists in session order are also in position order (every exchange has its own id). */
  inSessionOrder(): boolean {
    return this.uniqueIds;
  }

  /** The exchanges of these roles, in session order. */
  private inOrder(roles: readonly ExchangeRole[]): Exchange[] {
    const lists = roles.map((role) => this.byRole(role));
    const count = lists.reduce((n, list) => n + list.length, 0);
    // Many: one pass over the session, already in order. Few: sorted by position.
    if (this.uniqueIds && count > this.session.exchanges.length / 8) return this.session.exchanges.filter((ex) => roles.includes(ex.role));
    return lists.flat().sort((a, b) => this.position(a.id) - this.position(b.id));
  }

  /** The latest time seen in the session, used as "now" so rules stay pure; read on demand. */
  get now(): number {
    if (this.nowCache === undefined) {
      let now = Date.parse(this.session.createdAt);
      for (const ex of this.session.exchanges) {
        const t = Date.parse(ex.startedAt);
        if (!(t <= now)) now = Number.isNaN(t) ? now : t;
      }
      this.nowCache = Number.isNaN(now) ? 0 : now;
    }
    return this.nowCache;
  }

  private once<T>(key: string, compute: () => T): T {
    if (this.cache.has(key)) return this.cache.get(key) as T;
    const value = compute();
    this.cache.set(key, value);
    return value;
  }

  byRole(role: ExchangeRole): readonly Exchange[] {
    return this.roles.get(role) ?? [];
  }

  responses(role: ExchangeRole): Responded[] {
    return this.byRole(role).filter(responded);
  }

  position(id: string): number {
    return this.positions.get(id) ?? Number.MAX_SAFE_INTEGER;
  }

  stepOf(id: string | undefined): StepName | undefined {
    if (id === undefined) return undefined;
    const ex = this.session.exchanges[this.position(id)];
    return ex && ex.step !== 'unrelated' ? ex.step : undefined;
  }

  resJson(ex: Exchange): unknown {
    if (!responded(ex)) return undefined;
    if (!this.resJsonCache.has(ex)) this.resJsonCache.set(ex, parseJson(ex.response.body));
    return this.resJsonCache.get(ex);
  }

  reqJson(ex: Exchange): unknown {
    if (!this.reqJsonCache.has(ex)) this.reqJsonCache.set(ex, parseJson(ex.request.body));
    return this.reqJsonCache.get(ex);
  }

  /** The request's query parameters; read from the text after `?` (no full URL parse: sessions hold thousands). */
  query(ex: Exchange): URLSearchParams {
    const url = ex.request.url;
    const hash = url.indexOf('#');
    const beforeHash = hash < 0 ? url : url.slice(0, hash);
    const at = beforeHash.indexOf('?');
    return new URLSearchParams(at < 0 ? '' : beforeHash.slice(at + 1));
  }

  /**
   * Successful JSON-object documents of a role, in order, the first per URL: a session that
   * rediscovers a thousand times still has one document per well-known URL to judge.
   */
  documents(role: ExchangeRole): DocAt[] {
    return this.once(`docs:${role}`, () => {
      const docs: DocAt[] = [];
      const urls = new Set<string>();
      for (const ex of this.byRole(role)) {
        if (!responded(ex) || !is2xx(ex.response) || urls.has(ex.request.url)) continue;
        const doc = this.resJson(ex);
        if (!isObject(doc)) continue;
        urls.add(ex.request.url);
        docs.push({ ex, doc });
      }
      return docs;
    });
  }

  /** The AS metadata the flow used: the first well-known URL that answered with a document. */
  asMetadata(): DocAt | undefined {
    return this.documents('as-metadata')[0];
  }

  /**
   * The AS metadata in effect at an exchange: the last document fetched before it. A server that
   * moved to another authorization server has two, and each part of the flow answers to its own.
   */
  asMetadataAt(ex: Exchange): DocAt | undefined {
    const at = this.position(ex.id);
    let found: DocAt | undefined;
    for (const doc of this.documents('as-metadata')) if (this.position(doc.ex.id) < at) found = doc;
    return found ?? this.asMetadata();
  }

  /** The issuer in use at an exchange: the session's, unless the flow moved between authorization servers; then the one in effect then. */
  issuerAt(ex: Exchange): string | undefined {
    if (this.documents('as-metadata').length <= 1) return this.issuer();
    return str(this.asMetadataAt(ex)?.doc.issuer) ?? this.issuer();
  }

  prm(): DocAt | undefined {
    return this.documents('resource-metadata')[0];
  }

  mcpUrl(): string | undefined {
    const target = this.session.config.target;
    if (target.kind === 'mcp') return target.url;
    return this.byRole('mcp-probe')[0]?.request.url;
  }

  /** The issuer in use: the session's, else the AS metadata's. */
  issuer(): string | undefined {
    return this.session.issuer ?? str(this.asMetadata()?.doc.issuer);
  }

  /** The advertised and registered methods as shared/interpret's auth method picture reads them. */
  picture(): AdvertisedAndRegistered {
    // Only these roles count; the whole session is not walked for them.
    return this.once('picture', () => advertisedAndRegistered({ exchanges: this.inOrder(['as-metadata', 'registration']), ...(this.session.client && { client: this.session.client }) }));
  }

  advertised(): Advertised | undefined {
    return this.once('advertised', () => {
      const picture = this.picture();
      const ex = picture.advertisedAt === undefined ? undefined : this.session.exchanges[this.position(picture.advertisedAt)];
      const doc = ex ? this.resJson(ex) : undefined;
      if (!responded(ex) || !isObject(doc)) return undefined;
      const explicit = picture.advertised !== null;
      return {
        methods: picture.advertised ?? ['client_secret_basic'],
        explicit,
        at: { ex, doc },
        evidence: {
          exchangeId: ex.id,
          location: { kind: 'response-json', pointer: '/token_endpoint_auth_methods_supported' },
          value: explicit ? quote(picture.advertised) : 'absent (RFC 8414 default: ["client_secret_basic"])',
        },
      } satisfies Advertised;
    });
  }

  registrationFact(ex: Exchange): RegistrationFact {
    const fact: RegistrationFact = { ex };
    const request = this.reqJson(ex);
    if (isObject(request)) fact.request = request;
    const response = this.resJson(ex);
    if (responded(ex) && is2xx(ex.response) && isObject(response)) fact.response = response;
    return fact;
  }

  /** The first registration request with a JSON body. */
  registrationRequest(): (RegistrationFact & { request: JsonObject }) | undefined {
    return this.once('registrationRequest', () => {
      for (const ex of this.byRole('registration')) {
        const fact = this.registrationFact(ex);
        if (fact.request) return fact as RegistrationFact & { request: JsonObject };
      }
      return undefined;
    });
  }

  /** The last registration that succeeded. */
  registration(): (RegistrationFact & { response: JsonObject }) | undefined {
    return this.once('registration', () => {
      const all = this.byRole('registration');
      for (let i = all.length - 1; i >= 0; i--) {
        const fact = this.registrationFact(all[i] as Exchange);
        if (fact.response) return fact as RegistrationFact & { response: JsonObject };
      }
      return undefined;
    });
  }

  registered(): RegisteredFact | undefined {
    return this.once('registered', () => {
      const { registered: method, registeredFrom: from, registeredRaw: raw } = this.picture();
      if (method === null || from === undefined) return undefined;
      let evidence: Evidence;
      if (from.kind === 'client') {
        evidence = { location: { kind: 'client', field: 'token_endpoint_auth_method' }, value: method };
      } else {
        const ex = this.session.exchanges[this.position(from.exchangeId)] as Exchange;
        const doc = from.kind === 'registration-response' ? this.resJson(ex) : this.reqJson(ex);
        const kind = from.kind === 'registration-response' ? 'response-json' : 'request-json';
        const value = isObject(doc) ? str(doc.token_endpoint_auth_method) : undefined;
        evidence = { exchangeId: ex.id, location: { kind, pointer: '/token_endpoint_auth_method' }, value: value ?? method };
      }
      const fact: RegisteredFact = { method, evidence };
      if (raw) {
        fact.rawMethod = raw;
        fact.rawEvidence = { location: { kind: 'client', field: 'registrationResponse.token_endpoint_auth_method' }, value: raw };
      }
      return fact;
    });
  }

  /** Registered redirect URIs: the registration response, else the stored client. */
  registeredRedirectUris(): { uris: string[]; evidence: Evidence } | undefined {
    const reg = this.registration();
    const fromResponse = stringArray(reg?.response.redirect_uris);
    if (reg && fromResponse) {
      return {
        uris: fromResponse,
        evidence: { exchangeId: reg.ex.id, location: { kind: 'response-json', pointer: '/redirect_uris' }, value: quote(fromResponse) },
      };
    }
    const client = this.session.client;
    if (client && client.redirect_uris.length > 0) {
      return {
        uris: client.redirect_uris,
        evidence: { location: { kind: 'client', field: 'redirect_uris' }, value: quote(client.redirect_uris) },
      };
    }
    return undefined;
  }

  tokenRequests(): TokenRequestFact[] {
    return this.once('tokenRequests', () =>
      this.inOrder(['token', 'refresh']).map((ex) => {
        const auth = readClientAuth(ex.request);
        const fact: TokenRequestFact = { ex, auth, usedEvidence: usedEvidence(ex, auth) };
        if (auth.used) fact.used = auth.used;
        const grant = auth.form?.get('grant_type');
        if (grant) fact.grant = grant;
        return fact;
      }),
    );
  }

  authorizeRequests(): ParamsAt[] {
    return this.once('authorize', () =>
      this.byRole('authorize').map((ex) => ({ ex, params: this.query(ex), location: queryLocation })),
    );
  }

  /**
   * The authorization response: the callback request's query; when the callback is the redirect
   * hop whose Location carries the code (a custom-scheme or uncaptured loopback redirect URI, as
   * a HAR import classifies it), that Location; else the last redirect whose Location carries
   * `code` or `error`. A Location to a login page is not an authorization response.
   */
  callback(): ParamsAt | undefined {
    return this.once('callback', () => {
      const fromLocation = (ex: Exchange): ParamsAt | undefined => {
        const href = responded(ex) ? headerValue(ex.response.headers, 'location') : undefined;
        if (href === undefined) return undefined;
        const target = resolveUrl(href, ex.request.url);
        if (!target || !isAuthorizationResponse(target.searchParams)) return undefined;
        return { ex, params: target.searchParams, location: (): EvidenceLocation => ({ kind: 'response-header', name: 'Location' }) };
      };
      const callbacks = this.byRole('callback');
      const last = callbacks[callbacks.length - 1];
      if (last) {
        const query = this.query(last);
        if (!isAuthorizationResponse(query)) {
          const hop = fromLocation(last);
          if (hop) return hop;
        }
        return { ex: last, params: query, location: queryLocation };
      }
      const hops = this.inOrder(['authorize', 'authorize-redirect']);
      for (let i = hops.length - 1; i >= 0; i--) {
        const found = fromLocation(hops[i] as Exchange);
        if (found) return found;
      }
      return undefined;
    });
  }

  /** Identical headers repeat thousands of times in a long session; parse each text once. */
  parseChallenge = (header: string): ParseResult => cached(this.challengeCache, header, parseWwwAuthenticate);

  /** JWT claims of an access token, decoded once per distinct token. */
  jwtPayload(token: string): JsonObject | undefined {
    return cached(this.jwtCache, token, (t) => decodeJwt(t)?.payload);
  }

  /** dpopAth, once per distinct token. */
  ath = (token: string): string => cached(this.athCache, token, dpopAth);

  /** The origin of a URL; undefined when it does not parse. */
  origin(url: string): string | undefined {
    return cached(this.originCache, url, originOf);
  }

  /** The request's DPoP proof read without an access token (readDpopProof), once per exchange. */
  dpopProof(ex: Exchange): DpopReading | undefined {
    if (headerValue(ex.request.headers, 'dpop') === undefined) return undefined;
    return cached(this.dpopCache, ex, (e) => readDpopProof(e.request.headers, e.request));
  }

  /** The last of `items` (in session order) that comes before `id`; binary search. */
  lastBefore<T extends { ex: Exchange }>(items: readonly T[], id: string): T | undefined {
    const at = this.position(id);
    let lo = 0;
    let hi = items.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.position((items[mid] as T).ex.id) < at) lo = mid + 1;
      else hi = mid;
    }
    return lo > 0 ? items[lo - 1] : undefined;
  }

  challenges(): ChallengeFact[] {
    return this.once('challenges', () => {
      const facts: ChallengeFact[] = [];
      const candidates = this.inOrder(ROLES_WITH_CHALLENGES);
      for (const ex of candidates) {
        if (!responded(ex)) continue;
        const status = ex.response.status;
        if (status !== 401 && status !== 403 && headerValue(ex.response.headers, 'www-authenticate') === undefined) continue;
        const headers = headerValues(ex.response.headers, 'www-authenticate');
        const parses = headers.map(this.parseChallenge);
        const challenges: Challenge[] = [];
        for (const p of parses) if (p.ok) challenges.push(...p.challenges);
        const fact: ChallengeFact = { ex, at: this.position(ex.id), status, headers, parses, challenges };
        const oauth = oauthChallenge(challenges);
        if (oauth) fact.oauth = oauth;
        const params = oauth?.params ?? lenientParams(headers);
        if (params) fact.params = params;
        if (params?.resource_metadata !== undefined) fact.resourceMetadata = params.resource_metadata;
        facts.push(fact);
      }
      return facts;
    });
  }
}

const queryLocation = (name: string): EvidenceLocation => ({ kind: 'request-query', name });

function cached<K, V>(cache: Map<K, V>, key: K, compute: (key: K) => V): V {
  if (cache.has(key)) return cache.get(key) as V;
  const value = compute(key);
  cache.set(key, value);
  return value;
}

function originOf(url: string): string | undefined {
  try {
    return new URL(url).origin;
  } catch {
    return undefined;
  }
}

function lenientParams(headers: string[]): Record<string, string> | undefined {
  const bearer = headers.find((h) => /^\s*bearer\b/i.test(h)) ?? headers.find((h) => /^\s*dpop\b/i.test(h));
  if (bearer === undefined) return undefined;
  const params: Record<string, string> = {};
  for (const name of LENIENT_PARAMS) {
    const value = lenientParam(bearer, name);
    if (value !== undefined) params[name] = value;
  }
  return params;
}

function isAuthorizationResponse(params: URLSearchParams): boolean {
  return params.has('code') || params.has('error');
}

function resolveUrl(href: string, base: string): URL | undefined {
  try {
    return new URL(href, base);
  } catch {
    return undefined;
  }
}

function usedEvidence(ex: Exchange, auth: ClientAuthReading): Evidence[] {
  const evidence: Evidence[] = [];
  const exchangeId = ex.id;
  for (const method of auth.methods) {
    if (method === 'client_secret_basic') {
      const who = auth.basic ? `client_id ${JSON.stringify(auth.basic.rawId)}, secret ${redact(auth.basic.rawSecret)}` : 'undecodable';
      evidence.push({ exchangeId, location: { kind: 'request-header', name: 'Authorization' }, value: `Basic (${who})` });
    } else if (method === 'client_secret_post') {
      evidence.push({
        exchangeId,
        location: { kind: 'request-form', name: 'client_secret' },
        value: redact(auth.form?.get('client_secret') ?? ''),
      });
    } else if (method === 'none') {
      evidence.push({ exchangeId, location: { kind: 'request-form', name: 'client_id' }, value: `${auth.clientId ?? ''} (no secret, no assertion, no Authorization header)` });
    } else {
      evidence.push({
        exchangeId,
        location: { kind: 'request-form', name: 'client_assertion' },
        value: `JWT, alg ${auth.assertionAlg ?? 'unreadable'}`,
      });
    }
  }
  return evidence;
}
