// One SessionController serves every ApiMap channel, for both hosts (Electron IPC and browser
// mode's WebSocket): a FlowEngine plus the stores, the sandbox, diagnostics and HAR.
import { appVersion } from './app-version.js';
import type {
  ApiMap,
  ApiRequest,
  ApiResponse,
  Channel,
  HarExport,
  MatrixReport,
  OpenedFrom,
  ProbeReport,
  SandboxInfo,
  SandboxProfileInfo,
  SessionView,
  TargetInput,
} from '../../shared/contract.js';
import { CLIENT_PROFILES, clientProfile } from '../../shared/clients/index.js';
import { runDiagnostics } from '../../shared/diagnostics/index.js';
import { CodedError, type ErrorCode } from '../../shared/errors/index.js';
import { FlowEngine } from '../../shared/flow/engine.js';
import type { BrowserOpener, ClientStore, HttpClient, RedirectListenerFactory } from '../../shared/flow/ports.js';
import { exportHar } from '../../shared/har/export.js';
import { importHar } from '../../shared/har/import.js';
import { DEFAULT_TIMEOUT_MS, defaultConfig, type Diagnostic, type Session, type SessionConfig } from '../../shared/model.js';
import { SANDBOX_PROFILES } from '../sandbox/profiles.js';
import { checkExternalUrl } from '../security/external-url.js';
import { createClientStore, type SecretSealer } from './client-store.js';
import { createClientMetadataHost } from './client-metadata-host.js';
import { matrixReport, runMatrix } from './compatibility-matrix.js';
import { discoverForProbe, planOf, runProbe } from './server-probe.js';
import { otherApi } from '../sandbox/authorization-server.js';
import { createLoopbackRedirectListener } from './loopback-listener.js';
import { createRecordingHttpClient } from './recording-http.js';
import { retentionDays } from './retention.js';
import { createSessionStore, type SessionStore } from './session-store.js';

export type ApiHandlers = { [C in Channel]: (request: ApiRequest<C>) => Promise<ApiResponse<C>> };

/** An error whose message and hint are meant for the user (shown in the UI's error banner). */
export class UserError extends CodedError {
  constructor(code: ErrorCode, message: string, hint?: string) {
    super(code, message, hint);
    this.name = 'UserError';
  }
}

export interface RunningSandboxLike {
  profile: string;
  mcpUrl: string;
  issuer: string;
  close(): Promise<void>;
}


export interface ControllerOptions {
  dataDir: string;
  /** How the authorize step reaches a browser: the system browser, or (browser mode) the page itself. */
  browser: BrowserOpener;
  /** shell:open-external, after the URL check. */
  openExternal: (url: string) => Promise<void>;
  sealer?: SecretSealer;
  http?: HttpClient;
  redirect?: RedirectListenerFactory;
  clients?: ClientStore;
  sessions?: SessionStore;
  startSandbox?: (opts: { profile: string }) => Promise<RunningSandboxLike>;
  /** Tells the HAR which build wrote it. */
  version?: string;
  /** A PEM bundle of CA certificates trusted besides the system's (AUTHTRACE_CA_FILE, `web --ca-file`). */
  caFile?: string;
}

type Current =
  | { kind: 'engine'; engine: FlowEngine; sandbox?: SandboxInfo; unsubscribe: () => void }
  | { kind: 'static'; session: Session; opened: OpenedFrom };

async function defaultStartSandbox(opts: { profile: string }): Promise<RunningSandboxLike> {
  // Loaded on demand: the sandbox brings oidc-provider and the MCP server SDK with it.
  const { startSandbox } = await import('../sandbox/index.js');
  return startSandbox(opts);
}

function harFileName(session: Session): string {
  const stamp = session.createdAt.replace(/[:]/g, '-').replace(/\.\d+Z$/, 'Z');
  return `authtrace-${stamp}-${session.id}.har`;
}

