// Runs a command as a whole Node process, the way a user or a CI loop runs it, and measures it:
// wall time from spawn to exit (in this process), CPU time and peak resident memory (reported by the
// child itself through bench/usage-report.cjs).
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const USAGE_REPORT = path.join(ROOT, 'bench/usage-report.cjs');

export interface ProcessRun {
  wallMs: number;
  cpuMs: number;
  maxRssMb: number;
  code: number;
}

/** `node <args>` with the usage report preloaded; rejects when the child reports nothing (it crashed before exit). */
export function measureNode(args: string[]): Promise<ProcessRun> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, ['--require', USAGE_REPORT, ...args], { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe', 'pipe'] });
    let stderr = '';
    let report = '';
    child.stderr!.on('data', (d) => (stderr += d));
    child.stdio[3]!.on('data', (d) => (report += d));
    child.on('error', reject);
    child.on('close', (code) => {
      const wallMs = performance.now() - started;
      try {
        const usage = JSON.parse(report) as { maxRssKb: number; cpuUs: number };
        resolve({ wallMs, cpuMs: usage.cpuUs / 1000, maxRssMb: usage.maxRssKb / 1024, code: code ?? -1 });
      } catch {
        reject(new Error(`node ${args.join(' ')}: no usage report (exit ${code}): ${stderr.slice(-500)}`));
      }
    });
  });
}

export interface Paired {
  a: ProcessRun[];
  b: ProcessRun[];
}

/**
 * Runs a and b `runs` times each after `warmup` unmeasured pairs, interleaved and alternating which
 * goes first (a b, b a, ...), so machine load and ordering effects fall on both alike.
 */
export async function pairedRuns(a: () => Promise<ProcessRun>, b: () => Promise<ProcessRun>, runs: number, warmup = 2): Promise<Paired> {
  for (let i = 0; i < warmup; i++) {
    await a();
    await b();
  }
  const result: Paired = { a: [], b: [] };
  for (let i = 0; i < runs; i++) {
    if (i % 2 === 0) {
      result.a.push(await a());
      result.b.push(await b());
    } else {
      result.b.push(await b());
      result.a.push(await a());
    }
  }
  return result;
}
