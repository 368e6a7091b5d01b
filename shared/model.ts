// The data model. Exchanges are the single source of truth: step views, HAR, diagnostics and
// curl are projections of exchanges plus the session's configuration and stored client.
import type { ErrorCode } from './errors/index.js';

export const REVISIONS = ['2026-07-28', '2025-11-25', '2025-06-18', '2025-03-26'] as const;
export type Revision = (typeof REVISIONS)[number];
export const CURRENT_REVISION: Revision = '2026-07-28';

export const STEP_NAMES = [
  'probe',
  'resource-metadata',
  'authorization-server-metadata',
  'registration',
  'authorize',
  'token',
  'mcp',
  'refresh',
] as const;
export type StepName = (typeof STEP_NAMES)[number];

export type StepStatus = 'pending' | 'ready' | 'running' | 'done' | 'failed' | 'skipped';

export const AUTH_METHODS = [
  'none',
  'client_secret_basic',
  'client_secret_post',
  'private_key_jwt',
  'client_secret_jwt',
] as const;
export type AuthMethod = (typeof AUTH_METHODS)[number];

const SHARED_SECRET_METHODS: ReadonlySet<string> = new Set<AuthMethod>(['client_secret_basic', 'client_secret_post', 'client_secret_jwt']);

/** The methods that authenticate with a secret the server issued: a client without one cannot use them. */
export function usesSharedSecret(method: string): boolean {
  return SHARED_SECRET_METHODS.has(method);
}
/** What a stored client says about its method; "unknown" when the cache lost it. */
export type RegisteredMethod = AuthMethod | 'unknown';

export const STRATEGIES = ['registered', 'first-advertised', 'mcp-sdk', 'prefer-none'] as const;
export type Strategy = (typeof STRATEGIES)[number];

export const REGISTRATION_MODES = ['auto', 'dcr', 'cimd', 'pre-registered'] as const;
export type RegistrationMode = (typeof REGISTRATION_MODES)[number];

export type Severity = 'error' | 'warning' | 'info';

export interface Header {
  name: string;
  value: string;
}

export interface HttpRequest {
  method: string;
  url: string;
  /** In the order they were sent, names as sent. */
  headers: Header[];
  body?: string;
}

export interface HttpResponse {
  status: number;
  statusText: string;
  /** In the order they were received. */
  headers: Header[];
  /** Decoded as UTF-8, capped; `truncated` says whether the cap cut it. */
  body: string;
  truncated: boolean;
  /** Bytes received for the body (all of them, even when truncated). */
  bodySize: number;
  httpVersion: string;
  /**
   * The body ended before the server finished it (then `truncated` is true too): the server
   * closed the connection, no data came within the timeout (`afterMs`), the whole request
   * outlasted its deadline (`afterMs`), or the client aborted it.
   */
  incomplete?: { reason: 'closed' | 'timeout' | 'deadline' | 'aborted'; afterMs?: number };
}

export type NetworkErrorCode =
  | 'connection-refused'
  | 'dns'
  | 'timeout'
  | 'tls'
  | 'reset'
  | 'invalid-url'
  /** Not sent: the network policy refused the address (shared/net/policy.ts). */
  | 'blocked'
  | 'other';

export interface NetworkError {
  code: NetworkErrorCode;
  message: string;
}

export interface Timings {
  /** ms from the start of the request to the first byte of the response head. */
  wait: number;
  /** ms spent receiving the body. */
  receive: number;
  total: number;
}

/** How the request reached the wire (or did not). */
export type ExchangeOrigin =
  | 'engine' // sent by Authtrace's HTTP client
  | 'browser' // made by the user's browser; seen only as a URL (authorize) or as a request to our listener (callback)
  | 'imported'; // read from a HAR file

/** What an exchange is in the flow; diagnostics find exchanges by role. */
export type ExchangeRole =
  | 'mcp-probe' // unauthenticated MCP request that should be challenged
  | 'resource-metadata'
  | 'as-metadata'
  | 'registration' // DCR POST
  | 'client-metadata' // fetching a client ID metadata document
  | 'authorize' // the authorization request (first navigation)
  | 'authorize-redirect' // a hop in the browser's redirect chain (login, consent)
  | 'callback' // the redirect to the client's redirect_uri carrying code/state/iss
  | 'token' // authorization_code grant
  | 'refresh' // refresh_token grant
  | 'mcp' // authenticated MCP request
  | 'other';

