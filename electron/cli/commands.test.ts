// The small commands through the real dispatcher: help, sandbox --list, clients.
import { describe, expect, it } from 'vitest';
import { cli, runJson, sandbox, tempDir } from '../test-support/cli.js';
import { waitFor } from '../test-support/wait.js';

describe('authtrace commands', () => {
  it('prints usage for no command (exit 2) and for --help (exit 0); an unknown command is a usage error', async () => {
    expect((await cli()).code).toBe(2);
    const help = await cli('--help');
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/run <mcp-server-url>/);
    const unknown = await cli('frobnicate');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/unknown command "frobnicate"/);
  });

  it('run --help lists every option', async () => {
    const r = await cli('run', '--help');
    for (const flag of ['--issuer', '--headless', '--registration', '--client-id', '--client-secret', '--auth-method', '--client-metadata-url', '--strategy', '--scope', '--revision', '--call-tool', '--tool-args', '--data-dir', '--new-client', '--har', '--json', '--fail-on', '--timeout']) {
      expect(r.stdout).toContain(flag);
    }
  });

  it('sandbox --list describes every profile in a paragraph', async () => {
    const r = await cli('sandbox', '--list');
    expect(r.code).toBe(0);
    for (const name of ['correct', 'none-first', 'omits-none', 'lenient-methods', 'legacy-2025-11-25', 'no-pkce-metadata', 'issuer-mismatch', 'unquoted-challenge', 'no-resource-metadata-header', 'legacy-2025-03-26', 'step-up', 'dcr-200', 'resource-mismatch', 'client-credentials', 'dpop-required', 'as-migration', 'invalid-grant-for-unknown-client', 'pkce-not-enforced', 'redirect-prefix-match', 'no-audience-check', 'iss-missing', 'accepts-any-token', 'lax-registration', 'advertises-unsupported-method', 'refresh-reuse-allowed']) {
      expect(r.stdout).toMatch(new RegExp(`^${name}\\n  \\S.{40,}`, 'm'));
    }
  });

  it('sandbox refuses an unknown profile and names the known ones', async () => {
    const r = await cli('sandbox', '--profile', 'nope');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/unknown profile "nope"\. Profiles: correct, /);
  });

  it('sandbox prints the MCP server URL and serves until stopped', async () => {
    let stdout = '';
    const stop = new AbortController();
    const { sandboxCommand } = await import('./sandbox.js');
    const done = sandboxCommand(['--profile', 'correct'], { stdout: (s) => void (stdout += s), stderr: () => undefined }, stop.signal);
    await waitFor(() => stdout.includes('MCP server:'), { what: 'the sandbox command to print its MCP server URL', timeoutMs: 15_000 });
    const url = /MCP server: (\S+)/.exec(stdout)![1]!;
    expect((await fetch(url, { method: 'POST' })).status).toBe(401);
    stop.abort();
    expect(await done).toBe(0);
    await expect(fetch(url, { method: 'POST' })).rejects.toThrow();
  });

  it('clients list, show, set-method and forget', async () => {
    const s = await sandbox('correct');
    const dir = tempDir();
    expect((await cli('clients', 'list', '--data-dir', dir)).stdout).toMatch(/No stored clients/);
    const { report } = await runJson(s.mcpUrl, '--headless', '--data-dir', dir, '--register-method', 'client_secret_post');
    const id = report.client!.client_id;
    const list = await cli('clients', 'list', '--data-dir', dir);
    expect(list.stdout).toContain(`${s.issuer}  ${id}  client_secret_post  (dcr, has secret)`);
    const show = await cli('clients', 'show', s.issuer, '--data-dir', dir);
    const shown = JSON.parse(show.stdout) as { client_secret: string; registrationResponse: { client_secret: string } };
    expect(shown.client_secret).toMatch(/…\(\d+ chars\)$/);
    expect(shown.registrationResponse.client_secret).toMatch(/…\(\d+ chars\)$/);
    const set = await cli('clients', 'set-method', s.issuer, 'unknown', '--data-dir', dir);
    expect(set.stdout).toContain('client_secret_post → unknown');
    expect((await cli('clients', 'set-method', s.issuer, 'magic', '--data-dir', dir)).code).toBe(2);
    expect((await cli('clients', 'forget', s.issuer, '--data-dir', dir)).stdout).toContain(`Forgot ${id}`);
    const missing = await cli('clients', 'show', s.issuer, '--data-dir', dir);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/No stored client for/);
  });
});
