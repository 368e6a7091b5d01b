// `npm run bench`: every benchmark, one after another, then the targets with PASS or FAIL (speed and
// memory targets live here, never in tests). `npm run bench -- --quick` runs fewer rounds of each;
// `npm run bench -- diagnostics process-flow` runs only the ones named.
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { quick } from './mode.js';
import { verdicts } from './stats.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const BENCHES = ['cli-startup', 'process-flow', 'flow', 'diagnostics', 'lint-har', 'har', 'render', 'stream', 'matrix'];

const named = process.argv.slice(2).filter((arg) => !arg.startsWith('--'));
const unknown = named.filter((name) => !BENCHES.includes(name));
if (unknown.length > 0) throw new Error(`no benchmark named ${unknown.join(', ')}; there are ${BENCHES.join(', ')}`);

const started = performance.now();
const load = () => os.loadavg().map((n) => n.toFixed(1)).join(', ');
// Figures move with what else runs: the load says how busy the machine was.
console.log(`node ${process.version}, ${os.cpus().length} cores, load average ${load()}`);
const failed: string[] = [];
for (const name of named.length > 0 ? named : BENCHES) {
  console.log(`\n== ${name}`);
  try {
    const mod = (await import(pathToFileURL(path.join(here, `${name}.ts`)).href)) as { run: () => Promise<void> };
    await mod.run();
  } catch (error) {
    failed.push(name);
    console.log(`  did not run: ${(error as Error).stack ?? String(error)}`);
  }
}

console.log(`\n== targets${quick ? ' (quick mode: fewer runs, rougher figures)' : ''}`);
for (const v of verdicts) console.log(`  ${v.pass ? 'PASS' : 'FAIL'}  ${v.what.padEnd(52)} ${v.figure.padStart(9)}  (target ${v.target})`);
for (const name of failed) console.log(`  ERROR ${name} did not run`);
console.log(`\nbench took ${((performance.now() - started) / 1000).toFixed(0)} s; load average at the end ${load()}`);
if (failed.length > 0) process.exitCode = 1;
