import { useMemo, useState } from 'react';
import type { EvidenceLocation, Exchange } from '../../shared/model.js';
import { toCurl } from '../../shared/har/curl.js';
import { useStore, type DetailTab } from '../state/store.js';
import { formatDuration, formatStarted } from '../lib/format.js';
import { maskBody, maskRequest, maskUrl } from '../lib/mask.js';
import { useSweep } from './useSweep.js';
import { ROLE_LABELS, STEP_LABELS } from '../lib/steps.js';
import { BodyView, type BodyHighlight } from './BodyView.js';
import { CopyButton } from './CopyButton.js';
import { KeyValueTable } from './KeyValueTable.js';

const TABS: Array<{ id: DetailTab; label: string }> = [
  { id: 'headers', label: 'Headers' },
  { id: 'payload', label: 'Payload' },
  { id: 'response', label: 'Response' },
  { id: 'timing', label: 'Timing' },
];

function queryRows(url: string): Array<{ name: string; value: string }> {
  try {
    return [...new URL(url).searchParams].map(([name, value]) => ({ name, value }));
  } catch {
    return [];
  }
}

function bodyHighlight(location: EvidenceLocation | undefined, side: 'request' | 'response'): BodyHighlight | undefined {
  if (!location) return undefined;
  if (location.kind === `${side}-json`) return { kind: 'json', pointer: (location as { pointer: string }).pointer };
  if (side === 'request' && location.kind === 'request-form') return { kind: 'form', name: location.name };
  return undefined;
}

export function ExchangeDetail({ exchange }: { exchange: Exchange }) {
  const tab = useStore((s) => s.detailTab);
  const reveal = useStore((s) => s.reveal);
  const highlight = useStore((s) => (s.highlight?.exchangeId === exchange.id ? s.highlight : null));
  const [showOriginal, setShowOriginal] = useState(false);
  const location = highlight?.location;
  const mask = !reveal;
  const sweep = useSweep(mask);
  // Copies follow the screen: masked copies sweep the session's secrets even while the screen shows them.
  const sweepAll = useSweep(true);
  const request = showOriginal && exchange.edited ? exchange.edited.original : exchange.request;
  const query = useMemo(() => queryRows(request.url), [request.url]);
  const responseBody = exchange.outcome === 'response' ? exchange.response.body : undefined;

  return (
    <article className="detail" aria-label="Request details" data-exchange-id={exchange.id}>
      <header className="detail-head">
        <div className="detail-title">
          <span className="method">{request.method}</span>
          <span className="url" title={request.url}>
            {reveal ? request.url : sweep(maskUrl(request.url))}
          </span>
          <Status exchange={exchange} marked={location?.kind === 'response-status'} />
        </div>
        <div className="detail-actions">
          <span className="muted">
            {STEP_LABELS[exchange.step as keyof typeof STEP_LABELS] ?? exchange.step} · {ROLE_LABELS[exchange.role]}
            {exchange.purpose ? ` · ${exchange.purpose}` : ''}
          </span>
        </div>
        {exchange.edited && (
          <div className="edited-note" role="note">
            <span className="tag edited">edited</span> You edited this request before it was sent.
            <button type="button" className="link" onClick={() => setShowOriginal(!showOriginal)}>
              {showOriginal ? 'Show the sent request' : 'Show the prepared original'}
            </button>
          </div>
        )}
      </header>
      <div className="tabs tabs-row">
        <div className="tablist" role="tablist" aria-label="Request detail">
          {TABS.map((t) => (
            <button key={t.id} type="button" role="tab" aria-selected={tab === t.id} className={tab === t.id ? 'active' : ''} onClick={() => useStore.setState({ detailTab: t.id })}>
              {t.label}
            </button>
          ))}
        </div>
        <span className="tab-actions">
          <CopyButton text={exchange.request.url} redacted={() => sweepAll(maskUrl(exchange.request.url))} label="Copy URL" />
          <CopyButton text={() => toCurl(exchange.request)} redacted={() => sweepAll(toCurl(maskRequest(exchange.request)))} label="Copy as curl" />
          {responseBody !== undefined && <CopyButton text={responseBody} redacted={() => sweepAll(maskBody(responseBody))} label="Copy response body" />}
        </span>
      </div>
      {/* Focusable, so the keyboard can scroll a long body (axe scrollable-region-focusable). */}
      <div className="tab-body" role="tabpanel" tabIndex={0} aria-label={TABS.find((t) => t.id === tab)?.label}>
        {tab === 'headers' && (
          <>
            <Section title="General">
              <KeyValueTable
                kind="field"
                mask={false}
                label="General"
                rows={[
                  { name: 'Request URL', value: reveal ? request.url : sweep(maskUrl(request.url)) },
                  { name: 'Request method', value: request.method },
                  { name: 'Status', value: statusLine(exchange) },
                  { name: 'Sent by', value: exchange.origin === 'engine' ? 'Authtrace' : exchange.origin === 'browser' ? 'the browser' : 'imported from HAR' },
                  { name: 'Started', value: formatStarted(exchange.startedAt) },
                ]}
              />
            </Section>
            {exchange.outcome === 'response' && (
              <Section title={`Response headers (${exchange.response.headers.length})`}>
                <KeyValueTable kind="header" mask={mask} label="Response headers" rows={exchange.response.headers} highlight={location?.kind === 'response-header' ? location.name : undefined} nonce={highlight?.nonce} />
              </Section>
            )}
            <Section title={`Request headers (${request.headers.length})`}>
              <KeyValueTable kind="header" mask={mask} label="Request headers" rows={request.headers} highlight={location?.kind === 'request-header' ? location.name : undefined} nonce={highlight?.nonce} />
            </Section>
          </>
        )}
        {tab === 'payload' && (
          <>
            {query.length > 0 && (
              <Section title="Query string parameters">
                <KeyValueTable kind="field" mask={mask} label="Query string parameters" rows={query} highlight={location?.kind === 'request-query' ? location.name : undefined} nonce={highlight?.nonce} />
              </Section>
            )}
            <Section title="Request body">
              <BodyView text={request.body} headers={request.headers} mask={mask} label="Request body" highlight={bodyHighlight(location, 'request')} nonce={highlight?.nonce} />
            </Section>
          </>
        )}
        {tab === 'response' && <ResponseBody exchange={exchange} mask={mask} highlight={bodyHighlight(location, 'response')} nonce={highlight?.nonce} />}
        {tab === 'timing' && <TimingView exchange={exchange} />}
      </div>
    </article>
  );
}

