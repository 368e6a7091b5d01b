// The full compatibility matrix against the sandbox as a user runs it (`authtrace matrix`, a whole
// process), beside one single-client run (`authtrace run --client reference`): wall time and peak memory.
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { CLIENT_PROFILES } from '../shared/clients/index.js';
import { startSandbox } from '../electron/sandbox/index.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const RUNS = 3;

/** Runs the built CLI in a child process; resolves with its wall time and peak resident memory. */
function cli(args: string[]): Promise<{ ms: number; maxRssMb: number }> {
  const script = `import(${JSON.stringify(pathToFileURL(path.join(ROOT, 'dist/electron/cli.js')).href)}).then((m) => m.main(process.argv.slice(1), { stdout: () => {}, stderr: () => {}, tty: false })).then(() => process.stderr.write('MAXRSS ' + process.resourceUsage().maxRSS + '\\n'))`;
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, ['--input-type=module', '-e', script, ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', () => {
      const rss = /MAXRSS (\d+)/.exec(stderr);
      if (!rss) reject(new Error(`no measurement: ${stderr.slice(-500)}`));
      else resolve({ ms: performance.now() - started, maxRssMb: Number(rss[1]) / 1024 });
    });
  });
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

export async function run(): Promise<void> {
  const sandbox = await startSandbox({ profile: 'correct' });
  try {
    const matrix: { ms: number; maxRssMb: number }[] = [];
    const single: { ms: number; maxRssMb: number }[] = [];
    for (let i = 0; i < RUNS; i++) {
      matrix.push(await cli(['matrix', sandbox.mcpUrl, '--json', '--data-dir', mkdtempSync(path.join(os.tmpdir(), 'authtrace-bench-'))]));
      single.push(await cli(['run', sandbox.mcpUrl, '--headless', '--json', '--new-client', '--client', 'reference', '--data-dir', mkdtempSync(path.join(os.tmpdir(), 'authtrace-bench-'))]));
    }
    const runnable = CLIENT_PROFILES.filter((p) => !p.notRunnable);
    const sessions = runnable.reduce((n, p) => n + (p.behaviour.cachedPass.value ? 2 : 1), 0);
    console.log(`matrix: ${runnable.length} client profiles (${sessions} sessions) against the sandbox, whole processes, median of ${RUNS}`);
    console.log(`  authtrace matrix      ${median(matrix.map((m) => m.ms)).toFixed(0)} ms, peak ${Math.max(...matrix.map((m) => m.maxRssMb)).toFixed(0)} MB`);
    console.log(`  authtrace run --client reference  ${median(single.map((m) => m.ms)).toFixed(0)} ms, peak ${Math.max(...single.map((m) => m.maxRssMb)).toFixed(0)} MB`);
    console.log(`  per session in the matrix ${(median(matrix.map((m) => m.ms)) / sessions).toFixed(0)} ms`);
  } finally {
    await sandbox.close();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await run();
