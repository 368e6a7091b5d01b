// `authtrace lint` of a 10,000-exchange HAR (bench/har.ts's session, exported redacted) as a whole
// process: wall time, CPU time and peak memory. `npx tsx bench/lint-har.ts` runs it alone.
import { mkdtempSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { exportHar } from '../shared/har/export.js';
import { measureNode } from './child-process.js';
import { bigSession } from './har.js';
import { runs } from './mode.js';
import { mb, median, ms } from './stats.js';

export async function run(): Promise<void> {
  const session = bigSession();
  const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'authtrace-bench-')), 'big.har');
  writeFileSync(file, JSON.stringify(exportHar(session, { diagnostics: [], includeSecrets: false })));
  const count = runs(5, 2);
  const all = [];
  for (let i = 0; i < count; i++) {
    const r = await measureNode(['bin/authtrace.js', 'lint', file]);
    // 0: no findings, 1: findings; 2 would be a file lint refused.
    if (r.code > 1) throw new Error(`authtrace lint exited ${r.code}`);
    all.push(r);
  }
  console.log(`authtrace lint of a ${session.exchanges.length}-exchange HAR (${(statSync(file).size / 2 ** 20).toFixed(1)} MB), whole process, median of ${count}`);
  console.log(`  wall ${ms(median(all.map((r) => r.wallMs)))}, cpu ${ms(median(all.map((r) => r.cpuMs)))}, peak rss ${mb(Math.max(...all.map((r) => r.maxRssMb)))}`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await run();
