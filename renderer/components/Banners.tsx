import { dismissError, openExternal } from '../state/actions.js';
import { useStore } from '../state/store.js';

export function Banners() {
  const error = useStore((s) => s.error);
  const waiting = useStore((s) => s.view?.waitingForBrowser);
  const mode = useStore((s) => s.mode);
  const lost = useStore((s) => s.connectionLost);

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
            {error.hint && <div className="hint">{error.hint}</div>}
          </div>
          <button type="button" className="icon" aria-label="Dismiss" onClick={dismissError}>
            ✕
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
