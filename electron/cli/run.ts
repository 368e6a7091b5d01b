// `authtrace run`: the engine without a screen.
import { runDiagnostics } from '../../shared/diagnostics/index.js';
import { FlowEngine } from '../../shared/flow/engine.js';
import { exportHar } from '../../shared/har/export.js';
import type { Diagnostic, Session, Step } from '../../shared/model.js';
import { createClientStore } from '../services/client-store.js';
import { defaultDataDir } from '../services/data-dir.js';
import { createLoopbackRedirectListener } from '../services/loopback-listener.js';
import { createRecordingHttpClient } from '../services/recording-http.js';
import { openSystemBrowser } from '../services/system-browser.js';
import { wantsHelp } from './args.js';
import { writeHarFile } from './har-file.js';
import { paint, printError, UsageError, wantsJson, type CliIo } from './io.js';
import { buildReport, isOk } from './report.js';
import { authMethodPicture, type TokenAttempt } from '../../shared/interpret/auth-method.js';
import { parseRunOptions, RUN_USAGE, type RunOptions } from './run-options.js';

const SPINNER = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];

export async function runCommand(argv: string[], io: CliIo): Promise<number> {
  if (wantsHelp(argv)) {
    io.stdout(RUN_USAGE);
    return 0;
  }
  let options: RunOptions;
  try {
    options = parseRunOptions(argv);
  } catch (e) {
    if (e instanceof UsageError) {
      printError(io, e, { prefix: 'authtrace run', json: wantsJson(argv), usage: RUN_USAGE });
      return 2;
    }
    throw e;
  }
  const dataDir = options.dataDir ?? defaultDataDir();
  const engine = new FlowEngine(options.config, {
    http: createRecordingHttpClient(),
    redirect: createLoopbackRedirectListener(),
    browser: {
      open: async (url) => {
        // On stderr even with --json: without it a person has nothing to open if no browser starts.
        io.stderr(`Opening your browser to log in. If it does not open, visit:\n  ${url}\n`);
        await openSystemBrowser(url);
      },
    },
    clients: createClientStore(dataDir),
  });
  const progress = options.json ? undefined : new Progress(io);
  const unsubscribe = progress ? engine.subscribe((s) => progress.update(s)) : undefined;
  let session: Session;
  try {
    session = await engine.runToEnd();
  } finally {
    unsubscribe?.();
    progress?.stop();
    await engine.close();
  }
  const diagnostics = runDiagnostics(session);
  if (options.har) {
    const har = exportHar(session, { diagnostics, includeSecrets: options.includeSecrets });
    await writeHarFile(options.har, JSON.stringify(har, null, 2), options.includeSecrets);
  }
  if (options.json) io.stdout(`${JSON.stringify(buildReport(session, diagnostics, options.failOn), null, 2)}\n`);
  else printSummary(io, session, diagnostics, options);
  return isOk(session, diagnostics, options.failOn) ? 0 : 1;
}

/** One line per step as it runs: a spinner while it waits (on a terminal), then status and duration. */
class Progress {
  #printed = new Set<string>();
  #timer: ReturnType<typeof setInterval> | undefined;
  #frame = 0;
  #running: Step | undefined;
  constructor(private readonly io: CliIo) {}

  update(session: Session): void {
    for (const step of session.steps) {
      if ((step.status === 'done' || step.status === 'failed' || step.status === 'skipped') && !this.#printed.has(`${step.name}:${step.status}:${step.startedAt}`)) {
        this.#printed.add(`${step.name}:${step.status}:${step.startedAt}`);
        this.#clear();
        this.io.stderr(`${line(this.io, step)}\n`);
      }
    }
    this.#running = session.steps.find((s) => s.status === 'running');
    if (this.io.tty && this.#running && !this.#timer) {
      this.#timer = setInterval(() => this.#tick(), 80);
    }
  }

  #tick(): void {
    if (!this.#running) return;
    this.#frame = (this.#frame + 1) % SPINNER.length;
    this.io.stderr(`\r${SPINNER[this.#frame]} ${this.#running.name}…\u001b[K`);
  }

