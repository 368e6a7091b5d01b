import type { StepStatus } from '../../shared/model.js';
import { STATUS_LABELS } from '../lib/steps.js';

const GLYPHS: Record<StepStatus, string> = {
  pending: '○',
  ready: '◉',
  running: '◌',
  done: '✓',
  failed: '✕',
  skipped: '–',
};

export function StatusIcon({ status }: { status: StepStatus }) {
  return (
    <span className={`status-icon ${status}`} role="img" aria-label={STATUS_LABELS[status]} title={STATUS_LABELS[status]}>
      {GLYPHS[status]}
    </span>
  );
}