export class SessionController {
  readonly handlers: ApiHandlers;
  readonly #options: ControllerOptions;
  readonly #clients: ClientStore;
  readonly #sessions: SessionStore;
  readonly #http: HttpClient;
  readonly #redirect: RedirectListenerFactory;
  readonly #clientMetadata = createClientMetadataHost();
  readonly #startSandbox: (opts: { profile: string }) => Promise<RunningSandboxLike>;
  readonly #sandboxes = new Map<string, Promise<RunningSandboxLike>>();
  readonly #listeners = new Set<(view: SessionView) => void>();
  #current: Current | undefined;
  /** Start, reset, import and open run one at a time, in call order: the last one asked for wins. */
  #replacing: Promise<unknown> = Promise.resolve();
  /** Diagnostics per session snapshot: the engine makes a new snapshot object on every change only. */
  readonly #diagnostics = new WeakMap<Session, Diagnostic[]>();
  /** The last view, reused while nothing it shows has changed (so a reply and a push are the same object). */
  #lastView: { current: Current; session: Session; waiting: { url: string } | undefined; view: SessionView } | undefined;
  #pushScheduled = false;
  #closed = false;

  constructor(options: ControllerOptions) {
    this.#options = options;
    this.#clients = options.clients ?? createClientStore(options.dataDir, options.sealer);
    this.#sessions =
      options.sessions ??
      createSessionStore(options.dataDir, { ...(options.sealer && { sealer: options.sealer }), ...(retentionDays() !== undefined && { retentionDays: retentionDays()! }), onError: () => undefined });
    this.#http = options.http ?? createRecordingHttpClient({ ...(options.caFile && { caFile: options.caFile }) });
    this.#redirect = options.redirect ?? createLoopbackRedirectListener();
    this.#startSandbox = options.startSandbox ?? defaultStartSandbox;
    this.handlers = this.#createHandlers();
  }

  /** Every change of the current session, coalesced to one view per turn of the event loop. */
  onView(listener: (view: SessionView) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /**
   * The SessionView of the current session, or null. The same object as long as the session
   * snapshot and the browser wait are the same; diagnostics run once per snapshot.
   */
  view(): SessionView | null {
    const current = this.#current;
    if (!current) return null;
    const session = current.kind === 'static' ? current.session : current.engine.session;
    const waiting = current.kind === 'static' ? undefined : current.engine.waitingForBrowser;
    const last = this.#lastView;
    if (last && last.current === current && last.session === session && last.waiting === waiting) return last.view;
    let view: SessionView;
    if (current.kind === 'static') {
      view = { session, opened: current.opened, diagnostics: this.#diagnosticsOf(session), next: null };
    } else {
      view = { session, diagnostics: this.#diagnosticsOf(session), next: current.engine.next() };
      if (current.sandbox) view.sandbox = current.sandbox;
      if (waiting) view.waitingForBrowser = waiting;
    }
    this.#lastView = { current, session, waiting, view };
    return view;
  }

  #diagnosticsOf(session: Session): Diagnostic[] {
    let diagnostics = this.#diagnostics.get(session);
    if (!diagnostics) {
      diagnostics = runDiagnostics(session);
      this.#diagnostics.set(session, diagnostics);
    }
    return diagnostics;
  }

  async close(): Promise<void> {
    this.#closed = true;
    await this.#replace(undefined);
    const sandboxes = [...this.#sandboxes.values()];
    this.#sandboxes.clear();
    await Promise.all(sandboxes.map(async (s) => (await s.catch(() => undefined))?.close()));
    await this.#clientMetadata.close();
    await this.#sessions.flush().catch(() => undefined);
  }

  #schedulePush(): void {
    if (this.#pushScheduled || this.#listeners.size === 0) return;
    this.#pushScheduled = true;
    setImmediate(() => {
      this.#pushScheduled = false;
      const view = this.view();
      if (!view) return;
      for (const listener of this.#listeners) listener(view);
    });
  }

  #requireView(): SessionView {
    const view = this.view();
    if (!view) throw new UserError('API_NO_SESSION', 'There is no session yet.', 'Start one with Next step.');
    return view;
  }

  #engine(): FlowEngine {
    const current = this.#current;
    if (!current) throw new UserError('API_NO_SESSION', 'There is no session yet.', 'Start one with Next step.');
    if (current.kind === 'static') {
      throw new UserError('API_SESSION_READ_ONLY', 'This session was opened from a file; its steps cannot be run again.', 'Press Reset to run a new session with the same settings.');
    }
    return current.engine;
  }

  /**
   * Makes `next` current first, then closes what was current: there is never a moment without a
   * session, and an operation still running on the old engine ends with the new view.
   */
  async #replace(next: Current | undefined): Promise<void> {
    const old = this.#current;
    this.#current = next;
    if (next) this.#schedulePush();
    if (old?.kind === 'engine') {
      old.unsubscribe();
      await old.engine.close();
      this.#saveSoon(old.engine.session);
    }
  }

  /** Runs operations that replace the current session one at a time, in call order. */
  #exclusive<T>(operation: () => Promise<T>): Promise<T> {
    const run = this.#replacing.then(operation, operation);
    this.#replacing = run.catch(() => undefined);
    return run;
  }

