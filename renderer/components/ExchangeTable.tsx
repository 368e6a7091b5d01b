import { useMemo } from 'react';
import type { Exchange } from '../../shared/model.js';
import { selectExchange } from '../state/actions.js';
import { useStore } from '../state/store.js';
import { formatBytes, formatDuration, splitUrl } from '../lib/format.js';
import { maskUrl } from '../lib/mask.js';
import { useSweep } from './useSweep.js';
import { ROLE_LABELS } from '../lib/steps.js';
import { VirtualList } from './VirtualList.js';

const ROW_HEIGHT = 26;

function statusText(exchange: Exchange): { text: string; tone: string } {
  switch (exchange.outcome) {
    case 'response': {
      const s = exchange.response.status;
      return { text: String(s), tone: s >= 400 ? 'bad' : s >= 300 ? 'redirect' : 'ok' };
    }
    case 'network-error':
      return { text: exchange.error.code, tone: 'bad' };
    case 'opened-in-browser':
      return { text: 'browser', tone: 'muted' };
  }
}

function durationOf(exchange: Exchange): number | undefined {
  return exchange.outcome === 'opened-in-browser' ? undefined : exchange.timings.total;
}

export function ExchangeTable() {
  const exchanges = useStore((s) => s.view?.session.exchanges);
  const selectedId = useStore((s) => s.selectedExchangeId);
  const reveal = useStore((s) => s.reveal);
  const sweep = useSweep(!reveal);
  const list = useMemo(() => exchanges ?? [], [exchanges]);

  const selectedIndex = useMemo(() => list.findIndex((e) => e.id === selectedId), [list, selectedId]);

  return (
    <div className="network" role="table" aria-label="Requests" aria-rowcount={list.length}>
      <div className="net-row net-head" role="row">
        <span role="columnheader" className="c-num">#</span>
        <span role="columnheader" className="c-name">Name</span>
        <span role="columnheader" className="c-method">Method</span>
        <span role="columnheader" className="c-status">Status</span>
        <span role="columnheader" className="c-role">Type</span>
        <span role="columnheader" className="c-time">Time</span>
        <span role="columnheader" className="c-size">Size</span>
      </div>
      {list.length === 0 ? (
        <p className="empty">No requests yet. Each step's requests appear here as they are sent.</p>
      ) : (
        <VirtualList
          items={list}
          rowHeight={ROW_HEIGHT}
          scrollToIndex={selectedIndex}
          className="net-body"
          renderRow={(exchange, index) => {
            // Split the URL as sent, then mask: re-parsing a masked URL would percent-encode the mask.
            const { origin, path: rawPath } = splitUrl(exchange.request.url);
            const path = reveal ? rawPath : sweep(maskUrl(rawPath));
            const status = statusText(exchange);
            const duration = durationOf(exchange);
            return (
              <div
                key={exchange.id}
                role="row"
                aria-selected={exchange.id === selectedId}
                data-exchange-id={exchange.id}
                data-role={exchange.role}
                className={`net-row ${exchange.id === selectedId ? 'selected' : ''} ${status.tone === 'bad' ? 'failed' : ''}`}
                onClick={() => selectExchange(exchange.id)}
              >
                <span role="cell" className="c-num">{index + 1}</span>
                <span role="cell" className="c-name" title={reveal ? exchange.request.url : sweep(maskUrl(exchange.request.url))}>
                  <span className="path">{path || '/'}</span>
                  <span className="origin">{origin}</span>
                  {exchange.edited && <span className="tag edited">edited</span>}
                </span>
                <span role="cell" className="c-method">{exchange.request.method}</span>
                <span role="cell" className={`c-status tone-${status.tone}`}>{status.text}</span>
                <span role="cell" className="c-role">{ROLE_LABELS[exchange.role]}</span>
                <span role="cell" className="c-time">{formatDuration(duration)}</span>
                <span role="cell" className="c-size">{exchange.outcome === 'response' ? formatBytes(exchange.response.bodySize) : ''}</span>
              </div>
            );
          }}
        />
      )}
    </div>
  );
}
