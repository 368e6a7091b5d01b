import { useState } from 'react';
import { explain } from '../../shared/clients/explain.js';
import { RULES } from '../../shared/diagnostics/index.js';
import { CopyButton } from './CopyButton.js';

/** Paste what a client said; get the likely causes, the side to fix, the rules, and the command that checks. */
export function ExplainBox() {
  const [text, setText] = useState('');
  const found = text.trim() ? explain(text) : [];
  return (
    <section className="explain" aria-label="Explain a client error">
      <label className="explain-input">
        <span className="field-label">What did the client say?</span>
        <input
          type="search"
          spellCheck={false}
          placeholder='e.g. "Existing OAuth client information is required…", invalid_client, AADSTS9010010'
          value={text}
          onChange={(e) => setText(e.target.value)}
        />
      </label>
      {text.trim() && found.length === 0 && <p className="empty small">No known cause. Run the flow against the server and read the diagnostics.</p>}
      {found.map((s) => (
        <article key={s.id} className="explained" data-symptom={s.id}>
          <h3>{s.symptom}</h3>
          <p className="muted">Seen from {s.clients.join(', ')}</p>
          <ul>
            {s.causes.map((c) => (
              <li key={c.cause}>
                {c.cause}{' '}
                <span className="muted">
                  ({c.side === 'either' ? 'either side' : `${c.side} side`}
                  {c.rules.length > 0 && `; ${c.rules.map((id) => `${id} ${RULES[id]?.title ?? ''}`).join('; ')}`})
                </span>
              </li>
            ))}
          </ul>
          <p>
            Check: <code>{s.check}</code> <CopyButton text={s.check} label="Copy command" />
          </p>
        </article>
      ))}
    </section>
  );
}
