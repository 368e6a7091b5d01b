import { useEffect, useMemo, useRef, type KeyboardEvent } from 'react';
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
  const tableRef = useRef<HTMLDivElement>(null);
  const focusSelected = useRef(false);

  // After a key moved the selection, focus follows it; a far jump (End) waits for the row to render.
  useEffect(() => {
    if (!focusSelected.current || !selectedId) return;
    let frames = 0;
    const tryFocus = () => {
      const row = tableRef.current?.querySelector<HTMLElement>(`[role=row][data-exchange-id="${CSS.escape(selectedId)}"]`);
      if (row) {
        focusSelected.current = false;
        row.focus({ preventScroll: true });
      } else if (frames++ < 10) requestAnimationFrame(tryFocus);
    };
    tryFocus();
  }, [selectedId]);

  // DevTools' habits: arrows move, Home/End jump, Page keys move a screenful, Enter goes to the details.
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (list.length === 0 || event.altKey || event.ctrlKey || event.metaKey) return;
    const page = Math.max(1, Math.floor((tableRef.current?.querySelector('.net-body')?.clientHeight ?? ROW_HEIGHT * 10) / ROW_HEIGHT) - 1);
    const at = selectedIndex;
    const last = list.length - 1;
    const target: Record<string, number> = {
      ArrowDown: at < 0 ? 0 : Math.min(last, at + 1),
      ArrowUp: at < 0 ? 0 : Math.max(0, at - 1),
      Home: 0,
      End: last,
      PageDown: Math.min(last, Math.max(0, at) + page),
      PageUp: Math.max(0, at - page),
    };
    if (event.key === 'Enter' && selectedId) {
      event.preventDefault();
      document.querySelector<HTMLElement>('article.detail [role=tab][aria-selected=true]')?.focus();
      return;
    }
    const index = target[event.key];
    if (index === undefined) return;
    event.preventDefault();
    focusSelected.current = true;
    if (list[index]!.id === selectedId) {
      tableRef.current?.querySelector<HTMLElement>(`[role=row][data-exchange-id="${CSS.escape(selectedId)}"]`)?.focus();
      return;
    }
    selectExchange(list[index]!.id);
  };
  const focusableId = selectedIndex >= 0 ? selectedId : list[0]?.id;

  return (
    <div ref={tableRef} className="network" role="table" aria-label="Requests" aria-rowcount={list.length + 1} onKeyDown={onKeyDown}>
      <div className="net-row net-head" role="row" aria-rowindex={1}>
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
                aria-rowindex={index + 2}
                tabIndex={exchange.id === focusableId ? 0 : -1}
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
