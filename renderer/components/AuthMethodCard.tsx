import { useMemo, useState } from 'react';
import type { Session } from '../../shared/model.js';
import { authMethodPicture, type TokenAttempt } from '../../shared/interpret/auth-method.js';
import { authCardModel, cardVisible, disagreementText, type CardRule, type Column, type ColumnState, type HistoryEntry, type Verdict } from '../lib/auth-card.js';
import { flowOver } from '../lib/steps.js';
import { tokenPreflight, type Preflight, type PreflightFix } from '../lib/token-preflight.js';
import { applyPreflightFix, selectDiagnostic } from '../state/actions.js';
import { updateLayout, useStore } from '../state/store.js';

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

const VERDICTS: Record<Verdict, { text: string; tone: 'bad' | 'warn' | 'ok' }> = {
  disagreement: { text: 'Disagreement', tone: 'bad' },
  refused: { text: 'Refused at the token endpoint', tone: 'bad' },
  consistent: { text: 'Consistent', tone: 'ok' },
  'consistent-so-far': { text: 'Consistent so far', tone: 'ok' },
  'cannot-send': { text: 'Cannot be sent', tone: 'bad' },
  'will-disagree': { text: 'Will send other than registered', tone: 'warn' },
  'no-token-request': { text: 'No token request', tone: 'warn' },
  'no-answer': { text: 'No answer', tone: 'bad' },
};

function fixLabel(fix: PreflightFix): string {
  switch (fix.kind) {
    case 'send-registered':
      return `Send ${fix.method}, as registered`;
    case 'register-as':
      return `Register a new client as ${fix.method}`;
    case 'enter-secret':
      return "Enter this client's secret";
  }
}

function SecretForm({ fix, onDone }: { fix: Extract<PreflightFix, { kind: 'enter-secret' }>; onDone: () => void }) {
  const [secret, setSecret] = useState('');
  return (
    <form
      className="am-secret-form"
      aria-label="Client secret"
      onSubmit={(e) => {
        e.preventDefault();
        if (!secret) return;
        onDone();
        void applyPreflightFix(fix, secret);
      }}
    >
      <label>
        <span className="field-label">Client secret of {fix.clientId}</span>
        <input type="password" autoComplete="off" spellCheck={false} aria-label={`Client secret of ${fix.clientId}`} value={secret} autoFocus onChange={(e) => setSecret(e.target.value)} />
      </label>
      <button type="submit" className="primary" disabled={!secret}>
        Use it and register again
      </button>
      <button type="button" onClick={onDone}>
        Cancel
      </button>
      <span className="muted">kept as a pre-registered client in this app's client store</span>
    </form>
  );
}

function PreflightFixes({ preflight }: { preflight: Preflight }) {
  const busy = useStore((s) => s.busy);
  const [entering, setEntering] = useState(false);
  if (preflight.fixes.length === 0) return null;
  const secretFix = preflight.fixes.find((f): f is Extract<PreflightFix, { kind: 'enter-secret' }> => f.kind === 'enter-secret');
  return (
    <div className="am-fixes" role="group" aria-label="Fixes for the token request">
      <span className="am-fixes-label">{preflight.kind === 'cannot-send' ? 'Fix it:' : 'Or:'}</span>
      {preflight.fixes.map((fix) => (
        <button
          key={fix.kind}
          type="button"
          disabled={!!busy}
          aria-expanded={fix.kind === 'enter-secret' ? entering : undefined}
          onClick={() => (fix.kind === 'enter-secret' ? setEntering(!entering) : void applyPreflightFix(fix))}
        >
          {fixLabel(fix)}
        </button>
      ))}
      {entering && secretFix && <SecretForm fix={secretFix} onDone={() => setEntering(false)} />}
    </div>
  );
}

function chosenByText(chosenBy: string): string {
  if (chosenBy === 'explicit') return 'set explicitly';
  if (chosenBy === 'registered') return 'chosen by the registered method';
  return `chosen by the ${chosenBy} strategy`;
}

function attemptMethod(attempt: TokenAttempt): string {
  return attempt.used ?? (attempt.methods.length > 1 ? attempt.methods.join(' + ') : 'no client authentication');
}

function attemptAnswer(attempt: TokenAttempt): string {
  if (attempt.outcome === 'no-response') return 'no response';
  return `${attempt.status ?? ''}${attempt.error ? ` ${attempt.error}` : ''}`;
}

function RuleChips({ rules, label }: { rules: CardRule[]; label: string }) {
  if (rules.length === 0) return null;
  return (
    <ul className="am-rules" aria-label={label}>
      {rules.map(({ diagnostic, index }) => (
        <li key={index}>
          <button type="button" className={`am-rule sev-${diagnostic.severity}`} onClick={() => selectDiagnostic(index, diagnostic)} title={diagnostic.message}>
            <span className="rule-id">{diagnostic.rule}</span>
            <span>{diagnostic.title}</span>
          </button>
        </li>
      ))}
    </ul>
  );
}

