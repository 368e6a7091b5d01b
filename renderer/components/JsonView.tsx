import { useEffect, useMemo, useRef } from 'react';
import { jsonLines, lineMatches, type JsonLine } from '../lib/json-view.js';
import { useSweep } from './useSweep.js';
import { VirtualList } from './VirtualList.js';

const LINE_HEIGHT = 18;
const VIRTUAL_FROM = 800;

function Line({ line, marked }: { line: JsonLine; marked: boolean }) {
  return (
    <div className={`json-line ${marked ? 'evidence' : ''}`} data-pointer={line.pointer} style={{ paddingLeft: `${line.depth * 2}ch` }}>
      {line.tokens.map((token, i) => (
        <span key={i} className={`j-${token.kind}`}>
          {token.text}
        </span>
      ))}
    </div>
  );
}

export function JsonView({ value, mask, pointer, nonce, label }: { value: unknown; mask: boolean; pointer?: string | undefined; nonce?: number | undefined; label: string }) {
  const sweep = useSweep(mask);
  const lines = useMemo(() => jsonLines(value, { mask, sweep }), [value, mask, sweep]);
  const firstMatch = useMemo(() => lines.findIndex((l) => lineMatches(l, pointer)), [lines, pointer]);
  const container = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (firstMatch < 0 || lines.length >= VIRTUAL_FROM) return;
    container.current?.querySelector('.json-line.evidence')?.scrollIntoView({ block: 'center', behavior: 'smooth' });
  }, [firstMatch, nonce, lines.length]);

  if (lines.length >= VIRTUAL_FROM) {
    return (
      <VirtualList
        className="json big"
        ariaLabel={label}
        items={lines}
        rowHeight={LINE_HEIGHT}
        scrollToIndex={firstMatch >= 0 ? firstMatch : null}
        renderRow={(line, i) => <Line key={i} line={line} marked={lineMatches(line, pointer)} />}
      />
    );
  }
  return (
    <div className="json" ref={container} aria-label={label} role="region">
      {lines.map((line, i) => (
        <Line key={i} line={line} marked={lineMatches(line, pointer)} />
      ))}
    </div>
  );
}