/** The step each role belongs to. */
export const STEP_OF_ROLE: Record<ExchangeRole, StepName | 'unrelated'> = {
  'mcp-probe': 'probe',
  'resource-metadata': 'resource-metadata',
  'as-metadata': 'authorization-server-metadata',
  registration: 'registration',
  'client-metadata': 'registration',
  authorize: 'authorize',
  'authorize-redirect': 'authorize',
  callback: 'authorize',
  token: 'token',
  refresh: 'refresh',
  mcp: 'mcp',
  other: 'unrelated',
};

interface ExchangeBase {
  id: string;
  step: StepName | 'unrelated';
  role: ExchangeRole;
  /** ISO 8601. */
  startedAt: string;
  origin: ExchangeOrigin;
  request: HttpRequest;
  /** Set when the user edited the prepared request before sending. */
  edited?: { original: HttpRequest };
  /** One short phrase: why this request was made ("path-inserted well-known URL"). */
  purpose?: string;
}

export type Exchange =
  | (ExchangeBase & { outcome: 'response'; response: HttpResponse; timings: Timings })
  | (ExchangeBase & { outcome: 'network-error'; error: NetworkError; timings: Timings })
  /** A browser navigation whose response Authtrace cannot see (the system browser). */
  | (ExchangeBase & { outcome: 'opened-in-browser' });

export interface StepError {
  /** Stable, for scripts: which kind of failure this was (shared/errors). */
  code: ErrorCode;
  /** One paragraph: what failed, naming the URL and what was expected. */
  message: string;
  /** What to try. */
  hint?: string;
  /** The catalogue rule behind a stop a compliant client must make; `continueOn` can go past it. */
  rule?: string;
}

/** A stop a compliant client must make, that the user chose to go past (recorded, so a reader knows). */
export interface Continuation {
  step: StepName;
  rule: string;
  /** What the stop said. */
  message: string;
  at: string;
}

export interface Step {
  name: StepName;
  status: StepStatus;
  startedAt?: string;
  durationMs?: number;
  /** The request that will be sent next, once prepared; the UI may edit it. */
  prepared?: HttpRequest;
  exchangeIds: string[];
  error?: StepError;
  /** Why the step was skipped, or a one-line summary of what it found. */
  summary?: string;
}

export type ClientSource = 'dcr' | 'cimd' | 'pre-registered' | 'imported';

export interface ClientRecord {
  /** The authorization server's issuer this client belongs to (credentials are bound to it). */
  issuer: string;
  client_id: string;
  client_secret?: string;
  client_secret_expires_at?: number;
  token_endpoint_auth_method: RegisteredMethod;
  source: ClientSource;
  redirect_uris: string[];
  grant_types?: string[];
  response_types?: string[];
  application_type?: string;
  scope?: string;
  /** The registration response body exactly as received (DCR), or the metadata document (CIMD). */
  registrationResponse?: unknown;
  /** The method that was asked for at registration, when Authtrace registered it. */
  requestedMethod?: AuthMethod;
  createdAt: string;
  updatedAt: string;
}

export const GRANTS = ['authorization_code', 'client_credentials', 'jwt_bearer'] as const;
export type Grant = (typeof GRANTS)[number];

export type ChoiceSource = 'explicit' | 'registered' | Strategy;

/**
 * What the engine chose for the token request it prepared last, and why. Everything else about
 * the method (advertised, registered, used) is read from the exchanges by shared/interpret.
 */
export interface MethodChoice {
  method: AuthMethod;
  chosenBy: ChoiceSource;
  /** One sentence on why that method was chosen. */
  reason: string;
}

export type EvidenceLocation =
  | { kind: 'request-header'; name: string }
  | { kind: 'response-header'; name: string }
  | { kind: 'request-json'; pointer: string }
  | { kind: 'response-json'; pointer: string }
  | { kind: 'request-form'; name: string }
  | { kind: 'request-query'; name: string }
  | { kind: 'response-status' }
  | { kind: 'client'; field: string }
  | { kind: 'config'; field: string };

export interface Evidence {
  exchangeId?: string;
  location: EvidenceLocation;
  /** The value seen there (already redacted where it is a secret). */
  value?: string;
}

