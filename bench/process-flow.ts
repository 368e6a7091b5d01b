// The headless flow as users feel it: `authtrace run --headless --new-client` as a whole process
// (start-up, a fresh registration, the flow, the report, exit) against the sandbox, paired with a
// bare oauth4webapi client (bench/bare-client.mjs) run as a process the same number of times.
// Target: Authtrace takes at most 1.15x the bare client's wall time. `npx tsx bench/process-flow.ts` runs it alone.
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { startSandbox } from '../electron/sandbox/index.js';
import { measureNode, pairedRuns, type ProcessRun } from './child-process.js';
import { runs } from './mode.js';
import { mb, median, ms, verdict } from './stats.js';

const TARGET_RATIO = 1.15;

const ok = (what: string) => (run: ProcessRun) => {
  if (run.code !== 0) throw new Error(`${what} exited ${run.code}`);
  return run;
};

function describe(label: string, all: ProcessRun[]): string {
  return `  ${label.padEnd(44)} wall ${ms(median(all.map((r) => r.wallMs))).padStart(7)}, cpu ${ms(median(all.map((r) => r.cpuMs))).padStart(7)}, peak rss ${mb(median(all.map((r) => r.maxRssMb)))}`;
}

export async function run(): Promise<void> {
  const count = runs(30, 8);
  const sandbox = await startSandbox({ profile: 'correct' });
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'authtrace-bench-'));
  try {
    const authtrace = () => measureNode(['bin/authtrace.js', 'run', sandbox.mcpUrl, '--headless', '--new-client', '--data-dir', dataDir]).then(ok('authtrace run'));
    const bare = () => measureNode(['bench/bare-client.mjs', sandbox.mcpUrl]).then(ok('the bare client'));
    const { a, b } = await pairedRuns(authtrace, bare, count);
    const ratio = median(a.map((r) => r.wallMs)) / median(b.map((r) => r.wallMs));
    const cpuRatio = median(a.map((r) => r.cpuMs)) / median(b.map((r) => r.cpuMs));
    console.log(`whole-process headless flow against the sandbox (correct), fresh DCR client each run: ${count} paired runs, medians`);
    console.log(describe('authtrace run --headless --new-client', a));
    console.log(describe('bare oauth4webapi client (bench/bare-client.mjs)', b));
    console.log(`  ratio ${ratio.toFixed(2)}x wall, ${cpuRatio.toFixed(2)}x cpu  ${verdict('whole-process flow / bare client', `${ratio.toFixed(2)}x`, `≤ ${TARGET_RATIO}x`, ratio <= TARGET_RATIO)}`);
  } finally {
    await sandbox.close();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await run();
