import { useState } from 'react';
import { AUTH_METHODS, type ClientRecord, type RegisteredMethod } from '../../shared/model.js';
import { forgetClient, setClientMethod } from '../state/actions.js';
import { useStore } from '../state/store.js';
import { MASK } from '../lib/mask.js';
import { CopyButton } from './CopyButton.js';
import { JsonView } from './JsonView.js';

const METHODS: RegisteredMethod[] = ['unknown', ...AUTH_METHODS];
const keyOf = (c: ClientRecord) => `${c.issuer} ${c.client_id}`;

export function ClientsPanel() {
  const clients = useStore((s) => s.clients);
  const busy = useStore((s) => s.busy);
  const reveal = useStore((s) => s.reveal);
  const [inspected, setInspected] = useState<string | null>(null);
  const [confirming, setConfirming] = useState<string | null>(null);
  const current = clients.find((c) => keyOf(c) === inspected);

  if (clients.length === 0) return <p className="empty">No stored clients. A client is stored when a flow registers one, like a real client's cache.</p>;
  return (
    <div className="clients">
      <table className="grid" aria-label="Stored clients">
        <thead>
          <tr>
            <th>Issuer</th>
            <th>Client ID</th>
            <th>Secret</th>
            <th>Source</th>
            <th>Registered method</th>
            <th>Updated</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {clients.map((client) => {
            const key = keyOf(client);
            return (
              <tr key={key} className={inspected === key ? 'selected' : ''} data-client-id={client.client_id}>
                <td className="mono ellipsis" title={client.issuer}>{client.issuer}</td>
                <td className="mono">
                  <span className="ellipsis">{client.client_id}</span>
                  <CopyButton text={client.client_id} title="Copy client ID" />
                </td>
                <td className="mono">{client.client_secret ? (reveal ? client.client_secret : MASK) : <span className="muted">none</span>}</td>
                <td>{client.source}</td>
                <td>
                  <select
                    aria-label={`Registered method of ${client.client_id}`}
                    value={client.token_endpoint_auth_method}
                    disabled={!!busy}
                    className={client.token_endpoint_auth_method === 'unknown' ? 'warn' : ''}
                    onChange={(e) => void setClientMethod(client.issuer, client.client_id, e.target.value as RegisteredMethod)}
                  >
                    {METHODS.map((m) => (
                      <option key={m} value={m}>
                        {m}
                      </option>
                    ))}
                  </select>
                </td>
                <td className="muted">{new Date(client.updatedAt).toLocaleString()}</td>
                <td>
                  <div className="row-actions">
                    <button type="button" onClick={() => setInspected(inspected === key ? null : key)}>
                      {inspected === key ? 'Close' : 'Inspect'}
                    </button>
                    {confirming === key ? (
                      <>
                        <button
                          type="button"
                          className="danger"
                          onClick={() => {
                            setConfirming(null);
                            void forgetClient(client.issuer, client.client_id);
                          }}
                        >
                          Forget it
                        </button>
                        <button type="button" onClick={() => setConfirming(null)}>Keep</button>
                      </>
                    ) : (
                      <button type="button" onClick={() => setConfirming(key)} disabled={!!busy}>
                        Forget
                      </button>
                    )}
                  </div>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {current && (
        <section className="client-inspect" aria-label="Stored client record">
          <JsonView value={current} mask={!reveal} label="Client record" />
        </section>
      )}
    </div>
  );
}
