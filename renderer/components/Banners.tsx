import { inAppTerms } from '../lib/app-hint.js';
import { dismissError, openExternal, reset } from '../state/actions.js';
import { useStore } from '../state/store.js';

export function Banners() {
  const error = useStore((s) => s.error);
  const waiting = useStore((s) => s.view?.waitingForBrowser);
  const mode = useStore((s) => s.mode);
  const lost = useStore((s) => s.connectionLost);
  const opened = useStore((s) => s.view?.opened);
  const busy = useStore((s) => s.busy);

  return (
    <div className="banners">
      {lost && (
        <div className="banner error" role="alert">
          <strong>Disconnected from the Authtrace host.</strong> Restart <code>authtrace web</code> and open the URL it prints.
        </div>
      )}
      {error && (
        <div className="banner error" role="alert">
          <div>
            <strong>{error.message}</strong>
            {error.hint && <div className="hint">{inAppTerms(error.hint)}</div>}
          </div>
          <button type="button" className="icon" aria-label="Dismiss" onClick={dismissError}>
            ✕
          </button>
        </div>
      )}
      {opened && (
        <div className="banner read-only" role="region" aria-label="Read-only session">
          <div>
            <strong>{opened.from === 'har' ? `Read from ${opened.fileName}` : `A saved session from ${opened.savedAt.replace('T', ' ').slice(0, 19)}`}: read-only.</strong>
            <div className="hint">
              {opened.from === 'har' && (
                <span data-testid="har-counts">
                  {opened.entriesRead} {opened.entriesRead === 1 ? 'entry' : 'entries'} read
                  {opened.skipped.length > 0 ? `, ${opened.skipped.length} skipped (${opened.skipped.join('; ')})` : ', none skipped'}.{' '}
                </span>
              )}
              {opened.from === 'har' && opened.warnings.length > 0 && <span>{opened.warnings.join(' ')} </span>}
              Its steps do not run again; Run it live starts a new session with its configuration.
            </div>
          </div>
          <button type="button" className="primary" disabled={!!busy} onClick={() => void reset()}>
            Run it live
          </button>
        </div>
      )}
      {waiting && (
        <div className="banner waiting" role="status" aria-live="polite">
          <span className="spinner" aria-hidden="true" />
          <div>
            <strong>Waiting for you to log in and approve in the browser.</strong>
            <div className="hint">The flow continues when the browser comes back to Authtrace's callback.</div>
          </div>
          {mode === 'desktop' ? (
            <button type="button" onClick={() => void openExternal(waiting.url)}>
              Open the login page again
            </button>
          ) : (
            <a className="button primary" href={waiting.url} target="_blank" rel="noreferrer noopener">
              Open the login page
            </a>
          )}
        </div>
      )}
    </div>
  );
}
