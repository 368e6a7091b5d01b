// runDiagnostics over 10,000-exchange sessions: median of several runs (target well under 100 ms).
// Three shapes: one flow followed by a long run of MCP calls with periodic refreshes and expiry 401s,
// the whole flow repeated end to end (every rule then sees thousands of its own exchanges), and
// step-up rounds cycling 403 insufficient_scope → authorize → callback → token with a new scope each,
// and the flow repeated with faults that make many rules fire (shared/diagnostics/large-sessions.ts).
// `npx tsx -e "import('./bench/diagnostics.ts').then(m=>m.run())"` runs it alone.
import type { Session } from '../shared/model.js';
import { runDiagnostics } from '../shared/diagnostics/index.js';
import { longSession, mixedSession, repeatedSession, stepUpSession } from '../shared/diagnostics/large-sessions.js';
import { runs } from './mode.js';
import { median, verdict } from './stats.js';

const EXCHANGES = 10_000;
const RUNS = runs(15, 5);
const TARGET_MS = 100;

function measure(label: string, session: Session): void {
  const times: number[] = [];
  let found = 0;
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    found = runDiagnostics(session).length;
    times.push(performance.now() - start);
  }
  const ms = median(times);
  const words = verdict(`diagnostics, ${label}`, `${ms.toFixed(1)} ms`, `< ${TARGET_MS} ms`, ms < TARGET_MS);
  console.log(
    `diagnostics  ${label.padEnd(34)} ${session.exchanges.length} exchanges  median ${ms.toFixed(1)} ms, fastest ${Math.min(...times).toFixed(1)} ms ` +
      `of ${RUNS} runs  (${found} diagnostics)  ${words}`,
  );
}

export async function run(): Promise<void> {
  measure('one flow + MCP calls and refreshes', longSession(EXCHANGES));
  measure('whole flow repeated', repeatedSession(EXCHANGES));
  measure('403 / authorize / token cycling', stepUpSession(EXCHANGES));
  measure('mixed faults, many rules firing', mixedSession(EXCHANGES));
}
