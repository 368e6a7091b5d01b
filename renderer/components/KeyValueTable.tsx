import { useEffect, useRef } from 'react';
import { maskFieldValue, maskHeaderValue } from '../lib/mask.js';
import { useSweep } from './useSweep.js';
import { CopyButton } from './CopyButton.js';

export interface Pair {
  name: string;
  value: string;
}

interface Props {
  rows: readonly Pair[];
  kind: 'header' | 'field';
  mask: boolean;
  /** Name of the row a diagnostic points at (case-insensitive for headers). */
  highlight?: string | undefined;
  nonce?: number | undefined;
  label: string;
  empty?: string;
}

export function KeyValueTable({ rows, kind, mask, highlight, nonce, label, empty = 'None' }: Props) {
  const sweep = useSweep(mask);
  const marked = useRef<HTMLTableRowElement>(null);
  useEffect(() => {
    marked.current?.scrollIntoView({ block: 'center', behavior: 'smooth' });
  }, [highlight, nonce]);

  if (rows.length === 0) return <p className="empty small">{empty}</p>;
  const matches = (name: string) =>
    highlight !== undefined && (kind === 'header' ? name.toLowerCase() === highlight.toLowerCase() : name === highlight);
  let firstMarked = true;
  return (
    <table className="kv" aria-label={label}>
      <tbody>
        {rows.map((row, i) => {
          const isMarked = matches(row.name);
          const shown = mask ? sweep(kind === 'header' ? maskHeaderValue(row.name, row.value) : maskFieldValue(row.name, row.value)) : row.value;
          const ref = isMarked && firstMarked ? marked : undefined;
          if (isMarked) firstMarked = false;
          return (
            <tr key={`${row.name}-${i}`} ref={ref} className={isMarked ? 'evidence' : undefined} data-name={row.name}>
              <th scope="row">{row.name}</th>
              <td>
                <span className="value">{shown}</span>
                <CopyButton text={row.value} title={`Copy ${row.name}`} unmasked={shown !== row.value} />
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