  #clear(): void {
    if (this.io.tty) this.io.stderr('\r\u001b[K');
  }

  stop(): void {
    if (this.#timer) clearInterval(this.#timer);
    this.#clear();
  }
}

function line(io: CliIo, step: Step): string {
  const mark = step.status === 'done' ? paint(io, 'green', '✓') : step.status === 'failed' ? paint(io, 'red', '✗') : paint(io, 'dim', '–');
  const ms = step.durationMs !== undefined ? paint(io, 'dim', ` ${step.durationMs} ms`) : '';
  const text = step.status === 'failed' ? step.error?.message ?? 'failed' : (step.summary ?? step.status);
  return `${mark} ${step.name.padEnd(30)} ${text}${ms}`;
}

/** "client_secret_post → 200", "none → 401 invalid_client, not the registered client_secret_post". */
function attemptText(attempt: TokenAttempt | null): string {
  if (!attempt) return '-';
  const method = attempt.used ?? (attempt.methods.length > 1 ? attempt.methods.join(' + ') : 'no client authentication');
  const answer = attempt.outcome === 'no-response' ? 'no response' : `${attempt.status ?? ''}${attempt.error ? ` ${attempt.error}` : ''}`;
  const why = attempt.disagreements.map((d) => (d.kind === 'not-registered' ? `not the registered ${d.registered}` : d.kind === 'not-advertised' ? 'not advertised' : 'several methods at once'));
  return `${method} → ${answer}${why.length > 0 ? ` (${why.join('; ')})` : ''}`;
}

function printSummary(io: CliIo, session: Session, diagnostics: Diagnostic[], options: RunOptions): void {
  const out: string[] = [''];
  const m = authMethodPicture(session);
  if (m.advertised !== null || m.registered !== null || m.latest !== null) {
    out.push(paint(io, 'bold', 'Token endpoint auth method'));
    out.push(`  advertised  ${m.advertised ? m.advertised.join(', ') : '(absent: RFC 8414 default client_secret_basic)'}`);
    out.push(`  registered  ${m.registered ?? '-'}${session.client ? ` (${session.client.source}, client ${session.client.client_id})` : ''}`);
    out.push(`  used        ${attemptText(m.latest)}${m.reason ? paint(io, 'dim', `  ← ${m.reason}`) : ''}`);
    for (const earlier of m.history) out.push(paint(io, 'dim', `  earlier     ${attemptText(earlier)}`));
    out.push('');
  }
  if (diagnostics.length > 0) {
    out.push(paint(io, 'bold', `Diagnostics (${diagnostics.length})`));
    const byStep = new Map<string, Diagnostic[]>();
    for (const d of diagnostics) byStep.set(d.step ?? 'session', [...(byStep.get(d.step ?? 'session') ?? []), d]);
    for (const [step, list] of byStep) {
      out.push(`  ${paint(io, 'dim', step)}`);
      for (const d of list) {
        const colour = d.severity === 'error' ? 'red' : d.severity === 'warning' ? 'yellow' : 'cyan';
        out.push(`    ${paint(io, colour, `${d.severity.toUpperCase().padEnd(7)} ${d.rule}`)} ${d.title}`);
        out.push(`            ${d.message}`);
        if (d.symptom) out.push(`            Clients report: ${d.symptom}`);
        out.push(`            ${paint(io, 'dim', `${d.spec.ref} ${d.spec.url}`)}`);
      }
    }
    out.push('');
  }
  const failed = session.steps.find((s) => s.status === 'failed');
  if (failed) {
    out.push(paint(io, 'red', `The flow failed at ${failed.name}: ${failed.error?.message ?? ''}`));
    if (failed.error?.hint) out.push(`  Try: ${failed.error.hint}`);
  } else {
    out.push(paint(io, 'green', 'The flow completed.'));
  }
  if (options.har) out.push(`HAR written to ${options.har}${options.includeSecrets ? ' (with secrets)' : ' (secrets redacted)'}`);
  if (!isOk(session, diagnostics, options.failOn) && !failed) out.push(`Exit 1: findings at or above --fail-on ${options.failOn}.`);
  io.stderr(`${out.join('\n')}\n`);
}
