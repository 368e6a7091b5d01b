// Runs client profiles against one server: each headless, in a fresh client store, a few at a
// time; a profile whose bug lives in its client cache gets a second session that reuses the client.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { configOf, type ClientProfile, type FailureKind } from '../../shared/clients/index.js';
import { runDiagnostics } from '../../shared/diagnostics/index.js';
import { FlowEngine } from '../../shared/flow/engine.js';
import { readJsonObject } from '../../shared/flow/responses.js';
import type { Session, SessionConfig, Step } from '../../shared/model.js';
import type { ClientMetadataHost, HttpClient, RedirectListenerFactory } from '../../shared/flow/ports.js';
import type { MatrixReport } from '../../shared/contract.js';
import { createClientStore } from './client-store.js';
import { createSessionRedactor } from './session-redactor.js';

export type MatrixTarget = SessionConfig['target'];

export interface MatrixSession {
  pass: 'first' | 'cached';
  flow: 'completed' | 'failed' | 'refused';
  failedStep?: Step['name'];
  /** The session's error and warning diagnostics, by rule id. */
  rules: string[];
  /** What the client would show its user: its own words where a report gives them, else Authtrace's. */
  message?: string;
  /** Whether `message` is the client's own wording. */
  messageFromClient?: boolean;
  session: Session;
}

export interface MatrixRow {
  profile: ClientProfile;
  sessions: MatrixSession[];
  /** Why it did not run, for a profile that cannot run here yet. */
  notRun?: string;
}

export interface MatrixOptions {
  target: MatrixTarget;
  profiles: readonly ClientProfile[];
  http: HttpClient;
  redirect: RedirectListenerFactory;
  /** Serves the metadata documents of profiles that register through one. */
  clientMetadata?: ClientMetadataHost;
  timeoutMs: number;
  /** How many profiles run at once. */
  parallel?: number;
  /** Told about each session as it ends (to save it, to show progress). */
  onSession?: (profile: ClientProfile, session: MatrixSession) => Promise<void> | void;
}

export async function runMatrix(options: MatrixOptions): Promise<MatrixRow[]> {
  const rows: MatrixRow[] = options.profiles.map((profile) => ({ profile, sessions: [], ...(profile.notRunnable && { notRun: profile.notRunnable }) }));
  const queue = rows.filter((row) => !row.notRun);
  const workers = Array.from({ length: Math.max(1, Math.min(options.parallel ?? 3, queue.length)) }, async () => {
    for (let row = queue.shift(); row; row = queue.shift()) row.sessions = await runProfile(row.profile, options);
  });
  await Promise.all(workers);
  return rows;
}

async function runProfile(profile: ClientProfile, options: MatrixOptions): Promise<MatrixSession[]> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), `authtrace-matrix-${profile.id}-`));
  try {
    const clients = createClientStore(dataDir);
    const passes: MatrixSession['pass'][] = profile.behaviour.cachedPass.value ? ['first', 'cached'] : ['first'];
    const sessions: MatrixSession[] = [];
    for (const pass of passes) {
      const config: SessionConfig = {
        target: options.target,
        registration: 'auto',
        headless: true,
        newClient: pass === 'first',
        timeoutMs: options.timeoutMs,
        ...configOf(profile),
      };
      const engine = new FlowEngine(config, {
        http: options.http,
        redirect: options.redirect,
        browser: { open: async () => undefined },
        clients,
        ...(options.clientMetadata && { clientMetadata: options.clientMetadata }),
      });
      let session: Session;
      try {
        session = await engine.runToEnd();
      } finally {
        await engine.close();
      }
      const result = judge(profile, pass, session);
      sessions.push(result);
      await options.onSession?.(profile, result);
    }
    return sessions;
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
}

function judge(profile: ClientProfile, pass: MatrixSession['pass'], session: Session): MatrixSession {
  const rules = [...new Set(runDiagnostics(session).filter((d) => d.severity !== 'info').map((d) => d.rule))];
  const failed = session.steps.find((s) => s.status === 'failed');
  if (!failed) return { pass, flow: 'completed', rules, session };
  const kind = failureKind(failed);
  const own = profile.messages[kind];
  return {
    pass,
    flow: kind === 'stopped' ? 'refused' : 'failed',
    failedStep: failed.name,
    rules,
    message: own ? withServerWords(own.value, session, failed) : (failed.error?.message ?? 'failed'),
    messageFromClient: own !== undefined,
    session,
  };
}

/** A client that shows the server's own words: `{error_description}` is the failed step's last OAuth error description. */
function withServerWords(message: string, session: Session, step: Step): string {
  if (!message.includes('{error_description}')) return message;
  const last = session.exchanges.filter((e) => step.exchangeIds.includes(e.id)).at(-1);
  const read = last?.outcome === 'response' ? readJsonObject(last.response) : undefined;
  const body = read?.ok ? read.value : {};
  const said = typeof body.error_description === 'string' ? body.error_description : typeof body.error === 'string' ? body.error : '';
  return message.replace('{error_description}', said);
}

const DISCOVERY_STEPS: ReadonlySet<string> = new Set(['probe', 'resource-metadata', 'authorization-server-metadata']);

export function failureKind(step: Step): FailureKind {
  const code = step.error?.code;
  if (step.error?.rule) return 'stopped';
  if (DISCOVERY_STEPS.has(step.name)) return 'discovery';
  if (step.name === 'registration') return 'registration';
  if (step.name === 'authorize') return 'authorize';
  if (step.name === 'token' || step.name === 'refresh') return code === 'TOKEN_INVALID_CLIENT' ? 'token-unauthorized' : 'token';
  if (code === 'MCP_INSUFFICIENT_SCOPE') return 'mcp-forbidden';
  return code === 'MCP_UNAUTHORIZED' ? 'mcp-unauthorized' : 'mcp';
}

/** The client's message with the session's secrets redacted, as the HAR would (servers echo them in errors). */
export function redactedMessage(session: MatrixSession): string | undefined {
  if (session.message === undefined) return undefined;
  const redactor = createSessionRedactor();
  redactor.learn(session.session);
  return redactor.text(session.message);
}

/** The matrix as data: what `authtrace matrix --json` prints and the app's Compatibility view shows. */
export function matrixReport(server: string, rows: readonly MatrixRow[]): MatrixReport {
  return {
    server,
    clients: rows.map((row) => ({
      id: row.profile.id,
      name: row.profile.name,
      version: row.profile.version,
      ...(row.notRun && { notRun: row.notRun }),
      sessions: row.sessions.map((s) => {
        const message = redactedMessage(s);
        return { pass: s.pass, flow: s.flow, ...(s.failedStep && { failedStep: s.failedStep }), rules: s.rules, ...(message !== undefined && { message }), sessionId: s.session.id };
      }),
    })),
  };
}
