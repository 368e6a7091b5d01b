// The step engine: prepares each step's request (so it can be shown and edited), sends it,
// and records every exchange. Steps run strictly one at a time.
import { stepsUp } from './step-up.js';
import {
  CURRENT_REVISION,
  sendLimits,
  targetUrl,
  STEP_NAMES,
  type Exchange,
  type Continuation,
  type HttpRequest,
  type MethodChoice,
  type Session,
  type SessionConfig,
  type Step,
  type StepName,
} from '../model.js';
import { CodedError } from '../errors/index.js';
import { StepFailure, type FlowState, type StatePatch, type StepDefinition, type StepRuntime } from './context.js';
import type { BrowserOpener, ClientMetadataHost, ClientStore, HttpClient, RedirectListenerFactory } from './ports.js';
import { sentExchange } from './responses.js';
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
  /** Where a client profile's metadata document is served, when it registers that way. */
  clientMetadata?: ClientMetadataHost;
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

/**
 * Not forgotten by a re-run: the loopback listener (the registered redirect URI names its port)
 * and the negotiated revision (what the server speaks; a pinned one is applied by rerun).
 */
const KEPT_ACROSS_RERUNS: ReadonlySet<keyof FlowState> = new Set(['listener', 'revision']);

/** MCP step-up: authorize again with the union of scopes; at most 3 authorizations in all. */
const MAX_STEP_UPS = 2;

export type StopReason = 'deadline' | 'interrupted';