function statusLine(exchange: Exchange): string {
  switch (exchange.outcome) {
    case 'response':
      return `${exchange.response.status} ${exchange.response.statusText}`.trim();
    case 'network-error':
      return `Network error (${exchange.error.code}): ${exchange.error.message}`;
    case 'opened-in-browser':
      return 'Opened in the browser (the response is not visible to Authtrace)';
  }
}

function Status({ exchange, marked }: { exchange: Exchange; marked: boolean }) {
  const tone =
    exchange.outcome === 'response' ? (exchange.response.status >= 400 ? 'bad' : exchange.response.status >= 300 ? 'redirect' : 'ok') : exchange.outcome === 'network-error' ? 'bad' : 'muted';
  const text = exchange.outcome === 'response' ? `${exchange.response.status} ${exchange.response.statusText}`.trim() : exchange.outcome === 'network-error' ? exchange.error.code : 'in browser';
  return <span className={`status-pill tone-${tone} ${marked ? 'evidence' : ''}`}>{text}</span>;
}

function Section({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <section className="section">
      <h3>{title}</h3>
      {children}
    </section>
  );
}

function ResponseBody({ exchange, mask, highlight, nonce }: { exchange: Exchange; mask: boolean; highlight: BodyHighlight | undefined; nonce: number | undefined }) {
  if (exchange.outcome === 'network-error') {
    return (
      <div className="callout error">
        <strong>No response: {exchange.error.code}</strong>
        <p>{exchange.error.message}</p>
      </div>
    );
  }
  if (exchange.outcome === 'opened-in-browser') {
    return <p className="empty">This request was opened in the browser; Authtrace sees only where the browser is sent back to (the callback).</p>;
  }
  const { response } = exchange;
  return (
    <BodyView text={response.body} headers={response.headers} mask={mask} label="Response body" highlight={highlight} nonce={nonce} truncated={response.truncated} size={response.bodySize} />
  );
}

function TimingView({ exchange }: { exchange: Exchange }) {
  if (exchange.outcome === 'opened-in-browser') return <p className="empty">No timing: the browser made this request.</p>;
  const { wait, receive, total } = exchange.timings;
  const max = Math.max(total, 1);
  const rows: Array<[string, number, string]> = [
    ['Waiting for server response', wait, 'wait'],
    ['Content download', receive, 'receive'],
  ];
  return (
    <section className="timing" aria-label="Timing">
      <p className="muted">Started at {formatStarted(exchange.startedAt)}</p>
      <table className="kv">
        <tbody>
          {rows.map(([label, ms, kind]) => (
            <tr key={kind}>
              <th scope="row">{label}</th>
              <td>
                <span className="timing-bar">
                  <span className={`fill ${kind}`} style={{ width: `${(ms / max) * 100}%` }} />
                </span>
                <span className="timing-ms">{formatDuration(ms)}</span>
              </td>
            </tr>
          ))}
          <tr className="total">
            <th scope="row">Total</th>
            <td>
              <span className="timing-ms">{formatDuration(total)}</span>
            </td>
          </tr>
        </tbody>
      </table>
    </section>
  );
}