export interface Diagnostic {
  rule: string;
  severity: Severity;
  title: string;
  /** Plain words: what is wrong, and what to change on which side. */
  message: string;
  evidence: Evidence[];
  spec: { ref: string; url: string };
  /** The error users see in their client, so a search for it finds this. */
  symptom?: string;
  step?: StepName;
}

/**
 * How a real client behaves where it matters to a server (shared/clients/ holds the profiles, each
 * value cited). The engine follows it; absent, Authtrace behaves as the spec-strict reference client.
 */
export interface ClientBehaviour {
  /** The profile's id (shared/clients/), for the session and the report. */
  profile: string;
  /**
   * How it registers: DCR; a client ID metadata document where the AS supports them (or only when it
   * also advertises none); or only that way.
   */
  registrationPath: 'dcr' | 'cimd-first' | 'cimd-when-none' | 'cimd-only';
  /** What DCR asks for: always one method, or the first of a preference list that the AS advertises. */
  registerMethod: { kind: 'fixed'; method: AuthMethod } | { kind: 'prefer'; order: AuthMethod[]; otherwise: AuthMethod };
  /** Redirect URIs registered beside the loopback one Authtrace listens on (custom schemes: never called here). */
  extraRedirectUris: string[];
  /** The scope in the DCR body: none, or the one it will ask for at /authorize. */
  registrationScope: 'none' | 'authorize-scope';
  /** application_type in the DCR body, or left out. */
  applicationType: 'native' | 'web' | 'absent';
  /** Whether the client's cache keeps the registered method (else a cached client has only id and secret). */
  cacheKeepsMethod: boolean;
  /** How the token request's method is picked: as registered (spec), or by a strategy that re-selects whatever was registered. */
  tokenMethod: 'as-registered' | Strategy;
  /** Scope at /authorize: the MCP selection rules, the PRM's scopes_supported, every scopes_supported of the AS, or none. */
  scope: 'mcp' | 'prm-scopes' | 'as-scopes' | 'none';
  /** Adds offline_access to the requested scope when the AS advertises it. */
  offlineAccess: boolean;
  /** The RFC 9207 iss of the authorization response: validated, or dropped unread. */
  iss: 'validate' | 'ignore';
  /** The PRM resource: checked as RFC 9728 says (the MCP URL, its origin or a path prefix), exactly equal, or not at all. */
  resourceCheck: 'rfc9728' | 'exact' | 'none';
  /** RFC 8414 §3.3: whether the metadata's issuer must equal the issuer it was fetched for. */
  issuerCheck: 'strict' | 'none';
  /**
   * The RFC 8707 resource it sends (authorize, token, refresh): the PRM's resource (else the MCP URL),
   * the PRM's only when there is a PRM, always the MCP server URL, or none.
   */
  resourceParam: 'prm' | 'prm-only' | 'mcp-url' | 'none';
  /**
   * Where it looks for authorization server metadata: the MCP order (RFC 8414 then OpenID Connect,
   * path-aware), that order then the root URLs, or only the root RFC 8414 URL (path insertion skipped).
   */
  asDiscovery: 'mcp' | 'mcp-then-root' | 'root-rfc8414';
  /**
   * A 403 with error="insufficient_scope": authorize again with the wider scope; stop; or, holding a
   * refresh token, refresh without the new scope and stop at the same 403 (without one, step up).
   */
  insufficientScope: 'step-up' | 'stop' | 'refresh-then-stop';
  /** Whether a refresh request repeats the scope that was granted. */
  refreshScope: boolean;
}

