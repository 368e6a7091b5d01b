import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Diagnostic, Severity } from '../../shared/model.js';
import { exportHar } from '../../shared/har/export.js';
import { chromeHar } from '../../shared/har/test-support/chrome-har.js';
import { fullSession } from '../../shared/har/test-support/session.js';
import { lintCommand } from './lint.js';

// The rules are someone else's and change; these tests pin what lint does with their findings.
const findings = vi.hoisted(() => ({ list: [] as Diagnostic[] }));
vi.mock('../../shared/diagnostics/index.js', async (importOriginal) => ({ ...(await importOriginal<object>()), runDiagnostics: () => findings.list }));

const finding = (severity: Severity, rule: string, extra: Partial<Diagnostic> = {}): Diagnostic => ({
  rule,
  severity,
  title: `${rule} title`,
  message: `${rule} message`,
  evidence: [],
  spec: { ref: 'RFC 6749', url: 'https://www.rfc-editor.org/rfc/rfc6749' },
  ...extra,
});

let dir: string;
let authtraceFile: string;
let chromeFile: string;

beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'authtrace-lint-'));
  authtraceFile = path.join(dir, 'authtrace.har');
  chromeFile = path.join(dir, 'chrome.har');
  await fs.writeFile(authtraceFile, JSON.stringify(exportHar(fullSession(), { diagnostics: [], includeSecrets: false })));
  await fs.writeFile(chromeFile, JSON.stringify(chromeHar()));
  await fs.writeFile(path.join(dir, 'notjson.har'), 'hello');
});
afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});
beforeEach(() => {
  findings.list = [];
});

async function lint(...argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await lintCommand(argv, { stdout: (s) => (stdout += s), stderr: (s) => (stderr += s) });
  return { code, stdout, stderr };
}

describe('authtrace lint', () => {
  it('exits 0 and prints the steps when nothing is found', async () => {
    const { code, stdout, stderr } = await lint(chromeFile);
    expect(code).toBe(0);
    expect(stderr).toBe('');
    expect(stdout).toContain('MCP server https://mcp.example.test/mcp, revision 2025-06-18, 16 requests');
    expect(stdout).toMatch(/✓ probe\s+1 request/);
    expect(stdout).toMatch(/✗ refresh\s+POST https:\/\/auth\.example\.test\/token answered 400/);
    expect(stdout).toContain('skipped: entry 17');
  });

  it('exits 1 on an error, groups findings under their step, and says which rule', async () => {
    findings.list = [
      finding('warning', 'w1', { step: 'token' }),
      finding('error', 'e1', { evidence: [{ exchangeId: 'x8', location: { kind: 'response-status' } }] }),
      finding('info', 'i1'),
    ];
    const { code, stdout } = await lint(authtraceFile);
    expect(code).toBe(1);
    const tokenAt = stdout.indexOf('✓ token');
    expect(stdout.indexOf('error   e1 title [e1]')).toBeGreaterThan(tokenAt);
    expect(stdout.indexOf('warning w1 title [w1]')).toBeGreaterThan(stdout.indexOf('error   e1 title'));
    expect(stdout).toMatch(/ {2}general\n {6}info {4}i1 title \[i1\]/);
    expect(stdout).toContain('1 error, 1 warning, 1 info');
  });

  it('follows --fail-on', async () => {
    findings.list = [finding('warning', 'w1')];
    expect((await lint(chromeFile)).code).toBe(0);
    expect((await lint(chromeFile, '--fail-on', 'warning')).code).toBe(1);
    expect((await lint('--fail-on=warning', chromeFile)).code).toBe(1);
    findings.list = [finding('info', 'i1')];
    expect((await lint(chromeFile, '--fail-on', 'warning')).code).toBe(0);
  });

  it('prints one JSON report with --json', async () => {
    findings.list = [finding('error', 'e1')];
    const { code, stdout } = await lint(chromeFile, '--json');
    expect(code).toBe(1);
    const report = JSON.parse(stdout);
    expect(Object.keys(report)).toEqual(['ok', 'steps', 'diagnostics', 'skipped', 'warnings']);
    expect(report.ok).toBe(false);
    expect(report.steps[0]).toEqual({ name: 'probe', status: 'done', exchanges: ['e1'] });
    expect(report.diagnostics).toEqual(findings.list);
    expect(report.skipped).toHaveLength(1);
  });

  it.each([
    [[], /which HAR file\?/],
    [['a.har', 'b.har'], /one HAR file at a time/],
    [['a.har', '--verbose'], /unknown option --verbose/],
    [['a.har', '--fail-on', 'fatal'], /--fail-on must be one of error, warning, info; got "fatal"/],
    [['a.har', '--fail-on'], /--fail-on needs a value/],
    [['a.har', '--fail-on', '--verbose'], /--fail-on needs a value; "--verbose" looks like an option/],
  ])('exits 2 on usage error %j', async (argv, message) => {
    const { code, stderr, stdout } = await lint(...argv);
    expect(code).toBe(2);
    expect(stderr).toMatch(message);
    expect(stderr).toContain('Usage: authtrace lint');
    expect(stdout).toBe('');
  });

  it('exits 2 on a file it cannot read, with one line saying why', async () => {
    for (const [file, message] of [
      [path.join(dir, 'missing.har'), 'no such file.'],
      [dir, 'not a file.'],
      [path.join(dir, 'notjson.har'), 'The file is not JSON'],
    ] as const) {
      const { code, stderr } = await lint(file);
      expect(code).toBe(2);
      expect(stderr).toContain(`authtrace lint: ${file}: ${message}`);
      expect(stderr.trim().split('\n')).toHaveLength(1);
    }
  });

  it('with --json, a usage or file error is one JSON object on stdout, and still exit 2', async () => {
    const usage = await lint('--json');
    expect(usage.code).toBe(2);
    expect(JSON.parse(usage.stdout)).toEqual({ error: { code: 'USAGE_MISSING_ARGUMENT', message: 'which HAR file?' } });
    expect(usage.stderr).toBe('authtrace lint: which HAR file?\n');
    const file = await lint(path.join(dir, 'notjson.har'), '--json');
    expect(file.code).toBe(2);
    expect(JSON.parse(file.stdout)).toEqual({ error: { code: 'HAR_NOT_JSON', message: expect.stringMatching(/notjson\.har: The file is not JSON/) } });
  });

  it('prints help and exits 0', async () => {
    const { code, stdout } = await lint('--help');
    expect(code).toBe(0);
    expect(stdout).toContain('Usage: authtrace lint');
  });
});
