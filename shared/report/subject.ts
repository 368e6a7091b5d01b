// What a shareable report (HTML, JUnit, SARIF) is made from: one command's result, already redacted.
import type { MatrixReport, ProbeReport } from '../contract.js';
import { exportHar } from '../har/export.js';
import type { AuthtraceLogExt, Har } from '../har/types.js';
import type { Diagnostic, Session, Severity } from '../model.js';

/** A HAR exported with its secrets redacted, carrying Authtrace's own block. Only `redactedHar` makes one. */
export type RedactedHar = Har & { readonly log: Har['log'] & { readonly _authtrace: AuthtraceLogExt & { readonly secretsIncluded: false } } };

export interface Tool {
  name: 'Authtrace';
  version: string;
}

/** The HAR export of a session, secrets redacted exactly as `--har` redacts them. */
export function redactedHar(session: Session, diagnostics: Diagnostic[], tool: Tool): RedactedHar {
  const har = exportHar(session, { diagnostics, includeSecrets: false, creator: tool });
  const ext = har.log._authtrace;
  if (!ext || ext.secretsIncluded) throw new Error('the HAR export did not redact');
  return har as RedactedHar;
}

/** Where a finding counts as a failure: `flow` only when the flow fails, otherwise at this severity or above. */
export type Threshold = 'flow' | Severity;

const RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

export function failsAt(severity: Severity, threshold: Threshold): boolean {
  return threshold !== 'flow' && RANK[severity] <= RANK[threshold];
}

interface Common {
  tool: Tool;
  /** When the command started (ISO 8601) and how long it took. */
  startedAt: string;
  durationMs: number;
}

/** `run` (an MCP server or issuer URL) or `lint` (a HAR file): a flow and its diagnostics. */
export interface FlowSubject extends Common {
  command: 'run' | 'lint';
  /** What was read: the server's URL for run, the HAR file as a file: URL for lint. */
  source: string;
  har: RedactedHar;
  threshold: Threshold;
}

export interface MatrixSubject extends Common {
  command: 'matrix';
  report: MatrixReport;
}

export interface ProbeSubject extends Common {
  command: 'probe';
  report: ProbeReport;
  threshold: Severity;
}

export type ReportSubject = FlowSubject | MatrixSubject | ProbeSubject;
