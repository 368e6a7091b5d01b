import { createRoot } from 'react-dom/client';
import { connect } from './api/connect.js';
import { App } from './components/App.js';
import { initialize } from './state/actions.js';
import { getState } from './state/store.js';
import { applyTheme } from './state/theme.js';
import './styles.css';

applyTheme(getState().layout.theme);
const root = createRoot(document.getElementById('root')!);

connect()
  .then(async (connection) => {
    root.render(<App />);
    await initialize(connection);
  })
  .catch((error: Error & { hint?: string }) => {
    // Pasting the full URL (with #token=…) into this tab only changes the fragment: start over.
    window.addEventListener('hashchange', () => window.location.reload(), { once: true });
    root.render(
      <div className="fatal" role="alert">
        <h1>{error.message}</h1>
        {error.hint && <p>{error.hint}</p>}
      </div>,
    );
  });