/** Shown at most: a long session can hold thousands of attempts, and the newest are the ones read. */
const HISTORY_SHOWN = 50;

function AttemptHistory({ history }: { history: HistoryEntry[] }) {
  const withRules = history.some((h) => h.rules.length > 0);
  const [open, setOpen] = useState(withRules);
  const shown = history.slice(0, HISTORY_SHOWN);
  return (
    <details className="am-history" open={open} onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>Earlier attempts ({history.length})</summary>
      {open && (
        <ol aria-label="Earlier token attempts">
          {shown.map(({ attempt, rules }) => (
            <li key={attempt.exchangeId} className="am-attempt" data-exchange={attempt.exchangeId}>
              <span className="am-value">{attemptMethod(attempt)}</span> → <span className={attempt.outcome === 'accepted' ? 'ok' : 'bad'}>{attemptAnswer(attempt)}</span>
              {attempt.disagreements.map((d) => (
                <span key={d.kind} className="am-note">
                  {' '}
                  {disagreementText(d)}
                </span>
              ))}
              <RuleChips rules={rules} label="Diagnostics of this attempt" />
            </li>
          ))}
          {history.length > shown.length && <li className="muted">and {history.length - shown.length} earlier, in the network list</li>}
        </ol>
      )}
    </details>
  );
}

export function AuthMethodCard() {
  const view = useStore((s) => s.view);
  const folded = useStore((s) => s.layout.cardCollapsed);
  const picture = useMemo(() => (view ? authMethodPicture(view.session) : null), [view]);
  const preflight = useMemo(() => {
    if (!view || !picture || view.opened) return null;
    const token = view.session.steps.find((s) => s.name === 'token');
    if (!token) return null;
    return tokenPreflight({ config: view.session.config, client: view.session.client, tokenStatus: token.status, chosen: picture.chosen });
  }, [view, picture]);
  const finished = flowOver(view);
  const model = useMemo(() => (view && picture ? authCardModel(picture, view.diagnostics, view.session.exchanges, { preflight, finished }) : null), [view, picture, preflight, finished]);
  if (!view || !picture || !model || !cardVisible(picture, metadataSeen(view.session))) return null;
  const { advertised, registered, latest, chosen, chosenBy, reason } = picture;
  const used = latest?.used ?? null;
  const client = view.session.client;
  const verdict = VERDICTS[model.verdict];

  return (
    <section className={`am-card ${verdict.tone === 'bad' ? 'has-error' : ''}`} aria-label="Token endpoint auth method">
      <div className="am-heading">
        <h2>Token endpoint auth method</h2>
        <span className={`am-verdict ${verdict.tone}`} data-verdict={model.verdict}>
          {verdict.text}
        </span>
        {folded && (
          <span className="am-summary mono" data-testid="am-summary">
            advertised {advertised === null ? '(default)' : advertised.join(', ') || '(none)'} · registered {registered ?? '—'} · used {used ?? chosen ?? '—'}
          </span>
        )}
        <button type="button" className="fold" aria-expanded={!folded} aria-controls="am-body" onClick={() => updateLayout({ cardCollapsed: !folded })}>
          {folded ? 'Show' : 'Fold'}
        </button>
      </div>
      {!folded && (
      <div id="am-body">
      <div className="am-cols">
        <ColumnBox column="advertised" title="Advertised by the server" state={model.columns.advertised}>
          {picture.advertisedAt === undefined ? (
            <span className="muted">no metadata yet</span>
          ) : advertised === null ? (
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
        <ColumnBox column="used" title={latest && picture.history.length > 0 ? 'Used at the token endpoint (latest attempt)' : 'Used at the token endpoint'} state={model.columns.used}>
          {latest === null ? (
            chosen ? (
              <>
                <span className="am-value">{chosen}</span>
                <span className="muted am-source">will be sent{chosenBy && !reason ? `, ${chosenByText(chosenBy)}` : ''}</span>
              </>
            ) : (
              <span className="muted">no token request yet</span>
            )
          ) : (
            <>
              <span className="am-value">{attemptMethod(latest)}</span>
              <span className="muted am-source" data-testid="am-latest-answer">
                answered {attemptAnswer(latest)}
                {chosenBy && !reason && latest.used === chosen ? `, ${chosenByText(chosenBy)}` : ''}
              </span>
            </>
          )}
          {reason && <div className="am-reason">{reason}</div>}
        </ColumnBox>
      </div>
      {preflight && <PreflightFixes preflight={preflight} />}
      </div>
      )}
      <RuleChips rules={model.rules} label="Auth method diagnostics" />
      {folded ? null : model.history.length > 0 && <AttemptHistory history={model.history} />}
    </section>
  );
}
