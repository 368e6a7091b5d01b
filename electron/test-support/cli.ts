// Runs the real CLI in-process with captured output, and starts sandboxes that close after each test.
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach } from 'vitest';
import { main } from '../cli.js';
import type { RunReport } from '../cli/report.js';
import { startSandbox, type RunningSandbox } from '../sandbox/index.js';

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export async function cli(...argv: string[]): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, { stdout: (s) => void (stdout += s), stderr: (s) => void (stderr += s), tty: false });
  return { code, stdout, stderr };
}

export async function runJson(...argv: string[]): Promise<{ code: number; report: RunReport; stderr: string }> {
  const r = await cli('run', '--json', ...argv);
  return { code: r.code, report: JSON.parse(r.stdout) as RunReport, stderr: r.stderr };
}

export function tempDir(prefix = 'authtrace-test-'): string {
  return mkdtempSync(path.join(os.tmpdir(), prefix));
}

const running: RunningSandbox[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((s) => s.close()));
});

export async function sandbox(profile: string): Promise<RunningSandbox> {
  const s = await startSandbox({ profile });
  running.push(s);
  return s;
}
