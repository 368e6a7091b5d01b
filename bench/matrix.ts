// The full compatibility matrix against the sandbox as a user runs it (`authtrace matrix`, a whole
// process), beside one single-client run (`authtrace run --client reference`): wall time and peak memory.
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { CLIENT_PROFILES } from '../shared/clients/index.js';
import { startSandbox } from '../electron/sandbox/index.js';
import { measureNode, type ProcessRun } from './child-process.js';
import { runs } from './mode.js';
import { mb, median, ms } from './stats.js';

const freshDir = () => mkdtempSync(path.join(os.tmpdir(), 'authtrace-bench-'));

export async function run(): Promise<void> {
  const count = runs(3, 1);
  const sandbox = await startSandbox({ profile: 'correct' });
  try {
    const matrix: ProcessRun[] = [];
    const single: ProcessRun[] = [];
    for (let i = 0; i < count; i++) {
      matrix.push(await measureNode(['bin/authtrace.js', 'matrix', sandbox.mcpUrl, '--json', '--data-dir', freshDir()]));
      single.push(await measureNode(['bin/authtrace.js', 'run', sandbox.mcpUrl, '--headless', '--json', '--new-client', '--client', 'reference', '--data-dir', freshDir()]));
    }
    const runnable = CLIENT_PROFILES.filter((p) => !p.notRunnable);
    const sessions = runnable.reduce((n, p) => n + (p.behaviour.cachedPass.value ? 2 : 1), 0);
    const wall = (all: ProcessRun[]) => median(all.map((r) => r.wallMs));
    const peak = (all: ProcessRun[]) => mb(Math.max(...all.map((r) => r.maxRssMb)));
    console.log(`matrix: ${runnable.length} client profiles (${sessions} sessions) against the sandbox, whole processes, median of ${count}`);
    console.log(`  authtrace matrix                  ${ms(wall(matrix))}, peak ${peak(matrix)}`);
    console.log(`  authtrace run --client reference  ${ms(wall(single))}, peak ${peak(single)}`);
    console.log(`  per session in the matrix ${ms(wall(matrix) / sessions)}`);
  } finally {
    await sandbox.close();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await run();
