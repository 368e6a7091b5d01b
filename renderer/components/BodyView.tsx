import { useMemo, useState } from 'react';
import type { Header } from '../../shared/model.js';
import { formatBytes, isFormBody } from '../lib/format.js';
import { tryParseJson } from '../lib/json-view.js';
import { maskBody } from '../lib/mask.js';
import { useSweep } from './useSweep.js';
import { CopyButton } from './CopyButton.js';
import { JsonView } from './JsonView.js';
import { KeyValueTable } from './KeyValueTable.js';

export type BodyHighlight = { kind: 'json'; pointer: string } | { kind: 'form'; name: string };

interface Props {
  text: string | undefined;
  headers: readonly Header[];
  mask: boolean;
  label: string;
  highlight?: BodyHighlight | undefined;
  nonce?: number | undefined;
  truncated?: boolean;
  size?: number;
}

export function BodyView({ text, headers, mask, label, highlight, nonce, truncated, size }: Props) {
  const sweep = useSweep(mask);
  const sweepAll = useSweep(true);
  const [raw, setRaw] = useState(false);
  const json = useMemo(() => tryParseJson(text), [text]);
  const form = !json.ok && isFormBody(headers, text);
  const formRows = useMemo(() => (form ? [...new URLSearchParams(text ?? '')].map(([name, value]) => ({ name, value })) : []), [form, text]);

  if (text === undefined || text === '') return <p className="empty small">No body</p>;
  const structured = json.ok || form;
  const showRaw = raw || !structured;
  return (
    <section className="body-view" aria-label={label}>
      <div className="body-bar">
        <span className="body-kind">{json.ok ? 'JSON' : form ? 'Form' : 'Text'}</span>
        {size !== undefined && <span className="muted">{formatBytes(size)}</span>}
        {truncated && <span className="tag warn">truncated</span>}
        <span className="spacer" />
        {structured && (
          <button type="button" className="link" onClick={() => setRaw(!raw)} aria-pressed={raw}>
            {raw ? 'Pretty' : 'Raw'}
          </button>
        )}
        <CopyButton text={text} redacted={() => sweepAll(maskBody(text))} secretsShown={!mask} label="Copy" title={`Copy the ${label.toLowerCase()}`} />
      </div>
      {showRaw ? (
        <pre className="raw">{mask ? sweep(maskBody(text)) : text}</pre>
      ) : json.ok ? (
        <JsonView value={json.value} mask={mask} pointer={highlight?.kind === 'json' ? highlight.pointer : undefined} nonce={nonce} label={`${label} JSON`} />
      ) : (
        <KeyValueTable rows={formRows} kind="field" mask={mask} label={`${label} form`} highlight={highlight?.kind === 'form' ? highlight.name : undefined} nonce={nonce} />
      )}
    </section>
  );
}
