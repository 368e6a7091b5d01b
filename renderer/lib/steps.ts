import type { SessionView } from '../../shared/contract.js';
import type { ExchangeRole, Step, StepName, StepStatus } from '../../shared/model.js';

export const STEP_LABELS: Record<StepName, string> = {
  probe: 'Probe MCP server',
  'resource-metadata': 'Protected resource metadata',
  'authorization-server-metadata': 'Authorization server metadata',
  registration: 'Client registration',
  authorize: 'Authorize (browser)',
  token: 'Token exchange',
  mcp: 'Authenticated MCP call',
  refresh: 'Refresh token',
};

export const STATUS_LABELS: Record<StepStatus, string> = {
  pending: 'Pending',
  ready: 'Ready to send',
  running: 'Running',
  done: 'Done',
  failed: 'Failed',
  skipped: 'Skipped',
};

export const ROLE_LABELS: Record<ExchangeRole, string> = {
  'mcp-probe': 'probe',
  'resource-metadata': 'resource metadata',
  'as-metadata': 'AS metadata',
  registration: 'registration',
  'client-metadata': 'client metadata',
  authorize: 'authorize',
  'authorize-redirect': 'redirect',
  callback: 'callback',
  token: 'token',
  refresh: 'refresh',
  mcp: 'mcp',
  other: 'other',
};

type FlowView = Pick<SessionView, 'next' | 'session'>;

/** The flow has ended: nothing left to run and nothing running (an opened session has no next step). */
export function flowOver(view: FlowView | null | undefined): boolean {
  return !!view && view.next === null && !view.session.steps.some((s) => s.status === 'running');
}

/** A step's status in words; a step still pending when the flow is over was never run, and says why. */
export function statusText(step: Pick<Step, 'name' | 'status'>, view: FlowView): string {
  if (step.status !== 'pending' || !flowOver(view)) return STATUS_LABELS[step.status];
  if (step.name === 'refresh' && view.session.config.refresh !== true) return 'Not run: Refresh was not asked for';
  return 'Not reached';
}
