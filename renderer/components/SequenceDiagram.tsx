import { useMemo } from 'react';
import { LANES, LANE_LABELS, sequenceOf, type Arrow } from '../lib/sequence.js';
import { selectExchange } from '../state/actions.js';
import { useStore } from '../state/store.js';
import { VirtualList } from './VirtualList.js';

const ROW_HEIGHT = 30;
const laneX = (lane: Arrow['from']) => ((LANES.indexOf(lane) + 0.5) / LANES.length) * 100;

export function SequenceDiagram() {
  const exchanges = useStore((s) => s.view?.session.exchanges);
  const selectedId = useStore((s) => s.selectedExchangeId);
  const arrows = useMemo(() => sequenceOf(exchanges ?? []), [exchanges]);
  const selectedIndex = useMemo(() => arrows.findIndex((a) => a.exchangeId === selectedId), [arrows, selectedId]);

  return (
    <div className="sequence" aria-label="Sequence diagram">
      <div className="lanes-head">
        {LANES.map((lane) => (
          <span key={lane} className="lane-label">
            {LANE_LABELS[lane]}
          </span>
        ))}
      </div>
      {arrows.length === 0 ? (
        <p className="empty">The diagram draws itself from the requests as they are sent.</p>
      ) : (
        <VirtualList
          className="lanes"
          items={arrows}
          rowHeight={ROW_HEIGHT}
          scrollToIndex={selectedIndex}
          renderRow={(arrow, i) => {
            const x1 = laneX(arrow.from);
            const x2 = laneX(arrow.to);
            const left = Math.min(x1, x2);
            const width = Math.abs(x2 - x1);
            const rightward = x2 > x1;
            return (
              <button
                key={`${arrow.exchangeId}-${i}`}
                type="button"
                className={`seq-row ${arrow.exchangeId === selectedId ? 'selected' : ''}`}
                data-exchange-id={arrow.exchangeId}
                onClick={() => selectExchange(arrow.exchangeId)}
                title={arrow.label}
              >
                <span className={`seq-arrow ${arrow.kind} tone-${arrow.tone} ${rightward ? 'right' : 'left'}`} style={{ left: `${left}%`, width: `${width}%` }}>
                  <span className="seq-label">{arrow.label}</span>
                </span>
              </button>
            );
          }}
        />
      )}
    </div>
  );
}