export interface SessionConfig {
  target: { kind: 'mcp'; url: string } | { kind: 'issuer'; issuer: string };
  registration: RegistrationMode;
  /** For pre-registered clients (and to override a stored client's id). */
  clientId?: string;
  clientSecret?: string;
  /** An explicit token endpoint auth method: wins over everything. */
  authMethod?: AuthMethod;
  /** The method to ask for in DCR; default none. */
  registerMethod?: AuthMethod;
  clientMetadataUrl?: string;
  strategy: Strategy;
  scope?: string;
  /** Pinned revision; absent means negotiate. */
  revision?: Revision;
  callTool?: { name: string; args: Record<string, unknown> };
  headless: boolean;
  newClient: boolean;
  /** Run the refresh step after the MCP call. */
  refresh?: boolean;
  timeoutMs: number;
  /** The whole of one request, head and body; default four times timeoutMs (a body trickling forever ends). */
  requestDeadlineMs?: number;
  /** Fetch private, loopback and link-local addresses that a public server hands over (consent). */
  allowPrivateTargets?: boolean;
  /** Judge the target as public whatever its address, so a local server is checked as remote clients would meet it. */
  treatTargetAsPublic?: boolean;
  /** The grant: the authorization code grant (default), or client credentials; absent, the server's metadata decides. */
  grant?: Grant;
  /** The workload's JWT for the JWT bearer grant (RFC 7523). */
  assertion?: string;
  /**
   * Enterprise-managed authorization: the user's ID token from the enterprise IdP, exchanged there
   * (RFC 8693) for an identity assertion grant (ID-JAG) that the JWT bearer grant presents.
   */
  identityAssertion?: { idToken: string; idpTokenEndpoint: string; idpClientId?: string };
  /** Rule ids (or "all") whose compliance stops the run goes past, recording each. */
  continueOn?: string[];
  /** A real client's behaviour to imitate; absent, the spec-strict reference client. */
  client?: ClientBehaviour;
  /** DPoP (RFC 9449): 'auto' (the default) proves possession whenever the authorization server supports ES256; 'off' asks for Bearer tokens. */
  dpop?: 'auto' | 'off';
  /** PEM or JWK (JSON) private key for private_key_jwt. */
  privateKey?: string;
}

export interface Session {
  id: string;
  createdAt: string;
  config: SessionConfig;
  /** Negotiated with the server, or pinned. */
  revision: Revision;
  steps: Step[];
  exchanges: Exchange[];
  client?: ClientRecord;
  methodChoice?: MethodChoice;
  /** The issuer the engine is talking to, once known. */
  issuer?: string;
  /** How requests reach the target (direct, a proxy, extra CA certificates), when the host says. */
  transport?: string;
  /** Compliance stops the run went past on the user's word. */
  continuations?: Continuation[];
}

export const DEFAULT_TIMEOUT_MS = 15_000;
/** The longest a single request may take by default, whatever its silences. */
export const MAX_DEFAULT_REQUEST_DEADLINE_MS = 300_000;

export function requestDeadline(config: Pick<SessionConfig, 'timeoutMs' | 'requestDeadlineMs'>): number {
  return config.requestDeadlineMs ?? Math.min(4 * config.timeoutMs, Math.max(MAX_DEFAULT_REQUEST_DEADLINE_MS, config.timeoutMs));
}
export const MAX_BODY_BYTES = 5 * 1024 * 1024;

/** How far a request may go for a session with this configuration: timeouts, body cap, and the network policy. */
export function sendLimits(config: SessionConfig): { timeoutMs: number; deadlineMs: number; maxBodyBytes: number; policy: { target: string; allowPrivateTargets: boolean; treatTargetAsPublic?: true } } {
  return {
    timeoutMs: config.timeoutMs,
    deadlineMs: requestDeadline(config),
    maxBodyBytes: MAX_BODY_BYTES,
    policy: { target: targetUrl(config.target), allowPrivateTargets: config.allowPrivateTargets === true, ...(config.treatTargetAsPublic && { treatTargetAsPublic: true as const }) },
  };
}

export function defaultConfig(target: SessionConfig['target']): SessionConfig {
  return {
    target,
    registration: 'auto',
    strategy: 'registered',
    headless: false,
    newClient: false,
    timeoutMs: DEFAULT_TIMEOUT_MS,
  };
}

/** The URL the user pointed the session at: the MCP server, or the authorization server's issuer. */
export function targetUrl(target: SessionConfig['target']): string {
  return target.kind === 'mcp' ? target.url : target.issuer;
}

export function headerValue(headers: readonly Header[], name: string): string | undefined {
  const lower = name.toLowerCase();
  return headers.find((h) => h.name.toLowerCase() === lower)?.value;
}

export function headerValues(headers: readonly Header[], name: string): string[] {
  const lower = name.toLowerCase();
  return headers.filter((h) => h.name.toLowerCase() === lower).map((h) => h.value);
}
