import { updateLayout, useStore } from '../state/store.js';
import { applyTheme, type Theme } from '../state/theme.js';
import { formatBytes } from '../lib/format.js';

export function StatusBar() {
  const busy = useStore((s) => s.busy);
  const finished = useStore((s) => s.finished);
  const theme = useStore((s) => s.layout.theme);
  const view = useStore((s) => s.view);
  const mode = useStore((s) => s.mode);
  const exchanges = view?.session.exchanges ?? [];
  const bytes = exchanges.reduce((sum, e) => sum + (e.outcome === 'response' ? e.response.bodySize : 0), 0);
  return (
    <footer className="statusbar">
      <span className="status-activity" role="status" aria-live="polite" data-finished={finished}>
        {busy ? (
          <>
            <span className="spinner" aria-hidden="true" /> {busy}
          </>
        ) : (
          'Ready'
        )}
      </span>
      <span className="spacer" />
      {view && (
        <>
          <span>{exchanges.length} requests</span>
          <span>{formatBytes(bytes)} received</span>
          <span>revision {view.session.revision}</span>
          {view.session.continuations && (
            <span className="status-continued" title={view.session.continuations.map((c) => `${c.rule} at ${c.step}: ${c.message}`).join('\n')}>
              went past {[...new Set(view.session.continuations.map((c) => c.rule))].join(', ')}
            </span>
          )}
          {view.session.transport && view.session.transport !== 'direct' && <span className="ellipsis" title={view.session.transport}>network {view.session.transport}</span>}
          {view.session.issuer && <span className="ellipsis" title={view.session.issuer}>issuer {view.session.issuer}</span>}
          {view.sandbox && <span>sandbox {view.sandbox.profile}</span>}
        </>
      )}
      <span className="muted">{mode === 'desktop' ? 'desktop' : 'browser mode'}</span>
      <select
        className="theme-select"
        aria-label="Theme"
        value={theme}
        onChange={(e) => {
          const next = e.target.value as Theme;
          updateLayout({ theme: next });
          applyTheme(next);
        }}
      >
        <option value="system">System theme</option>
        <option value="light">Light</option>
        <option value="dark">Dark</option>
      </select>
    </footer>
  );
}
