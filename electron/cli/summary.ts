// What `authtrace run` prints for a person: a line per step while it runs, the summary at the end.
// Both are redacted as the HAR is (unless --include-secrets) and every value a server could have
// chosen goes through the sanitiser (`safe`, `paint`) before it reaches the terminal.
import type { TokenAttempt } from '../../shared/interpret/auth-method.js';
import type { Diagnostic, Session, Step } from '../../shared/model.js';
import { paint, type CliIo, type Colour } from './io.js';
import { buildReport, type ReportOptions, type RunReport } from './report.js';
import { writtenLines } from './report-files.js';
import type { RunOptions } from './run-options.js';
import { safe } from './sanitize.js';
import { createSessionRedactor, keepSecrets, type SessionRedactor } from '../services/session-redactor.js';

const SPINNER = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];

/** One line per step as it runs: a spinner while it waits (on a terminal), then status and duration. */
export class Progress {
  #printed = new Set<string>();
  #timer: ReturnType<typeof setInterval> | undefined;
  #frame = 0;
  #running: Step | undefined;
  readonly #redact: SessionRedactor;

  constructor(
    private readonly io: CliIo,
    options: ReportOptions = {},
  ) {
    this.#redact = options.includeSecrets ? keepSecrets : createSessionRedactor();
  }

  update(session: Session): void {
    let learned = false;
    for (const step of session.steps) {
      const key = `${step.name}:${step.status}:${step.startedAt}`;
      if ((step.status === 'done' || step.status === 'failed' || step.status === 'skipped') && !this.#printed.has(key)) {
        this.#printed.add(key);
        if (!learned) this.#redact.learn(session);
        learned = true;
        this.#clear();
        this.io.stderr(`${stepLine(this.io, step, this.#redact)}\n`);
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
    this.io.stderr(`\r${SPINNER[this.#frame]} ${safe`${this.#running.name}`}…\u001b[K`);
  }

  #clear(): void {
    if (this.io.tty) this.io.stderr('\r\u001b[K');
  }

  stop(): void {
    if (this.#timer) clearInterval(this.#timer);
    this.#clear();
  }
}

function stepLine(io: CliIo, step: Step, redact: SessionRedactor): string {
  const mark = step.status === 'done' ? paint(io, 'green', '✓') : step.status === 'failed' ? paint(io, 'red', '✗') : paint(io, 'dim', '–');
  const ms = step.durationMs !== undefined ? paint(io, 'dim', ` ${step.durationMs} ms`) : '';
  const text = redact.text(step.status === 'failed' ? (step.error?.message ?? 'failed') : (step.summary ?? step.status));
  return `${mark} ${safe`${step.name.padEnd(30)} ${text}`}${ms}`;
}

/** "client_secret_post → 200", "none → 401 invalid_client, not the registered client_secret_post". */
function attemptText(attempt: TokenAttempt | null): string {
  if (!attempt) return '-';
  const method = attempt.used ?? (attempt.methods.length > 1 ? attempt.methods.join(' + ') : 'no client authentication');
  const answer = attempt.outcome === 'no-response' ? 'no response' : `${attempt.status ?? ''}${attempt.error ? ` ${attempt.error}` : ''}`;
  const why = attempt.disagreements.map((d) => (d.kind === 'not-registered' ? `not the registered ${d.registered}` : d.kind === 'not-advertised' ? 'not advertised' : 'several methods at once'));
  return `${method} → ${answer}${why.length > 0 ? ` (${why.join('; ')})` : ''}`;
}

const SEVERITY_COLOUR: Record<Diagnostic['severity'], Colour> = { error: 'red', warning: 'yellow', info: 'cyan' };

function authMethodLines(io: CliIo, report: RunReport): string[] {
  const m = report.authMethod;
  if (m.advertised === null && m.registered === null && m.latest === null) return [];
  const client = report.client ? safe` (${report.client.source}, client ${report.client.client_id})` : '';
  return [
    paint(io, 'bold', 'Token endpoint auth method'),
    safe`  advertised  ${m.advertised ? m.advertised.join(', ') : '(absent: RFC 8414 default client_secret_basic)'}`,
    safe`  registered  ${m.registered ?? '-'}` + client,
    safe`  used        ${attemptText(m.latest)}` + (m.reason ? paint(io, 'dim', `  ← ${m.reason}`) : ''),
    ...m.history.map((earlier) => paint(io, 'dim', `  earlier     ${attemptText(earlier)}`)),
    '',
  ];
}

function diagnosticLines(io: CliIo, report: RunReport): string[] {
  if (report.diagnostics.length === 0) return [];
  const byStep = new Map<string, RunReport['diagnostics']>();
  for (const d of report.diagnostics) byStep.set(d.step ?? 'session', [...(byStep.get(d.step ?? 'session') ?? []), d]);
  const out = [paint(io, 'bold', `Diagnostics (${report.diagnostics.length})`)];
  for (const [step, list] of byStep) {
    out.push(`  ${paint(io, 'dim', step)}`);
    for (const d of list) {
      out.push(`    ${paint(io, SEVERITY_COLOUR[d.severity], `${d.severity.toUpperCase().padEnd(7)} ${d.rule}`)}${safe` ${d.title}`}`);
      out.push(safe`            ${d.message}`);
      if (d.symptom) out.push(safe`            Clients report: ${d.symptom}`);
      out.push(`            ${paint(io, 'dim', `${d.spec.ref} ${d.spec.url}`)}`);
    }
  }
  out.push('');
  return out;
}

function outcomeLines(io: CliIo, report: RunReport, options: RunOptions): string[] {
  const out: string[] = [];
  if (report.failedStep !== null) {
    out.push(paint(io, 'red', `The flow failed at ${report.failedStep}: ${report.error?.message ?? ''}`));
    if (report.error?.hint) out.push(safe`  Try: ${report.error.hint}`);
  } else {
    out.push(paint(io, 'green', 'The flow completed.'));
  }
  for (const c of report.continuations ?? []) out.push(paint(io, 'yellow', safe`Went past ${c.rule} at ${c.step} (--continue-on): ${c.message}`));
  if (report.transport && report.transport !== 'direct') out.push(safe`Network: ${report.transport}`);
  if (options.har) out.push(safe`HAR written to ${options.har}` + (options.includeSecrets ? ' (with secrets)' : ' (secrets redacted)'));
  for (const line of writtenLines(options.reports)) out.push(safe`${line}`);
  if (!report.ok && report.failedStep === null) out.push(safe`Exit 1: findings at or above --fail-on ${options.failOn}.`);
  return out;
}

/** The end of a run on stderr: the auth method picture, the diagnostics by step, the outcome. */
export function printSummary(io: CliIo, session: Session, diagnostics: Diagnostic[], options: RunOptions): void {
  const report = buildReport(session, diagnostics, options.failOn, { includeSecrets: options.includeSecrets });
  const out = ['', ...authMethodLines(io, report), ...diagnosticLines(io, report), ...outcomeLines(io, report, options)];
  io.stderr(`${out.join('\n')}\n`);
}

/** The line that lets a person log in when no browser starts; the URL is the server's to choose. */
export function browserNotice(url: string): string {
  return safe`Opening your browser to log in. If it does not open, visit:\n  ${url}\n`;
}
