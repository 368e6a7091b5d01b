// Each sandbox profile, run through the real CLI, produces exactly the diagnostics a person
// would expect, and no others. Info findings are listed separately: they are allowed where true.
import { describe, expect, it } from 'vitest';
import type { RunReport } from './report.js';
import { cli, runJson, sandbox, tempDir } from '../test-support/cli.js';

const findings = (r: RunReport) => ({
  problems: r.diagnostics.filter((d) => d.severity !== 'info').map((d) => `${d.rule}:${d.severity}`).sort(),
  info: r.diagnostics.filter((d) => d.severity === 'info').map((d) => d.rule).sort(),
});
// DCR against a server that also supports client ID metadata documents (info), http on loopback (info).
const LOOPBACK_INFO = ['DSC-05', 'REG-07'];

describe('diagnostics over the sandbox profiles', () => {
  it.each([
    ['correct', [], []],
    ['correct', ['--register-method', 'client_secret_post', '--refresh'], []],
    ['correct', ['--register-method', 'client_secret_basic', '--revision', '2025-11-25'], []],
    ['none-first', [], []],
    ['legacy-2025-11-25', [], []],
    ['omits-none', [], ['AM-02:error']],
    ['lenient-methods', ['--register-method', 'client_secret_post', '--auth-method', 'client_secret_basic'], ['AM-03:error']],
    ['no-pkce-metadata', [], ['DSC-04:error']],
    ['issuer-mismatch', ['--continue-on', 'DSC-01'], ['CB-02:error', 'DSC-01:error']],
    ['unquoted-challenge', [], ['WWA-02:error']],
    ['dcr-200', [], ['HTTP-01:warning', 'REG-06:warning']],
    ['step-up', ['--call-tool', 'admin-report'], []],
    ['resource-mismatch', ['--continue-on', 'PRM-01'], ['PRM-01:error']],
  ])('%s %j: %j', async (profile, extra, expected) => {
    const s = await sandbox(profile);
    const { code, report } = await runJson(s.mcpUrl, '--headless', '--data-dir', tempDir(), ...(extra as string[]));
    expect(report.flow).toBe('completed');
    const f = findings(report);
    expect(f.problems).toEqual(expected);
    expect(f.info).toEqual(LOOPBACK_INFO);
    expect(code).toBe((expected as string[]).some((e) => e.endsWith(':error')) ? 1 : 0);
  });

  it('omits-none: AM-02 names the metadata field and carries the symptom users report', async () => {
    const s = await sandbox('omits-none');
    const { report } = await runJson(s.mcpUrl, '--headless', '--data-dir', tempDir());
    const am02 = report.diagnostics.find((d) => d.rule === 'AM-02')!;
    expect(am02.symptom).toMatch(/Existing OAuth client information is required when exchanging an authorization code/);
    expect(am02.evidence.some((e) => e.location.kind === 'response-json' && e.location.pointer === '/token_endpoint_auth_methods_supported')).toBe(true);
    expect(am02.spec.url).toMatch(/^https:\/\//);
  });

  it('none-first: a cached confidential client that lost its method and picks the first advertised one fails, and AM-03 and AM-08 say why', async () => {
    const s = await sandbox('none-first');
    const dir = tempDir();
    await runJson(s.mcpUrl, '--headless', '--data-dir', dir, '--register-method', 'client_secret_post');
    await cli('clients', 'set-method', s.issuer, 'unknown', '--data-dir', dir);
    const { code, report } = await runJson(s.mcpUrl, '--headless', '--data-dir', dir, '--strategy', 'first-advertised');
    expect(code).toBe(1);
    expect(report.failedStep).toBe('token');
    const rules = report.diagnostics.map((d) => d.rule);
    expect(rules).toEqual(expect.arrayContaining(['AM-03', 'AM-08']));
    const am08 = report.diagnostics.find((d) => d.rule === 'AM-08')!;
    expect(am08.symptom).toMatch(/invalid_client/);
  });

  it('legacy-2025-03-26: what a current client sees of a 2025-03-26 server', async () => {
    const s = await sandbox('legacy-2025-03-26');
    const { report } = await runJson(s.mcpUrl, '--headless', '--data-dir', tempDir());
    expect(findings(report).problems).toEqual(['DSC-02:warning', 'PRM-03:error']);
    const pinned = await runJson(s.mcpUrl, '--headless', '--data-dir', tempDir(), '--revision', '2025-03-26');
    expect(findings(pinned.report).problems).toEqual([]);
  });

  it('no-resource-metadata-header: only the informational PRM-03 under the current revision', async () => {
    const s = await sandbox('no-resource-metadata-header');
    const { report } = await runJson(s.mcpUrl, '--headless', '--data-dir', tempDir());
    expect(findings(report)).toEqual({ problems: [], info: ['DSC-05', 'PRM-03', 'REG-07'] });
  });

  it('oidc-provider on loopback, straight from its issuer: no errors, no warnings', async () => {
    const s = await sandbox('correct');
    for (const method of ['none', 'client_secret_basic', 'client_secret_post']) {
      const { report } = await runJson('--issuer', s.issuer, '--headless', '--data-dir', tempDir(), '--register-method', method, '--scope', 'mcp:tools', '--refresh');
      expect(report.flow).toBe('completed');
      expect(findings(report).problems).toEqual([]);
    }
  });

  it('--fail-on flow ignores findings; --fail-on warning counts warnings', async () => {
    const s = await sandbox('dcr-200');
    expect((await runJson(s.mcpUrl, '--headless', '--data-dir', tempDir(), '--fail-on', 'flow')).code).toBe(0);
    expect((await runJson(s.mcpUrl, '--headless', '--data-dir', tempDir(), '--fail-on', 'warning')).code).toBe(1);
  });

  it('the human output groups diagnostics by step with the spec link', async () => {
    const s = await sandbox('omits-none');
    const r = await cli('run', s.mcpUrl, '--headless', '--data-dir', tempDir());
    expect(r.stderr).toMatch(/Token endpoint auth method\n\s+advertised\s+client_secret_post, client_secret_basic\n\s+registered\s+none/);
    expect(r.stderr).toMatch(/ERROR\s+AM-02/);
    expect(r.stderr).toMatch(/Clients report: .*Existing OAuth client information/);
    expect(r.stderr).toMatch(/https:\/\/modelcontextprotocol\.io\/specification\/2026-07-28\/basic\/authorization\/client-registration/);
  });
});
