import type { Step } from '../../shared/model.js';
import { allowPrivateTargetsAndRerun, continueAnyway } from '../state/actions.js';
import { useStore } from '../state/store.js';
import { flowOver, STEP_LABELS, statusText } from '../lib/steps.js';
import { inAppTerms } from '../lib/app-hint.js';
import { ExchangeDetail } from './ExchangeDetail.js';
import { RequestEditor } from './RequestEditor.js';

function StepError({ step }: { step: Step }) {
  if (!step.error) return null;
  return (
    <div className="callout error" role="alert" data-step-error={step.name}>
      <strong>{STEP_LABELS[step.name]} failed</strong>
      <p>{step.error.message}</p>
      {step.error.hint && (
        <p className="hint">
          <span className="hint-label">Try:</span> {inAppTerms(step.error.hint)}
        </p>
      )}
      {step.error.rule && (
        <p>
          <button type="button" onClick={() => void continueAnyway(step.name, step.error!.rule!)}>
            Continue anyway (past {step.error.rule})
          </button>{' '}
          <span className="muted">a compliant client stops here; the session records that you went on.</span>
        </p>
      )}
      {step.error.code === 'NETWORK_POLICY_BLOCKED' && (
        <p>
          <button type="button" onClick={() => void allowPrivateTargetsAndRerun(step.name)}>
            Allow private addresses and re-run {STEP_LABELS[step.name].toLowerCase()}
          </button>{' '}
          <span className="muted">only if you trust this server: it will be able to make Authtrace reach services on your network.</span>
        </p>
      )}
    </div>
  );
}

export function DetailPane() {
  const view = useStore((s) => s.view);
  const selectedStep = useStore((s) => s.selectedStep);
  const selectedExchangeId = useStore((s) => s.selectedExchangeId);
  const exchange = selectedExchangeId ? view?.session.exchanges.find((e) => e.id === selectedExchangeId) : undefined;
  const step = view?.session.steps.find((s) => s.name === (exchange && exchange.step !== 'unrelated' ? exchange.step : selectedStep));

  if (!view) {
    return (
      <section className="detail-pane pane empty-state" aria-label="Details">
        <h2>Walk an OAuth flow one request at a time</h2>
        <p>Pick a target (the built-in sandbox is ready), then press <strong>Next step</strong>. Each step first prepares its request so you can read or edit it, then sends it.</p>
      </section>
    );
  }

  if (step?.status === 'ready' && step.prepared && !exchange) {
    return (
      <section className="detail-pane pane" aria-label="Details">
        <RequestEditor step={{ ...step, prepared: step.prepared }} />
      </section>
    );
  }

  return (
    <section className="detail-pane pane" aria-label="Details">
      {step && (!exchange || step.exchangeIds.at(-1) === exchange.id) && <StepError step={step} />}
      {exchange ? (
        <ExchangeDetail exchange={exchange} />
      ) : step ? (
        <div className="step-info">
          <h2>{STEP_LABELS[step.name]}</h2>
          <p className="muted">{statusText(step, view)}{step.summary ? `: ${step.summary}` : ''}</p>
          {step.status === 'pending' && !flowOver(view) && <p>Next step prepares this step's request so you can inspect it before it is sent.</p>}
        </div>
      ) : (
        <p className="empty">Select a step or a request.</p>
      )}
    </section>
  );
}
