// The step engine: prepares each step's request (so it can be shown and edited), sends it,
// and records every exchange. Steps run strictly one at a time.
import {
  CURRENT_REVISION,
  MAX_BODY_BYTES,
  STEP_NAMES,
  type AuthMethodReport,
  type Exchange,
  type HttpRequest,
  type Revision,
  type Session,
  type SessionConfig,
  type Step,
  type StepName,
} from '../model.js';
import { advertisedMethods, StepFailure, type FlowState, type StepDefinition, type StepRuntime } from './context.js';
import type { BrowserOpener, ClientStore, HttpClient, RedirectListenerFactory } from './ports.js';
import { asMetadataStep } from './steps/as-metadata.js';
import { authorizeStep } from './steps/authorize.js';
import { mcpStep } from './steps/mcp.js';
import { probeStep } from './steps/probe.js';
import { registrationStep } from './steps/registration.js';
import { resourceMetadataStep } from './steps/resource-metadata.js';
import { refreshStep, tokenStep } from './steps/token.js';

export interface EngineDeps {
  http: HttpClient;
  redirect: RedirectListenerFactory;
  browser: BrowserOpener;
  clients: ClientStore;
}

const DEFINITIONS: Record<StepName, StepDefinition> = {
  probe: probeStep,
  'resource-metadata': resourceMetadataStep,
  'authorization-server-metadata': asMetadataStep,
  registration: registrationStep,
  authorize: authorizeStep,
  token: tokenStep,
  mcp: mcpStep,
  refresh: refreshStep,
};

/** MCP step-up: authorize again with the union of scopes; at most 3 authorizations in all. */
const MAX_STEP_UPS = 2;

export type NextAction = { step: StepName; action: 'prepare' | 'send' } | null;

type MethodUse = Pick<AuthMethodReport, 'used' | 'chosenBy' | 'reason'>;

function randomId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(8));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

function stepIsEdited(original: HttpRequest, sent: HttpRequest): boolean {
  return JSON.stringify(original) !== JSON.stringify(sent);
}

export class FlowEngine {
  #config: SessionConfig;
  readonly #deps: EngineDeps;
  readonly #id: string;
  readonly #createdAt: string;
  #steps: Step[];
  #exchanges: Exchange[] = [];
  /** What the token step chose and sent; advertised and registered are read from the state. */
  #choice: MethodUse = { used: null, chosenBy: null, reason: null };
  #state: FlowState;
  #waiting: { url: string } | undefined;
  #listeners = new Set<(session: Session) => void>();
  #queue: Promise<unknown> = Promise.resolve();
  #snapshot: Session | undefined;
  #exchangeCounter = 0;
  /** The request the current send started from, to mark the first exchange as edited. */
  #pendingEdit: { original: HttpRequest; sent: HttpRequest } | undefined;

  constructor(config: SessionConfig, deps: EngineDeps, opts: { id?: string } = {}) {
    this.#config = config;
    this.#deps = deps;
    this.#id = opts.id ?? randomId();
    this.#createdAt = new Date().toISOString();
    this.#steps = STEP_NAMES.map((name) => ({ name, status: 'pending', exchangeIds: [] }));
    this.#state = this.#initialState();
  }

