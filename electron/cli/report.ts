// The `--json` report of a run, redacted as its HAR is; the terminal summary is drawn from it too.
import type { SerializedError } from '../../shared/errors/index.js';
import type { Continuation } from '../../shared/model.js';
import { authMethodPicture, type AuthMethodPicture } from '../../shared/interpret/auth-method.js';
import type { Diagnostic, Session, Severity } from '../../shared/model.js';
import type { FailOn } from './run-options.js';
import { redactorFor } from '../services/session-redactor.js';

export interface RunReport {
  ok: boolean;
  flow: 'completed' | 'failed';
  failedStep: string | null;
  /** The failed step's error, with its stable code; null when no step failed. */
  error: (SerializedError & { rule?: string }) | null;
  /** Compliance stops the run went past (--continue-on), each with its rule. */
  continuations?: Continuation[];
  revision: string;
  /** How requests reached the target: direct, a proxy, extra CA certificates. */
  transport?: string;
  steps: { name: string; status: string; summary?: string; error?: SerializedError & { rule?: string }; durationMs?: number; exchanges: string[] }[];
  client: { client_id: string; source: string; token_endpoint_auth_method: string } | null;
  authMethod: AuthMethodPicture;
  diagnostics: { rule: string; severity: Severity; title: string; message: string; evidence: Diagnostic['evidence']; spec: Diagnostic['spec']; symptom?: string; step?: string }[];
  exchanges: { id: string; step: string; role: string; method: string; url: string; status: number | null; error?: string; durationMs: number | null }[];
}

const RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

export function flowOutcome(session: Session): { completed: boolean; failedStep: string | null } {
  const failed = session.steps.find((s) => s.status === 'failed');
  return { completed: !failed && session.steps.every((s) => s.status !== 'running' && s.status !== 'ready'), failedStep: failed?.name ?? null };
}

export function isOk(session: Session, diagnostics: Diagnostic[], failOn: FailOn): boolean {
  if (!flowOutcome(session).completed) return false;
  if (failOn === 'flow') return true;
  return !diagnostics.some((d) => RANK[d.severity] <= RANK[failOn]);
}

export interface ReportOptions {
  /** Keep the secrets, as the HAR does with --include-secrets; else they are redacted as in the HAR. */
  includeSecrets?: boolean;
}

export function buildReport(session: Session, diagnostics: Diagnostic[], failOn: FailOn, options: ReportOptions = {}): RunReport {
  const redact = redactorFor(session, options.includeSecrets ?? false);
  const { completed, failedStep } = flowOutcome(session);
  const c = session.client;
  const stepError = (error: SerializedError & { rule?: string }): SerializedError & { rule?: string } => ({
    ...error,
    message: redact.text(error.message),
    ...(error.hint !== undefined && { hint: redact.text(error.hint) }),
  });
  const failed = session.steps.find((s) => s.status === 'failed')?.error;
  const report: RunReport = {
    ok: isOk(session, diagnostics, failOn),
    flow: completed ? 'completed' : 'failed',
    failedStep,
    error: failed ? stepError(failed) : null,
    revision: session.revision,
    ...(session.transport !== undefined && { transport: session.transport }),
    ...(session.continuations && { continuations: session.continuations.map((c) => ({ ...c, message: redact.text(c.message) })) }),
    steps: session.steps
      // A pending step that already sent something (a step-up put it back) is still part of the story.
      .filter((s) => s.status !== 'pending' || s.exchangeIds.length > 0 || s.summary !== undefined)
      .map((s) => ({
        name: s.name,
        status: s.status,
        ...(s.summary && { summary: redact.text(s.summary) }),
        ...(s.error && { error: stepError(s.error) }),
        ...(s.durationMs !== undefined && { durationMs: s.durationMs }),
        exchanges: s.exchangeIds,
      })),
    client: c ? { client_id: c.client_id, source: c.source, token_endpoint_auth_method: c.token_endpoint_auth_method } : null,
    authMethod: authMethodPicture(session),
    diagnostics: diagnostics.map(redact.diagnostic).map((d) => ({
      rule: d.rule,
      severity: d.severity,
      title: d.title,
      message: d.message,
      evidence: d.evidence,
      spec: d.spec,
      ...(d.symptom && { symptom: redact.text(d.symptom) }),
      ...(d.step && { step: d.step }),
    })),
    exchanges: session.exchanges.map((e) => ({
      id: e.id,
      step: e.step,
      role: e.role,
      method: e.request.method,
      url: redact.url(e.request.url),
      status: e.outcome === 'response' ? e.response.status : null,
      ...(e.outcome === 'network-error' && { error: redact.text(e.error.message) }),
      durationMs: e.outcome === 'opened-in-browser' ? null : Math.round(e.timings.total),
    })),
  };
  // Whatever a server echoed anywhere else (the picture's reason, an OAuth error, a client_id).
  return redact.tree(report);
}
