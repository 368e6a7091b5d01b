// runDiagnostics over 10,000-exchange sessions: median of several runs (target well under 100 ms).
// Three shapes: one flow followed by a long run of MCP calls with periodic refreshes and expiry 401s,
// the whole flow repeated end to end (every rule then sees thousands of its own exchanges), and
// step-up rounds cycling 403 insufficient_scope → authorize → callback → token with a new scope each.
// `npx tsx -e "import('./bench/diagnostics.ts').then(m=>m.run())"` runs it alone.
import type { Exchange, Session } from '../shared/model.js';
import { runDiagnostics } from '../shared/diagnostics/index.js';
import { cyclingSession, goodSession } from '../shared/diagnostics/test-support.js';
import { runs } from './mode.js';
import { median, verdict } from './stats.js';

const EXCHANGES = 10_000;
const RUNS = runs(15, 5);
const TARGET_MS = 100;

function copy(exchange: Exchange, id: number): Exchange {
  return { ...(structuredClone(exchange) as Exchange), id: `x${id}` };
}

/** One flow, then MCP calls; every 50th call a 401 and a refresh. */
function longSession(): Session {
  const base = goodSession();
  const mcp = base.exchanges.find((e) => e.role === 'mcp')!;
  const probe = base.exchanges.find((e) => e.role === 'mcp-probe')!;
  const refresh = base.exchanges.find((e) => e.role === 'refresh')!;
  const exchanges = [...base.exchanges];
  while (exchanges.length < EXCHANGES) {
    const n = exchanges.length;
    if (n % 50 === 0) exchanges.push({ ...copy(probe, n), role: 'mcp', step: 'mcp' });
    else if (n % 50 === 1) exchanges.push(copy(refresh, n));
    else exchanges.push(copy(mcp, n));
  }
  return { ...base, exchanges };
}

/** The whole flow repeated until 10,000 exchanges. */
function repeatedSession(): Session {
  const base = goodSession();
  const exchanges: Exchange[] = [];
  while (exchanges.length < EXCHANGES) {
    for (const e of base.exchanges) if (exchanges.length < EXCHANGES) exchanges.push(copy(e, exchanges.length));
  }
  return { ...base, exchanges };
}

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
  measure('one flow + MCP calls and refreshes', longSession());
  measure('whole flow repeated', repeatedSession());
  const base = goodSession().exchanges.length;
  measure('403 / authorize / token cycling', cyclingSession(EXCHANGES - base));
}
