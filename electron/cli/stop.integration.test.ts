// A run that hangs can still be captured: Ctrl+C, SIGTERM and --deadline stop it where it is, and
// the HAR and the summary of what happened so far are written. The CLI runs as a real process
// against a loopback server that never answers.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../test-support/cli.js';
import { closeAfterTest } from '../test-support/close-after.js';
import { waitFor } from '../test-support/wait.js';

const root = path.resolve(import.meta.dirname, '../..');

/** A server that takes every request and never answers; `seen` counts the requests it holds. */
async function silentServer(): Promise<{ url: string; seen: () => number }> {
  let seen = 0;
  const server = http.createServer(() => void seen++);
  closeAfterTest(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/mcp`, seen: () => seen };
}

function start(...args: string[]) {
  const child = spawn(process.execPath, ['--import', 'tsx', '-e', "import('./electron/cli.ts').then((m) => m.main(process.argv.slice(1))).then((code) => { process.exitCode = code; })", ...args], { cwd: root });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => (stderr += d));
  const exited = new Promise<number>((resolve) => child.on('close', (code, signal) => resolve(code ?? (signal ? -1 : -2))));
  return { child, exited, out: () => ({ stdout, stderr }) };
}

interface HarFile {
  log: { entries: { request: { url: string }; response: { status: number }; _authtrace?: { outcome?: string } }[]; _authtrace: { steps: { name: string; error?: { code: string } }[] } };
}

describe('stopping a run that hangs', () => {
  it.each([
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ] as const)('%s writes the HAR with the request in flight and the summary, then exits %i', async (signal, expected) => {
    const server = await silentServer();
    const har = path.join(tempDir(), 'run.har');
    const run = start('run', server.url, '--headless', '--data-dir', tempDir(), '--har', har, '--timeout', '600000');
    await waitFor(() => server.seen() > 0, { what: 'the probe to reach the silent server', timeoutMs: 20_000 });
    run.child.kill(signal);
    expect(await run.exited).toBe(expected);
    const { stderr } = run.out();
    expect(stderr).toMatch(/stopping the run and writing what happened so far/);
    expect(stderr).toMatch(/The flow failed at probe: The run was interrupted during the probe step/);
    const file = JSON.parse(readFileSync(har, 'utf8')) as HarFile;
    expect(file.log.entries.map((e) => e.request.url)).toEqual([server.url]);
    expect(file.log._authtrace.steps.find((s) => s.name === 'probe')?.error?.code).toBe('RUN_INTERRUPTED');
  });

  it('--deadline stops the run, with the report and RUN_DEADLINE', async () => {
    const server = await silentServer();
    const run = start('run', server.url, '--headless', '--json', '--data-dir', tempDir(), '--timeout', '600000', '--deadline', '4000');
    expect(await run.exited).toBe(1);
    const report = JSON.parse(run.out().stdout) as { flow: string; error: { code: string; message: string } };
    expect(report.flow).toBe('failed');
    expect(report.error).toMatchObject({ code: 'RUN_DEADLINE', message: expect.stringMatching(/deadline passed during the probe step/) });
    expect(server.seen()).toBe(1);
  });
});