  #initialState(): FlowState {
    const target = this.#config.target;
    const state: FlowState = {
      revision: this.#config.revision ?? CURRENT_REVISION,
      revisionPinned: this.#config.revision !== undefined,
      scopes: [],
      stepUps: 0,
    };
    if (target.kind === 'mcp') state.mcpUrl = target.url;
    else state.issuer = target.issuer;
    return state;
  }

  get session(): Session {
    this.#snapshot ??= {
      id: this.#id,
      createdAt: this.#createdAt,
      config: this.#config,
      revision: this.#state.revision,
      steps: this.#steps.map((s) => ({ ...s, exchangeIds: [...s.exchangeIds] })),
      exchanges: [...this.#exchanges],
      ...(this.#state.client && { client: this.#state.client }),
      authMethod: {
        advertised: advertisedMethods(this.#state.as),
        registered: this.#state.client?.token_endpoint_auth_method ?? null,
        ...this.#choice,
      },
      ...(this.#state.issuer && { issuer: this.#state.issuer }),
    };
    return this.#snapshot;
  }

  get config(): SessionConfig {
    return this.#config;
  }

  get waitingForBrowser(): { url: string } | undefined {
    return this.#waiting;
  }

  subscribe(listener: (session: Session) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  #changed(): void {
    this.#snapshot = undefined;
    // The snapshot copies steps and exchanges: build it only for someone who looks.
    if (this.#listeners.size === 0) return;
    const session = this.session;
    for (const listener of this.#listeners) listener(session);
  }

  #step(name: StepName): Step {
    return this.#steps.find((s) => s.name === name)!;
  }

  next(): NextAction {
    for (const step of this.#steps) {
      if (step.name === 'refresh' && !this.#config.refresh) return null;
      if (step.status === 'failed' || step.status === 'running') return null;
      if (step.status === 'ready') return { step: step.name, action: 'send' };
      if (step.status === 'pending') return { step: step.name, action: 'prepare' };
    }
    return null;
  }

  /** Runs one operation at a time, in call order. */
  #exclusive<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.#queue.then(fn, fn);
    this.#queue = run.catch(() => undefined);
    return run;
  }

  prepareNext(): Promise<Session> {
    return this.#exclusive(async () => {
      const next = this.next();
      if (next?.action === 'prepare') await this.#prepare(next.step);
      return this.session;
    });
  }

  send(edited?: HttpRequest): Promise<Session> {
    return this.#exclusive(async () => {
      const next = this.next();
      if (next?.action === 'send') await this.#send(next.step, edited);
      return this.session;
    });
  }

  /** Next step: prepares the next step, or sends it when it is prepared. */
  step(): Promise<Session> {
    return this.#exclusive(async () => {
      const next = this.next();
      if (next?.action === 'prepare') await this.#prepare(next.step);
      else if (next?.action === 'send') await this.#send(next.step);
      return this.session;
    });
  }

  runToEnd(): Promise<Session> {
    return this.#exclusive(async () => {
      for (let next = this.next(); next; next = this.next()) {
        if (next.action === 'prepare') await this.#prepare(next.step);
        else await this.#send(next.step);
      }
      return this.session;
    });
  }

  /**
   * Puts `name` and every later step back to pending, applies the options, and prepares `name`
   * again. With `replace`, the options are the whole set: an option left out is cleared (the UI
   * sends its toolbar as it stands); otherwise they patch the current ones.
   */
  rerun(name: StepName, options: Partial<SessionConfig> = {}, { replace = false }: { replace?: boolean } = {}): Promise<Session> {
    return this.#exclusive(async () => {
      const base: SessionConfig = replace
        ? { target: this.#config.target, registration: this.#config.registration, strategy: this.#config.strategy, headless: this.#config.headless, newClient: this.#config.newClient, timeoutMs: this.#config.timeoutMs }
        : this.#config;
      this.#config = { ...base, ...options, target: this.#config.target, headless: this.#config.headless };
      if (this.#config.revision) {
        this.#state.revision = this.#config.revision;
        this.#state.revisionPinned = true;
      } else {
        this.#state.revisionPinned = false;
      }
      const from = STEP_NAMES.indexOf(name);
      for (const step of this.#steps.slice(from)) this.#resetStep(step);
      this.#forgetFrom(name);
      this.#changed();
      // Steps before `name` that never ran must run first.
      const next = this.next();
      if (next?.action === 'prepare') await this.#prepare(next.step);
      return this.session;
    });
  }

  async close(): Promise<void> {
    await this.#state.listener?.close().catch(() => undefined);
    this.#state.listener = undefined;
  }

  #resetStep(step: Step): void {
    step.status = 'pending';
    delete step.prepared;
    delete step.error;
    delete step.summary;
    delete step.durationMs;
    delete step.startedAt;
  }

  /** Forgets what the steps from `name` on had found, so they find it again. */
  #forgetFrom(name: StepName): void {
    const s = this.#state;
    const order = STEP_NAMES.indexOf(name);
    const at = (n: StepName) => order <= STEP_NAMES.indexOf(n);
    if (at('probe')) delete s.challenge;
    if (at('resource-metadata')) {
      delete s.resourceMetadata;
      delete s.resource;
      delete s.legacyAuthorizationBase;
      if (this.#config.target.kind === 'mcp') delete s.issuer;
    }
    if (at('authorization-server-metadata')) delete s.as;
    if (at('registration')) delete s.client;
    if (at('authorize')) {
      delete s.code;
      delete s.authorization;
      s.scopes = [];
      s.stepUps = 0;
      delete s.stepUpRequested;
    }
    if (at('token')) {
      delete s.tokens;
      this.#choice = { used: null, chosenBy: null, reason: null };
    }
  }

  async #prepare(name: StepName): Promise<void> {
    const step = this.#step(name);
    step.status = 'running';
    step.startedAt = new Date().toISOString();
    this.#changed();
    try {
      const prep = await DEFINITIONS[name].prepare(this.#runtime(name));
      if (prep.kind === 'request') {
        step.status = 'ready';
        step.prepared = prep.request;
      } else {
        step.status = prep.kind === 'skip' ? 'skipped' : 'done';
        step.summary = prep.summary;
        step.durationMs = 0;
      }
    } catch (e) {
      this.#fail(step, e);
    }
    this.#changed();
  }

  async #send(name: StepName, edited?: HttpRequest): Promise<void> {
    const step = this.#step(name);
    const prepared = step.prepared!;
    const request = edited ?? prepared;
    if (edited && stepIsEdited(prepared, edited)) this.#pendingEdit = { original: prepared, sent: edited };
    step.status = 'running';
    const started = Date.now();
    step.startedAt = new Date(started).toISOString();
    this.#changed();
    try {
      step.summary = await DEFINITIONS[name].execute(this.#runtime(name), request);
      step.status = 'done';
    } catch (e) {
      this.#fail(step, e);
    } finally {
      this.#pendingEdit = undefined;
      step.durationMs = Date.now() - started;
    }
    if (name === 'mcp' && (step.status as Step['status']) === 'failed') this.#maybeStepUp(step);
    this.#changed();
  }

  #maybeStepUp(step: Step): void {
    const wanted = this.#state.stepUpRequested;
    if (wanted === undefined || this.#state.stepUps >= MAX_STEP_UPS) return;
    delete this.#state.stepUpRequested;
    const union = [...new Set([...this.#state.scopes, ...wanted.split(' ').filter(Boolean)])];
    // Asking again for what was already asked cannot help: leave the failure as it is.
    if (union.length === this.#state.scopes.length) return;
    const stepUps = this.#state.stepUps + 1;
    for (const name of ['authorize', 'token', 'mcp'] as const) this.#resetStep(this.#step(name));
    this.#forgetFrom('authorize');
    this.#state.scopes = union;
    this.#state.stepUps = stepUps;
    step.summary = `step-up ${stepUps}: the server asked for "${wanted}"; authorizing again with "${union.join(' ')}"`;
  }

  #fail(step: Step, e: unknown): void {
    step.status = 'failed';
    if (e instanceof StepFailure) step.error = { message: e.message, ...(e.hint && { hint: e.hint }) };
    else step.error = { message: `Unexpected error in the ${step.name} step: ${(e as Error)?.message ?? String(e)}`, hint: 'This is a bug in Authtrace; the exchanges so far are kept.' };
  }

  #runtime(name: StepName): StepRuntime {
    const step = this.#step(name);
    const record = (exchange: Exchange): void => {
      this.#exchanges.push(exchange);
      step.exchangeIds.push(exchange.id);
      this.#changed();
    };
    const nextId = () => `ex-${++this.#exchangeCounter}`;
    return {
      config: this.#config,
      state: this.#state,
      http: this.#deps.http,
      redirect: this.#deps.redirect,
      browser: this.#deps.browser,
      clients: this.#deps.clients,
      send: async (request, role, purpose, signal) => {
        const result = await this.#deps.http.send(request, { timeoutMs: this.#config.timeoutMs, maxBodyBytes: MAX_BODY_BYTES, ...(signal && { signal }) });
        const edit = this.#pendingEdit;
        const edited = edit && edit.sent === request ? { edited: { original: edit.original } } : {};
        const id = nextId();
        const base = { id, step: name, role, purpose, origin: 'engine' as const, startedAt: result.startedAt, request: result.sent, ...edited };
        record(result.outcome === 'response' ? { ...base, outcome: 'response', response: result.response, timings: result.timings } : { ...base, outcome: 'network-error', error: result.error, timings: result.timings });
        return { ...result, exchangeId: id };
      },
      recordBrowser: (entry) => {
        const id = nextId();
        const base = { id, step: name, role: entry.role, purpose: entry.purpose, origin: 'browser' as const, request: entry.request };
        if (entry.kind === 'opened') record({ ...base, startedAt: new Date().toISOString(), outcome: 'opened-in-browser' });
        else record({ ...base, startedAt: entry.startedAt, outcome: 'response', response: entry.response, timings: { wait: 0, receive: 0, total: 0 } });
        return id;
      },
      setWaitingForBrowser: (url) => {
        this.#waiting = url ? { url } : undefined;
        this.#changed();
      },
      reportMethod: (patch) => {
        this.#choice = { ...this.#choice, ...patch };
        this.#changed();
      },
      setRevision: (revision: Revision) => {
        this.#state.revision = revision;
        this.#changed();
      },
      setIssuer: (issuer) => {
        this.#state.issuer = issuer;
      },
      setClient: (client) => {
        this.#state.client = client;
        this.#changed();
      },
    };
  }
}