  /** Every session with an exchange is saved as it goes, so it can be opened again later. */
  #saveSoon(session: Session): void {
    if (session.exchanges.length > 0) this.#sessions.saveSoon(session);
  }

  async #sandbox(profile: string): Promise<RunningSandboxLike> {
    if (!SANDBOX_PROFILES.some((p) => p.name === profile)) {
      throw new UserError('USAGE_INVALID_VALUE', `There is no sandbox profile "${profile}".`, `Pick one of: ${SANDBOX_PROFILES.map((p) => p.name).join(', ')}.`);
    }
    let running = this.#sandboxes.get(profile);
    if (!running) {
      // One sandbox per profile for the controller's lifetime: its registered clients must outlive a session.
      running = this.#startSandbox({ profile });
      this.#sandboxes.set(profile, running);
      running.catch(() => this.#sandboxes.delete(profile));
    }
    return running;
  }

  /** The target as the engine takes it; a sandbox profile is started (once) and named by its MCP URL. */
  async #resolve(target: TargetInput): Promise<{ configTarget: SessionConfig['target']; sandbox?: SandboxInfo }> {
    if (target.kind === 'sandbox') {
      const running = await this.#sandbox(target.profile);
      return { configTarget: { kind: 'mcp', url: running.mcpUrl }, sandbox: { profile: running.profile, mcpUrl: running.mcpUrl, issuer: running.issuer } };
    }
    if (target.kind === 'mcp') return { configTarget: { kind: 'mcp', url: validUrl(target.url, 'MCP server URL') } };
    return { configTarget: { kind: 'issuer', issuer: validUrl(target.issuer, 'issuer') } };
  }

  /** Every client profile (or the chosen ones) against the target, each session saved to open later. */
  async #matrix(target: TargetInput, ids: string[] | undefined): Promise<MatrixReport> {
    if (this.#closed) throw new UserError('API_SHUTTING_DOWN', 'Authtrace is shutting down.');
    const profiles = ids === undefined ? [...CLIENT_PROFILES] : ids.map((id) => {
      const profile = clientProfile(id);
      if (!profile) throw new UserError('USAGE_INVALID_VALUE', `There is no client profile "${id}".`, `Pick from: ${CLIENT_PROFILES.map((p) => p.id).join(', ')}.`);
      return profile;
    });
    const { configTarget } = await this.#resolve(target);
    const rows = await runMatrix({
      target: configTarget,
      profiles,
      http: this.#http,
      redirect: this.#redirect,
      clientMetadata: this.#clientMetadata,
      timeoutMs: DEFAULT_TIMEOUT_MS,
      onSession: (_profile, result) => this.#sessions.save(result.session),
    });
    return matrixReport(configTarget.kind === 'mcp' ? configTarget.url : configTarget.issuer, rows);
  }

  /** Every probe against the target (the user agreed to its plan), the session saved to open later. */
  async #probe(target: TargetInput, otherResource: string | undefined): Promise<ProbeReport> {
    if (this.#closed) throw new UserError('API_SHUTTING_DOWN', 'Authtrace is shutting down.');
    const { configTarget } = await this.#resolve(target);
    const deps = { http: this.#http, clients: this.#clients };
    const discovered = await discoverForProbe(configTarget, DEFAULT_TIMEOUT_MS, deps);
    if (!discovered.ok) throw new UserError('API_PROBE_NOT_STARTED', `The probe could not start: ${discovered.problem}.`, 'Run the flow step by step to see where discovery stops.');
    // A sandbox's authorization server also issues tokens for its second API: the audience check gets a real answer.
    const other = otherResource ?? (target.kind === 'sandbox' && configTarget.kind === 'mcp' ? otherApi(configTarget.url) : undefined);
    const { report, session } = await runProbe(discovered, deps, { ...(other && { otherResource: other }) });
    await this.#sessions.save(session);
    return report;
  }

  async #start(target: TargetInput, options: Partial<SessionConfig>): Promise<SessionView> {
    if (this.#closed) throw new UserError('API_SHUTTING_DOWN', 'Authtrace is shutting down.');
    const { configTarget, sandbox } = await this.#resolve(target);
    const config: SessionConfig = { ...defaultConfig(configTarget), ...options, target: configTarget, headless: false };
    if (this.#closed) throw new UserError('API_SHUTTING_DOWN', 'Authtrace is shutting down.');
    const engine = new FlowEngine(config, {
      http: this.#http,
      redirect: this.#redirect,
      browser: this.#options.browser,
      clients: this.#clients,
      clientMetadata: this.#clientMetadata,
    });
    const unsubscribe = engine.subscribe((session) => {
      this.#saveSoon(session);
      this.#schedulePush();
    });
    await this.#replace({ kind: 'engine', engine, unsubscribe, ...(sandbox && { sandbox }) });
    return this.#requireView();
  }

  /**
   * Runs an engine operation, then answers with the view of whatever session is current by then.
   * An operation whose session was replaced meanwhile (Reset during a browser login) is not an
   * error: it answers with the new session's view.
   */
  async #advance(run: (engine: FlowEngine) => Promise<unknown>): Promise<SessionView> {
    const engine = this.#engine();
    try {
      await run(engine);
    } catch (error) {
      if (!this.#superseded(engine)) throw error;
    }
    if (this.#superseded(engine)) {
      // A replacement still on its way (a sandbox starting) lands first.
      await this.#replacing;
    }
    return this.#requireView();
  }

  #superseded(engine: FlowEngine): boolean {
    const current = this.#current;
    return current?.kind !== 'engine' || current.engine !== engine;
  }

  #restartConfig(): { target: TargetInput; options: Partial<SessionConfig> } | undefined {
    const current = this.#current;
    if (!current) return undefined;
    const session = current.kind === 'engine' ? current.engine.session : current.session;
    const { target: configTarget, headless: _headless, ...options } = session.config;
    const target: TargetInput =
      current.kind === 'engine' && current.sandbox
        ? { kind: 'sandbox', profile: current.sandbox.profile }
        : configTarget.kind === 'mcp'
          ? { kind: 'mcp', url: configTarget.url }
          : { kind: 'issuer', issuer: configTarget.issuer };
    return { target, options };
  }

  #exportHar(includeSecrets: boolean): HarExport {
    const view = this.#requireView();
    const har = exportHar(view.session, {
      diagnostics: view.diagnostics,
      includeSecrets,
      creator: { name: 'Authtrace', version: this.#options.version ?? appVersion() },
    });
    return { fileName: harFileName(view.session), content: `${JSON.stringify(har, null, 2)}\n` };
  }

  #createHandlers(): ApiHandlers {
    const handlers: { [C in keyof ApiMap]: (request: ApiRequest<C>) => Promise<ApiResponse<C>> } = {
      'session:get': async () => this.view(),
      'session:start': async ({ target, options }) => this.#exclusive(() => this.#start(target, options)),
      'session:next': async () => this.#advance((engine) => engine.step()),
      'session:send': async ({ edited }) => this.#advance((engine) => engine.send(edited)),
      'session:run-to-end': async () => this.#advance((engine) => engine.runToEnd()),
      'session:rerun': async ({ step, options }) => this.#advance((engine) => (options ? engine.rerun(step, options, { replace: true }) : engine.rerun(step))),
      'session:reset': async () =>
        this.#exclusive(async () => {
          const restart = this.#restartConfig();
          if (!restart) return null;
          return this.#start(restart.target, restart.options);
        }),
      'session:export-har': async ({ includeSecrets }) => this.#exportHar(includeSecrets === true),
      'session:import-har': async ({ fileName, content }) => {
        const result = importHar(content);
        if (!result.ok) throw new UserError(result.code, `${fileName} could not be opened: ${result.error}`);
        return this.#exclusive(async () => {
          const opened: OpenedFrom = { from: 'har', fileName, entriesRead: result.session.exchanges.length, skipped: result.skipped, warnings: result.warnings };
          await this.#replace({ kind: 'static', session: result.session, opened });
          return this.#requireView();
        });
      },
      'sessions:list': async () => this.#sessions.list(),
      'sessions:open': async ({ id }) => {
        let session: Session;
        try {
          session = await this.#sessions.load(id);
        } catch (error) {
          throw new UserError('API_NOT_FOUND', `The saved session ${id} could not be opened: ${(error as Error).message}`);
        }
        return this.#exclusive(async () => {
          await this.#replace({ kind: 'static', session, opened: { from: 'saved', savedAt: session.createdAt } });
          return this.#requireView();
        });
      },
      'clients:list': async () => this.#clients.list(),
      'clients:set-method': async ({ issuer, clientId, method }) => {
        const updated = await this.#clients.setMethod(issuer, clientId, method);
        if (!updated) throw new UserError('API_NOT_FOUND', `No stored client ${clientId} for ${issuer}.`);
        return this.#clients.list();
      },
      'clients:forget': async ({ issuer, clientId }) => {
        await this.#clients.forget(issuer, clientId);
        return this.#clients.list();
      },
      'matrix:run': async ({ target, clients }) => this.#matrix(target, clients),
      'probe:plan': async ({ target }) => {
        const { configTarget } = await this.#resolve(target);
        return planOf(configTarget, await discoverForProbe(configTarget, DEFAULT_TIMEOUT_MS, { http: this.#http, clients: this.#clients }));
      },
      'probe:run': async ({ target, otherResource }) => this.#probe(target, otherResource),
      'sandbox:profiles': async (): Promise<SandboxProfileInfo[]> => SANDBOX_PROFILES.map(({ name, description }) => ({ name, description })),
      'shell:open-external': async ({ url }) => {
        const verdict = checkExternalUrl(url);
        if (!verdict.ok) throw new UserError('USAGE_INVALID_VALUE', `Not opened: ${verdict.reason}.`);
        await this.#options.openExternal(verdict.url);
      },
    };
    return handlers;
  }
}

function validUrl(value: string, what: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new UserError('USAGE_INVALID_VALUE', `The ${what} is not a URL: ${value}`, 'Enter a full URL, starting with https://');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new UserError('USAGE_INVALID_VALUE', `The ${what} must be an http(s) URL.`);
  return url.href;
}
