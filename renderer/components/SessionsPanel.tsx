import { useEffect, useState } from 'react';
import type { SavedSessionInfo } from '../../shared/contract.js';
import { listSessions, openSession } from '../state/actions.js';
import { useStore } from '../state/store.js';

const OUTCOME_LABELS: Record<SavedSessionInfo['outcome'], string> = {
  completed: 'completed',
  failed: 'failed',
  'in-progress': 'in progress',
};

/** A saved session left unfinished is in progress only while it is the open one. */
function outcomeLabel(session: SavedSessionInfo, currentId: string | undefined): string {
  return session.outcome === 'in-progress' && session.id !== currentId ? 'not finished' : OUTCOME_LABELS[session.outcome];
}

export function SessionsPanel() {
  const busy = useStore((s) => s.busy);
  const currentId = useStore((s) => s.view?.session.id);
  const [sessions, setSessions] = useState<SavedSessionInfo[] | null>(null);

  useEffect(() => {
    void listSessions().then(setSessions);
  }, [currentId]);

  if (sessions === null) return <p className="empty">Loading saved sessions…</p>;
  if (sessions.length === 0) return <p className="empty">No saved sessions yet. Every session is saved as it runs.</p>;
  return (
    <table className="grid sessions" aria-label="Saved sessions">
      <thead>
        <tr>
          <th>Started</th>
          <th>Target</th>
          <th>Outcome</th>
          <th />
        </tr>
      </thead>
      <tbody>
        {sessions.map((s) => (
          <tr key={s.id} className={s.id === currentId ? 'selected' : ''} data-session-id={s.id}>
            <td>{new Date(s.createdAt).toLocaleString()}</td>
            <td className="mono ellipsis" title={s.target}>{s.target}</td>
            <td className={`outcome ${s.outcome}`} title={s.outcome === 'in-progress' && s.id !== currentId ? 'Left before its flow ended; open it to see how far it got' : undefined}>
              {outcomeLabel(s, currentId)}
            </td>
            <td>
              <div className="row-actions">
                <button type="button" disabled={!!busy || s.id === currentId} onClick={() => void openSession(s.id)}>
                  {s.id === currentId ? 'Current' : 'Open'}
                </button>
              </div>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
