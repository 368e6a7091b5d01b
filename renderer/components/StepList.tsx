import { useEffect, useRef } from 'react';
import { rerun, selectStep } from '../state/actions.js';
import { useStore } from '../state/store.js';
import { formatDuration } from '../lib/format.js';
import { flowOver, STEP_LABELS, statusText } from '../lib/steps.js';
import { StatusIcon } from './StatusIcon.js';

export function StepList() {
  const view = useStore((s) => s.view);
  const selected = useStore((s) => s.selectedStep);
  const busy = useStore((s) => s.busy);
  const steps = view?.session.steps ?? [];
  const list = useRef<HTMLOListElement>(null);
  const failed = steps.find((s) => s.status === 'failed')?.name;
  const over = flowOver(view);
  // The step the flow is at (or the one that failed) stays in view, however short the list's pane.
  useEffect(() => {
    const at = failed ?? selected;
    if (at) list.current?.querySelector(`li[data-step="${at}"]`)?.scrollIntoView({ block: 'nearest' });
  }, [failed, selected]);

  return (
    <nav className="steps pane" aria-label="Steps">
      <div className="pane-title">Steps</div>
      {steps.length === 0 && <p className="empty">Press Next step to begin.</p>}
      <ol ref={list}>
        {steps.map((step, index) => {
          const isNext = view?.next?.step === step.name;
          const canRerun = !view?.opened && (step.status === 'done' || step.status === 'failed') && (selected === step.name || step.status === 'failed');
          return (
            <li
              key={step.name}
              className={`step ${step.status} ${selected === step.name ? 'selected' : ''}`}
              data-step={step.name}
              data-status={step.status}
              data-not-run={over && step.status === 'pending' ? '' : undefined}
              aria-current={selected === step.name ? 'step' : undefined}
            >
              <button type="button" className="step-main" onClick={() => selectStep(step.name)} title={view ? statusText(step, view) : undefined}>
                <StatusIcon status={step.status} />
                <span className="step-index">{index + 1}</span>
                <span className="step-text">
                  <span className="step-name">{STEP_LABELS[step.name]}</span>
                  {(step.error || step.summary) && (
                    <span className={`step-summary ${step.error ? 'error' : ''}`}>{step.error ? step.error.message : step.summary}</span>
                  )}
                  {!step.error && !step.summary && over && step.status === 'pending' && view && <span className="step-summary">{statusText(step, view)}</span>}
                </span>
                <span className="step-duration">
                  {step.status === 'running' ? (
                    <span className="spinner" aria-label="Running" />
                  ) : isNext ? (
                    <span className="next-badge">{view?.next?.action === 'send' ? 'send next' : 'next'}</span>
                  ) : (
                    formatDuration(step.durationMs)
                  )}
                </span>
              </button>
              {canRerun && (
                <button
                  type="button"
                  className="rerun"
                  disabled={!!busy}
                  onClick={() => void rerun(step.name)}
                  title={`Re-run ${STEP_LABELS[step.name]} and everything after it, with the toolbar's strategy, method and scope`}
                  aria-label={`Re-run ${step.name}`}
                >
                  ↻ Re-run
                </button>
              )}
            </li>
          );
        })}
      </ol>
    </nav>
  );
}
