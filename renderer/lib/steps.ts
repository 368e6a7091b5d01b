import type { ExchangeRole, StepName, StepStatus } from '../../shared/model.js';

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
