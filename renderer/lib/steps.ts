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

/** A step's status in words; a step still pending when the flow is over was never run, and says why. */
export function statusText(step: Pick<Step, 'name' | 'status'>, flowOver: boolean, refreshAsked: boolean): string {
  if (step.status !== 'pending' || !flowOver) return STATUS_LABELS[step.status];
  if (step.name === 'refresh' && !refreshAsked) return 'Not run: Refresh was not asked for';
  return 'Not reached';
}
