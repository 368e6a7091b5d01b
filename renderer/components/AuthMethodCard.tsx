import { useMemo } from 'react';
import type { Session } from '../../shared/model.js';
import { authCardModel, cardVisible, type Column, type ColumnState } from '../lib/auth-card.js';
import { selectDiagnostic } from '../state/actions.js';
import { useStore } from '../state/store.js';

const SOURCE_LABELS: Record<string, string> = {
  dcr: 'dynamic registration',
  cimd: 'client ID metadata document',
  'pre-registered': 'pre-registered',
  imported: 'imported',
};

function ColumnBox({ column, title, state, children }: { column: Column; title: string; state: ColumnState; children: React.ReactNode }) {
  return (
    <div className={`am-col col-${state.tone}`} data-column={column} data-tone={state.tone}>
      <div className="am-col-title">{title}</div>
      <div className="am-col-body">{children}</div>
      {state.notes.map((note) => (
        <div key={note} className="am-note">
          {note}
        </div>
      ))}
    </div>
  );
}

function metadataSeen(session: Session): boolean {
  const step = session.steps.find((s) => s.name === 'authorization-server-metadata');
  return step?.status === 'done' || step?.status === 'failed';
}

export function AuthMethodCard() {
  const view = useStore((s) => s.view);
  const model = useMemo(
    () => (view ? authCardModel(view.session.authMethod, view.diagnostics, view.session.exchanges) : null),
    [view],
  );
  if (!view || !model || !cardVisible(view.session.authMethod, metadataSeen(view.session))) return null;
  const { advertised, registered, used, chosenBy, reason } = view.session.authMethod;
  const client = view.session.client;
  const hasError = model.rules.some((r) => r.diagnostic.severity === 'error') || Object.values(model.columns).some((c) => c.tone === 'bad');

  return (
    <section className={`am-card ${hasError ? 'has-error' : ''}`} aria-label="Token endpoint auth method">
      <div className="am-heading">
        <h2>Token endpoint auth method</h2>
        {hasError ? <span className="am-verdict bad">Disagreement</span> : <span className="am-verdict ok">Consistent so far</span>}
      </div>
      <div className="am-cols">
        <ColumnBox column="advertised" title="Advertised by the server" state={model.columns.advertised}>
          {advertised === null ? (
            <span className="muted">not published (RFC 8414 default: client_secret_basic)</span>
          ) : advertised.length === 0 ? (
            <span className="muted">empty list</span>
          ) : (
            <ol className="chips" aria-label="Advertised methods">
              {advertised.map((m, i) => (
                <li key={`${m}-${i}`} className={`chip ${m === used ? 'is-used' : ''} ${m === registered ? 'is-registered' : ''}`}>
                  <span className="chip-index">{i + 1}</span>
                  {m}
                </li>
              ))}
            </ol>
          )}
        </ColumnBox>
        <ColumnBox column="registered" title="Registered (stored client)" state={model.columns.registered}>
          {registered === null ? (
            <span className="muted">no client yet</span>
          ) : (
            <>
              <span className="am-value">{registered}</span>
              {client && <span className="muted am-source">from {SOURCE_LABELS[client.source] ?? client.source}</span>}
            </>
          )}
        </ColumnBox>
        <ColumnBox column="used" title="Used at the token endpoint" state={model.columns.used}>
          {used === null ? (
            <span className="muted">no token request yet</span>
          ) : (
            <>
              <span className="am-value">{used}</span>
              {chosenBy && <span className="muted am-source">chosen by {chosenBy}</span>}
            </>
          )}
          {reason && <div className="am-reason">{reason}</div>}
        </ColumnBox>
      </div>
      {model.rules.length > 0 && (
        <ul className="am-rules" aria-label="Auth method diagnostics">
          {model.rules.map(({ diagnostic, index }) => (
            <li key={index}>
              <button type="button" className={`am-rule sev-${diagnostic.severity}`} onClick={() => selectDiagnostic(index, diagnostic)} title={diagnostic.message}>
                <span className="rule-id">{diagnostic.rule}</span>
                <span>{diagnostic.title}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
