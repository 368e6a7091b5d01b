// The Api between the UI and its host (Electron main process, or browser mode over a WebSocket).
// One map of channel names to request and response types; hosts register exactly these.
import type {
  AuthMethod,
  ClientRecord,
  Diagnostic,
  HttpRequest,
  RegisteredMethod,
  Session,
  SessionConfig,
  Severity,
  StepName,
} from './model.js';

export interface SandboxProfileInfo {
  name: string;
  description: string;
}

export interface SandboxInfo {
  profile: string;
  mcpUrl: string;
  issuer: string;
}

/** Where the UI points the engine: the built-in sandbox, an MCP server, or an authorization server. */
export type TargetInput =
  | { kind: 'sandbox'; profile: string }
  | { kind: 'mcp'; url: string }
  | { kind: 'issuer'; issuer: string };

export type SessionOptions = Omit<SessionConfig, 'target' | 'headless'>;

/** Where a read-only session came from: a HAR file (what was read of it), or the saved sessions. */
export type OpenedFrom =
  | { from: 'har'; fileName: string; entriesRead: number; skipped: string[]; warnings: string[] }
  | { from: 'saved'; savedAt: string };

export interface SessionView {
  session: Session;
  /** Set for a session opened to read: its steps do not run again; Reset runs its configuration live. */
  opened?: OpenedFrom;
  diagnostics: Diagnostic[];
  sandbox?: SandboxInfo;
  /** The step Next step would act on, and whether it would prepare or send. */
  next: { step: StepName; action: 'prepare' | 'send' } | null;
  /** Set while a step waits for the user to log in in the browser. */
  waitingForBrowser?: { url: string };
}

export interface HarExport {
  fileName: string;
  content: string;
}

export interface SavedSessionInfo {
  id: string;
  createdAt: string;
  target: string;
  outcome: 'completed' | 'failed' | 'in-progress';
}

/** The compatibility matrix: each client profile's sessions against one server (`authtrace matrix --json`). */
export interface MatrixReport {
  server: string;
  clients: {
    id: string;
    name: string;
    version: string;
    notRun?: string;
    sessions: { pass: 'first' | 'cached'; flow: 'completed' | 'failed' | 'refused'; failedStep?: string; rules: string[]; message?: string; sessionId: string }[];
  }[];
}

/** What `authtrace probe` found (`--json`, and the app's Probe view). docs/PROBE.md documents it. */
export interface ProbeReport {
  server: string;
  tokenEndpoint: string;
  advertised: string[];
  methods: {
    method: string;
    advertised: boolean;
    registered: string | null;
    registrationProblem?: string;
    accepted: 'accepted' | 'refused' | 'unreadable' | null;
    alsoAcceptedWith: string[];
    attempts: { with: string; verdict: 'accepted' | 'refused' | 'unreadable'; why: string; exchangeId: string }[];
  }[];
  unknownClient: { answer: string; exchangeId: string };
  registrationChecks: { name: string; accepted: boolean; answer: string; exchangeId: string }[];
  garbageToken?: { answer: string; exchangeId: string };
  authorizationChecks: { probe: string; name: string; result: 'pass' | 'fail' | 'not-probed'; why: string; exchangeId?: string }[];
  findings: { id: string; severity: Severity; message: string; exchangeIds: string[] }[];
  discovery: { rule: string; severity: Severity; title: string }[];
  sessionId: string;
}

/** What the probe will do at a server, found by discovery alone, before the user says go ahead. */
export type ProbePlan = { ok: true; server: string; plan: string } | { ok: false; server: string; problem: string };

export interface ApiMap {
  'session:get': { request: void; response: SessionView | null };
  /** Options left out get their defaults. */
  'session:start': { request: { target: TargetInput; options: Partial<SessionOptions> }; response: SessionView };
  'session:next': { request: void; response: SessionView };
  'session:send': { request: { edited?: HttpRequest }; response: SessionView };
  'session:run-to-end': { request: void; response: SessionView };
  'session:rerun': {
    request: { step: StepName; options?: Partial<SessionOptions> };
    response: SessionView;
  };
  'session:reset': { request: void; response: SessionView | null };
  'session:export-har': { request: { includeSecrets: boolean }; response: HarExport };
  'session:import-har': { request: { fileName: string; content: string }; response: SessionView };
  'sessions:list': { request: void; response: SavedSessionInfo[] };
  'sessions:open': { request: { id: string }; response: SessionView };
  'clients:list': { request: void; response: ClientRecord[] };
  'clients:set-method': {
    request: { issuer: string; clientId: string; method: RegisteredMethod };
    response: ClientRecord[];
  };
  'clients:forget': { request: { issuer: string; clientId: string }; response: ClientRecord[] };
  'sandbox:profiles': { request: void; response: SandboxProfileInfo[] };
  'matrix:run': { request: { target: TargetInput; clients?: string[] }; response: MatrixReport };
  /** Discovery only: what the probe would do there (it registers clients, so the user agrees first). */
  'probe:plan': { request: { target: TargetInput }; response: ProbePlan };
  /** Every probe; the session is saved and opens like any other. */
  'probe:run': { request: { target: TargetInput; otherResource?: string }; response: ProbeReport };
  'shell:open-external': { request: { url: string }; response: void };
}

export type Channel = keyof ApiMap;
export type ApiRequest<C extends Channel> = ApiMap[C]['request'];
export type ApiResponse<C extends Channel> = ApiMap[C]['response'];

export const CHANNELS = [
  'session:get',
  'session:start',
  'session:next',
  'session:send',
  'session:run-to-end',
  'session:rerun',
  'session:reset',
  'session:export-har',
  'session:import-har',
  'sessions:list',
  'sessions:open',
  'clients:list',
  'clients:set-method',
  'clients:forget',
  'sandbox:profiles',
  'matrix:run',
  'probe:plan',
  'probe:run',
  'shell:open-external',
] as const satisfies readonly Channel[];

/** Pushed from the host whenever the session changes (a step starts, an exchange lands). */
export const SESSION_EVENT = 'event:session' as const;

export function isChannel(value: unknown): value is Channel {
  return typeof value === 'string' && (CHANNELS as readonly string[]).includes(value);
}

/** What the screen calls: the host's Api, with every change of the session as a whole view. */
export interface Api {
  invoke<C extends Channel>(channel: C, request: ApiRequest<C>): Promise<ApiResponse<C>>;
  onSession(listener: (view: SessionView) => void): () => void;
}

/** What the desktop app's preload exposes as window.authtrace: pushes come as view-delta.ts's ViewPush. */
export interface BridgeApi {
  invoke<C extends Channel>(channel: C, request: ApiRequest<C>): Promise<ApiResponse<C>>;
  onSession(listener: (push: ViewPush) => void): () => void;
}

export type { AuthMethod };
import type { ViewPush } from './view-delta.js';