export type NextAction = { step: StepName; action: 'prepare' | 'send' } | null;

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
  /** What the token step chose and why; everything else about the method is read from the exchanges. */
  #choice: MethodChoice | undefined;
  #state: FlowState;
  readonly #transport: string | undefined;
  /** Compliance stops gone past on the user's word; history, never forgotten by a re-run. */
  readonly #continuations: Continuation[] = [];
  /** Every value each field of the state was given, with the step that gave it. */
  readonly #writes = new Map<keyof FlowState, { owner: StepName; value: unknown }[]>();
  #waiting: { url: string } | undefined;
  /** Aborts whatever the run is waiting for when the run is stopped. */
  readonly #run = new AbortController();
  #stopped: StopReason | undefined;
  /** Discovery ran again once after the MCP server refused a token. */
  #rediscovered = false;
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
    this.#transport = deps.http.describeTransport?.(targetUrl(config.target));
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
      ...(this.#choice && { methodChoice: this.#choice }),
      ...(this.#state.issuer && { issuer: this.#state.issuer }),
      ...(this.#transport !== undefined && { transport: this.#transport }),
      ...(this.#continuations.length > 0 && { continuations: [...this.#continuations] }),
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

  /** Why the run was stopped, once it was. */
  get stopped(): StopReason | undefined {
    return this.#stopped;
  }

  /**
   * Stops the run: the request or wait in flight ends (what arrived is recorded), its step fails
   * with RUN_DEADLINE or RUN_INTERRUPTED, and no further step runs.
   */
  stop(reason: StopReason): void {
    if (this.#stopped) return;
    this.#stopped = reason;
    this.#run.abort(new Error(reason === 'deadline' ? 'the run deadline passed' : 'the run was interrupted'));
  }

  next(): NextAction {
    if (this.#stopped) return null;
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

  /** Applies what `owner` found; each field keeps the values the steps wrote, in order. */
  #write(owner: StepName, patch: StatePatch): void {
    const state = this.#state as unknown as Record<string, unknown>;
    for (const [key, value] of Object.entries(patch) as [keyof FlowState, unknown][]) {
      if (value === undefined) delete state[key];
      else state[key] = value;
      this.#writes.set(key, [...(this.#writes.get(key) ?? []), { owner, value }]);
    }
  }

  /**
   * Forgets what the steps from `name` on wrote, so they find it again: each field goes back to
   * what an earlier step wrote (the token response a refresh replaced), else to its initial value.
   */
  #forgetFrom(name: StepName): void {
    const from = STEP_NAMES.indexOf(name);
    const initial = this.#initialState() as unknown as Record<string, unknown>;
    const state = this.#state as unknown as Record<string, unknown>;
    for (const [key, writes] of this.#writes) {
      if (KEPT_ACROSS_RERUNS.has(key)) continue;
      const kept = writes.filter((w) => STEP_NAMES.indexOf(w.owner) < from);
      if (kept.length === writes.length) continue;
      const last = kept[kept.length - 1];
      if (last) state[key] = last.value;
      else if (key in initial) state[key] = initial[key];
      else delete state[key];
      if (kept.length > 0) this.#writes.set(key, kept);
      else this.#writes.delete(key);
    }
    if (from <= STEP_NAMES.indexOf('token')) this.#choice = undefined;
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
    if (name === 'mcp' && (step.status as Step['status']) === 'failed') {
      // Observers see the refusal before the flow goes round again (a step-up, or discovery anew).
      this.#changed();
      if (!this.#maybeStepUp(step)) this.#maybeRediscover(step);
    }
    this.#changed();
  }

  /**
   * A token the MCP server refuses (401) may come from an authorization server it no longer uses
   * (MCP 2026-07-28: credentials are bound to their issuer). Discover once more from the probe: a
   * changed authorization_servers means another issuer, hence a new registration there.
   */
  #maybeRediscover(step: Step): boolean {
    if (step.error?.code !== 'MCP_UNAUTHORIZED' || this.#rediscovered || this.#stopped) return false;
    this.#rediscovered = true;
    const error = step.error;
    for (const s of this.#steps) this.#resetStep(s);
    this.#forgetFrom('probe');
    step.summary = `the server refused the access token (${error.message}); discovering again, since its authorization server may have changed`;
    return true;
  }

  #maybeStepUp(step: Step): boolean {
    const wanted = this.#state.stepUpRequested;
    if (wanted === undefined || this.#state.stepUps >= MAX_STEP_UPS || !stepsUp(this.#config.client, this.#state.tokens?.refresh_token !== undefined)) return false;
    this.#write('mcp', { stepUpRequested: undefined });
    const union = [...new Set([...this.#state.scopes, ...wanted.split(' ').filter(Boolean)])];
    // Asking again for what was already asked cannot help: leave the failure as it is.
    if (union.length === this.#state.scopes.length) return false;
    const stepUps = this.#state.stepUps + 1;
    for (const name of ['authorize', 'token', 'mcp'] as const) this.#resetStep(this.#step(name));
    this.#forgetFrom('authorize');
    this.#write('authorize', { scopes: union, stepUps });
    step.summary = `step-up ${stepUps}: the server asked for "${wanted}"; authorizing again with "${union.join(' ')}"`;
    return true;
  }

  #fail(step: Step, e: unknown): void {
    step.status = 'failed';
    if (this.#stopped) {
      const detail = e instanceof Error ? ` (${e.message})` : '';
      step.error =
        this.#stopped === 'deadline'
          ? { code: 'RUN_DEADLINE', message: `The run deadline passed during the ${step.name} step${detail}.`, hint: 'Raise --deadline, or find out from the recorded exchanges what the server was slow to answer.' }
          : { code: 'RUN_INTERRUPTED', message: `The run was interrupted during the ${step.name} step${detail}.` };
      return;
    }
    // A store's error (a corrupt clients.json) reaches the step as a CodedError of its own, with its code and hint.
    if (e instanceof CodedError) step.error = { code: e.code, message: e.message, ...(e.hint && { hint: e.hint }), ...(e instanceof StepFailure && e.rule && { rule: e.rule }) };
    else step.error = { code: 'INTERNAL_ERROR', message: `Unexpected error in the ${step.name} step: ${(e as Error)?.message ?? String(e)}`, hint: 'This is a bug in Authtrace; the exchanges so far are kept.' };
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
      ...(this.#deps.clientMetadata && { clientMetadata: this.#deps.clientMetadata }),
      signal: this.#run.signal,
      stopUnlessContinued: (failure) => {
        const allowed = this.#config.continueOn ?? [];
        if (failure.rule === undefined || (!allowed.includes('all') && !allowed.includes(failure.rule))) throw failure;
        this.#continuations.push({ step: name, rule: failure.rule, message: failure.message, at: new Date().toISOString() });
        this.#changed();
      },
      send: async (request, role, purpose, signal) => {
        const stop = this.#run.signal;
        const either = signal ? AbortSignal.any([stop, signal]) : stop;
        const config = this.#config;
        const result = await this.#deps.http.send(request, { ...sendLimits(config), signal: either });
        const edit = this.#pendingEdit;
        const edited = edit && edit.sent === request ? { edited: { original: edit.original } } : {};
        const id = nextId();
        record(sentExchange({ id, step: name, role, purpose, origin: 'engine', ...edited }, result));
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
      recordChoice: (choice) => {
        this.#choice = choice;
        this.#changed();
      },
      write: (patch, opts) => {
        if (opts && STEP_NAMES.indexOf(opts.owner) > STEP_NAMES.indexOf(name)) throw new Error(`the ${name} step cannot write for the later ${opts.owner} step`);
        this.#write(opts?.owner ?? name, patch);
        this.#changed();
      },
    };
  }
}

