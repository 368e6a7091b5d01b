import type { MatrixReport } from '../../shared/contract.js';
import { openSession, runMatrix } from '../state/actions.js';
import { useStore } from '../state/store.js';
import { ExplainBox } from './ExplainBox.js';

type Cell = MatrixReport['clients'][number]['sessions'][number];

function Outcome({ cell }: { cell: Cell }) {
  const text = cell.flow === 'completed' ? 'works' : `${cell.flow === 'refused' ? 'refuses' : 'fails'} at ${cell.failedStep ?? '?'}`;
  return <span className={`outcome ${cell.flow === 'completed' ? 'completed' : 'failed'}`}>{text}</span>;
}

/** Which real clients work against the toolbar's target: one row per client and pass, each session one click away. */
export function CompatibilityPanel() {
  const matrix = useStore((s) => s.matrix);
  const busy = useStore((s) => s.busy);
  const target = useStore((s) => (s.draft.targetKind === 'sandbox' ? `the sandbox (${s.draft.profile})` : s.draft.url || 'the target'));
  return (
    <div className="compatibility">
      <div className="panel-actions">
        <button type="button" disabled={!!busy} onClick={() => void runMatrix()}>
          Run every client against {target}
        </button>
        <span className="muted">Claude Code, Cursor, VS Code, Codex, the SDKs… each with a fresh client cache; cited profiles (authtrace matrix --list).</span>
      </div>
      <ExplainBox />
      {!matrix ? (
        <p className="empty">Not run yet. Each client’s session is saved and opens here.</p>
      ) : (
        <table className="grid compatibility-grid" aria-label="Compatibility">
          <caption className="muted">{matrix.server}</caption>
          <thead>
            <tr>
              <th scope="col">Client</th>
              <th scope="col">Version</th>
              <th scope="col">Pass</th>
              <th scope="col">Outcome</th>
              <th scope="col">Rules</th>
              <th scope="col">What the user sees</th>
              <th scope="col">Session</th>
            </tr>
          </thead>
          <tbody>
            {matrix.clients.flatMap((c) =>
              c.notRun
                ? [
                    <tr key={c.id} data-client={c.id}>
                      <td>{c.name}</td>
                      <td className="mono">{c.version}</td>
                      <td />
                      <td className="muted">not run</td>
                      <td />
                      <td className="ellipsis" title={c.notRun}>{c.notRun}</td>
                      <td />
                    </tr>,
                  ]
                : c.sessions.map((cell) => (
                    <tr key={`${c.id}-${cell.pass}`} data-client={c.id} data-pass={cell.pass}>
                      <td>{c.name}</td>
                      <td className="mono">{c.version}</td>
                      <td>{cell.pass}</td>
                      <td>
                        <Outcome cell={cell} />
                      </td>
                      <td className="mono">{cell.rules.join(', ')}</td>
                      <td className="ellipsis" title={cell.message}>{cell.flow === 'completed' ? '' : cell.message}</td>
                      <td>
                        <button type="button" disabled={!!busy} onClick={() => void openSession(cell.sessionId)} aria-label={`Open the ${cell.pass} session of ${c.name}`}>
                          Open
                        </button>
                      </td>
                    </tr>
                  )),
            )}
          </tbody>
        </table>
      )}
    </div>
  );
}
