import { useEffect, useMemo, useRef, useState } from 'react';
import type { Diagnostic, Evidence, Severity } from '../../shared/model.js';
import { openExternal, selectDiagnostic } from '../state/actions.js';
import { useStore } from '../state/store.js';

const ORDER: Severity[] = ['error', 'warning', 'info'];
const SEVERITY_LABELS: Record<Severity, string> = { error: 'Errors', warning: 'Warnings', info: 'Info' };

function describeEvidence(e: Evidence): string {
  const l = e.location;
  const where = (() => {
    switch (l.kind) {
      case 'request-header':
        return `request header ${l.name}`;
      case 'response-header':
        return `response header ${l.name}`;
      case 'request-json':
        return `request JSON ${l.pointer}`;
      case 'response-json':
        return `response JSON ${l.pointer}`;
      case 'request-form':
        return `form field ${l.name}`;
      case 'request-query':
        return `query parameter ${l.name}`;
      case 'response-status':
        return 'response status';
      case 'client':
        return `stored client ${l.field}`;
      case 'config':
        return `setting ${l.field}`;
    }
  })();
  return e.value !== undefined ? `${where} = ${e.value}` : where;
}

export function DiagnosticsPanel() {
  const diagnostics = useStore((s) => s.view?.diagnostics);
  const selected = useStore((s) => s.selectedDiagnostic);
  const [hidden, setHidden] = useState<Set<Severity>>(new Set());
  const list = useMemo(
    () =>
      (diagnostics ?? [])
        .map((diagnostic, index) => ({ diagnostic, index }))
        .sort((a, b) => ORDER.indexOf(a.diagnostic.severity) - ORDER.indexOf(b.diagnostic.severity) || a.index - b.index),
    [diagnostics],
  );
  const counts = useMemo(() => {
    const c: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
    for (const { diagnostic } of list) c[diagnostic.severity]++;
    return c;
  }, [list]);

  if (list.length === 0) return <p className="empty">No diagnostics yet. Rules run over every exchange as it lands.</p>;
  return (
    <div className="diagnostics">
      <div className="filters" role="group" aria-label="Severity filter">
        {ORDER.map((severity) => (
          <button
            key={severity}
            type="button"
            className={`filter sev-${severity} ${hidden.has(severity) ? 'off' : ''}`}
            aria-pressed={!hidden.has(severity)}
            onClick={() => {
              const next = new Set(hidden);
              if (next.has(severity)) next.delete(severity);
              else next.add(severity);
              setHidden(next);
            }}
          >
            {SEVERITY_LABELS[severity]} <span className="count">{counts[severity]}</span>
          </button>
        ))}
      </div>
      <ul className="diag-list" aria-label="Diagnostics">
        {list
          .filter(({ diagnostic }) => !hidden.has(diagnostic.severity))
          .map(({ diagnostic, index }) => (
            <DiagnosticRow key={index} diagnostic={diagnostic} index={index} open={selected === index} />
          ))}
      </ul>
    </div>
  );
}

function DiagnosticRow({ diagnostic, index, open }: { diagnostic: Diagnostic; index: number; open: boolean }) {
  const row = useRef<HTMLLIElement>(null);
  // A diagnostic chosen elsewhere (a chip on the card) comes into view with its evidence and spec link.
  useEffect(() => {
    if (open) row.current?.scrollIntoView({ block: 'nearest' });
  }, [open]);
  return (
    <li ref={row} className={`diag sev-${diagnostic.severity} ${open ? 'open' : ''}`} data-rule={diagnostic.rule}>
      <button type="button" className="diag-head" onClick={() => selectDiagnostic(index, diagnostic)} aria-expanded={open}>
        <span className={`sev-dot sev-${diagnostic.severity}`} aria-label={diagnostic.severity} role="img" />
        <span className="rule-id">{diagnostic.rule}</span>
        <span className="diag-title">{diagnostic.title}</span>
        {diagnostic.step && <span className="tag">{diagnostic.step}</span>}
      </button>
      {open && (
        <div className="diag-body">
          <p>{diagnostic.message}</p>
          {diagnostic.symptom && (
            <p className="symptom">
              <span className="muted">What clients report:</span> <code>{diagnostic.symptom}</code>
            </p>
          )}
          {diagnostic.evidence.length > 0 && (
            <ul className="evidence-list" aria-label="Evidence">
              {diagnostic.evidence.map((e, i) => (
                <li key={i}>
                  <button type="button" className="link" onClick={() => selectDiagnostic(index, diagnostic, i)}>
                    {describeEvidence(e)}
                  </button>
                </li>
              ))}
            </ul>
          )}
          <p className="spec">
            <a
              href={diagnostic.spec.url}
              target="_blank"
              rel="noreferrer noopener"
              onClick={(event) => {
                if (useStore.getState().mode === 'desktop') {
                  event.preventDefault();
                  void openExternal(diagnostic.spec.url);
                }
              }}
            >
              {diagnostic.spec.ref}
            </a>
          </p>
        </div>
      )}
    </li>
  );
}
