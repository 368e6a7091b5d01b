// HAR export and import of a 10,000-exchange session: median time of a few runs (target under
// one second each) and the memory they take. `npx tsx bench/har.ts` runs it alone.
import { pathToFileURL } from 'node:url';
import type { Exchange, Session } from '../shared/model.js';
import { exportHar } from '../shared/har/export.js';
import { importHar } from '../shared/har/import.js';
import { fullSession } from '../shared/har/test-support/session.js';
import { median, verdict } from './stats.js';

const EXCHANGES = 10_000;
const RUNS = 5;
const TARGET_MS = 1000;

export function bigSession(): Session {
  const base = fullSession();
  const exchanges: Exchange[] = [];
  for (let i = 0; exchanges.length < EXCHANGES; i++) {
    for (const exchange of base.exchanges) {
      if (exchanges.length === EXCHANGES) break;
      // Every copy gets its own token, so redaction hashes 10,000 distinct secrets, as it would in a long session.
      const text = JSON.stringify(exchange).replaceAll('eyJhbGciOiJSUzI1NiJ9', `eyJhbGciOiJSUzI1NiJ9${i}`);
      exchanges.push({ ...(JSON.parse(text) as Exchange), id: `x${exchanges.length + 1}` });
    }
  }
  return { ...base, exchanges, steps: base.steps.map((s) => ({ ...s, exchangeIds: [] })) };
}


const mb = (bytes: number): string => `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
const delta = (bytes: number): string => `${bytes < 0 ? '' : '+'}${mb(bytes)}`;

function measure<T>(label: string, fn: () => T): T {
  const gc = (globalThis as { gc?: () => void }).gc;
  const times: number[] = [];
  let result!: T;
  gc?.();
  const before = process.memoryUsage();
  let peakHeap = before.heapUsed;
  for (let run = 0; run < RUNS; run++) {
    const started = performance.now();
    result = fn();
    times.push(performance.now() - started);
    peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
  }
  const after = process.memoryUsage();
  const ms = median(times);
  const words = verdict(`HAR ${label}, 10,000 exchanges`, `${ms.toFixed(0)} ms`, `< ${TARGET_MS} ms`, ms < TARGET_MS);
  console.log(
    `${label.padEnd(28)} median ${ms.toFixed(0).padStart(5)} ms (${times.map((t) => t.toFixed(0)).join(', ')}) ${words}; ` +
      `heap ${delta(peakHeap - before.heapUsed)} at peak, rss ${delta(after.rss - before.rss)}`,
  );
  return result;
}

export async function run(): Promise<void> {
  const session = bigSession();
  console.log(`HAR bench: ${session.exchanges.length} exchanges, ${RUNS} runs each${(globalThis as { gc?: unknown }).gc ? '' : ' (run node with --expose-gc for steadier memory numbers)'}`);
  const redacted = measure('export (redacted)', () => exportHar(session, { diagnostics: [], includeSecrets: false }));
  measure('export (secrets included)', () => exportHar(session, { diagnostics: [], includeSecrets: true }));
  const text = measure('serialise', () => JSON.stringify(redacted));
  console.log(`${''.padEnd(28)} file size ${mb(text.length)}`);
  const result = measure('import (Authtrace file)', () => importHar(text));
  if (!result.ok || result.session.exchanges.length !== EXCHANGES) throw new Error('import lost exchanges');
  const foreign = JSON.stringify({ log: { ...redacted.log, _authtrace: undefined, entries: redacted.log.entries.map(({ _authtrace: _, ...entry }) => entry) } });
  const classified = measure('import (foreign, classified)', () => importHar(foreign));
  if (!classified.ok || classified.session.exchanges.length !== EXCHANGES) throw new Error('foreign import lost exchanges');
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await run();
}
