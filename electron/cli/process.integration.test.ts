// The CLI as a process, the way scripts and CI call it: exit codes, and stdout carrying only the
// JSON report while progress and diagnostics go to stderr.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { sandbox, tempDir } from '../test-support/cli.js';

const root = path.resolve(import.meta.dirname, '../..');

function authtrace(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    // The sources through tsx, so the test needs no build; bin/authtrace.js runs the same main() from dist.
    const child = spawn(process.execPath, ['--import', 'tsx', '-e', "import('./electron/cli.ts').then((m) => m.main(process.argv.slice(1))).then((code) => { process.exitCode = code; })", ...args], { cwd: root });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

describe('authtrace as a process', () => {
  it('exit 0 and one JSON document on stdout for a completed flow', async () => {
    const s = await sandbox('correct');
    const r = await authtrace('run', s.mcpUrl, '--headless', '--json', '--data-dir', tempDir());
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout) as { ok: boolean; flow: string };
    expect(report).toMatchObject({ ok: true, flow: 'completed' });
  });

  it('exit 1 with the failure on stderr when the flow fails', async () => {
    const s = await sandbox('correct');
    const r = await authtrace('run', s.mcpUrl, '--headless', '--data-dir', tempDir(), '--register-method', 'client_secret_post', '--auth-method', 'none');
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/The flow failed at token/);
  });

  it('exit 2 for a usage error, with no stack trace', async () => {
    const r = await authtrace('run', '--strategy', 'guess', 'http://127.0.0.1:9/mcp');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--strategy must be one of/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});
