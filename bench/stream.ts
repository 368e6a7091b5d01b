// A long session streamed to the screen one exchange at a time, in Chromium: how long each update
// takes from the push arriving to the DOM showing it (decode, React, layout), with pushes that carry
// only the new exchange (what the hosts send, shared/view-delta.ts) beside whole-view pushes (what
// they sent before). Target: under one frame (16.7 ms) per update at 10,000 exchanges.
// Run: npx tsx bench/stream.ts (after npm run build).
import { pathToFileURL } from 'node:url';
import { bigSessionView } from './big-session.js';
import { runs } from './mode.js';
import { median, verdict } from './stats.js';
import { openUi } from './ui-server.js';

const EXCHANGES = 10_000;
const UPDATES = runs(40, 15);
const FRAME_MS = 1000 / 60;

export interface StreamTimings {
  exchanges: number;
  delta: number[];
  full: number[];
}

/** Runs in the page: `updates` pushes of one new exchange each, timed until the table shows it. */
const STREAM = `async ({ mode, updates }) => {
  const view = await window.authtrace.invoke('session:get');
  const table = document.querySelector('[role=table][aria-label=Requests]');
  const template = view.session.exchanges.at(-1);
  let exchanges = view.session.exchanges;
  const times = [];
  for (let i = 0; i < updates; i++) {
    const added = { ...template, id: 'stream-' + mode + '-' + i };
    const { exchanges: _, ...session } = view.session;
    const next = [...exchanges, added];
    // Serialised before the clock starts: the host does that; the page pays for parsing it.
    const text = mode === 'delta'
      ? JSON.stringify({ kind: 'delta', base: { sessionId: session.id, exchanges: exchanges.length }, view: { ...view, session }, added: [added] })
      : JSON.stringify({ kind: 'full', view: { ...view, session: { ...session, exchanges: next } } });
    const rows = String(next.length + 1);
    const t0 = performance.now();
    await new Promise((resolve) => {
      const observer = new MutationObserver(() => {
        if (table.getAttribute('aria-rowcount') !== rows) return;
        observer.disconnect();
        void document.body.offsetHeight;
        resolve();
      });
      observer.observe(table, { attributes: true, attributeFilter: ['aria-rowcount'] });
      window.__push(JSON.parse(text));
    });
    times.push(performance.now() - t0);
    exchanges = next;
    await new Promise((resolve) => setTimeout(resolve, 30));
  }
  return times;
}`;

export async function measure(count = EXCHANGES, updates = UPDATES): Promise<StreamTimings> {
  const { page, close } = await openUi(bigSessionView(count));
  try {
    const stream = (mode: 'delta' | 'full') => page.evaluate(`(${STREAM})(${JSON.stringify({ mode, updates })})`) as Promise<number[]>;
    const delta = await stream('delta');
    const full = await stream('full');
    return { exchanges: count, delta, full };
  } finally {
    await close();
  }
}

const p95 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil(xs.length * 0.95) - 1)] ?? NaN;

export async function run(): Promise<void> {
  const t = await measure();
  const ms = (n: number) => `${n.toFixed(1)} ms`;
  const words = verdict(`screen update, ${t.exchanges.toLocaleString('en')}-exchange session (median)`, ms(median(t.delta)), `< ${ms(FRAME_MS)}`, median(t.delta) < FRAME_MS);
  console.log(`stream: ${t.exchanges.toLocaleString('en')} exchanges, ${t.delta.length} updates of one exchange each, push to DOM and layout`);
  console.log(`  delta pushes (what the hosts send)   median ${ms(median(t.delta))}  p95 ${ms(p95(t.delta))}   ${words}`);
  console.log(`  whole-view pushes (before)           median ${ms(median(t.full))}  p95 ${ms(p95(t.full))}   ${(median(t.full) / median(t.delta)).toFixed(1)}x the delta's median`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  run().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
