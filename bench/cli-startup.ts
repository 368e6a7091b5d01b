// What a command costs before it does anything: `authtrace --help` against `node -e 0`, whole
// processes, paired. Target: at most 1.5x. `npx tsx bench/cli-startup.ts` runs it alone.
import { pathToFileURL } from 'node:url';
import { measureNode, pairedRuns, type ProcessRun } from './child-process.js';
import { runs } from './mode.js';
import { mb, median, ms, verdict } from './stats.js';

const TARGET_RATIO = 1.5;

const line = (label: string, all: ProcessRun[]) =>
  `  ${label.padEnd(20)} wall ${ms(median(all.map((r) => r.wallMs))).padStart(6)}, cpu ${ms(median(all.map((r) => r.cpuMs))).padStart(6)}, peak rss ${mb(median(all.map((r) => r.maxRssMb)))}`;

export async function run(): Promise<void> {
  const count = runs(30, 10);
  const { a, b } = await pairedRuns(() => measureNode(['bin/authtrace.js', '--help']), () => measureNode(['-e', '0']), count, 3);
  const ratio = median(a.map((r) => r.wallMs)) / median(b.map((r) => r.wallMs));
  console.log(`start-up: ${count} paired runs, medians`);
  console.log(line('authtrace --help', a));
  console.log(line('node -e 0', b));
  console.log(`  ratio ${ratio.toFixed(2)}x wall  ${verdict('authtrace --help / node -e 0', `${ratio.toFixed(2)}x`, '≤ 1.5x', ratio <= TARGET_RATIO)}`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await run();
