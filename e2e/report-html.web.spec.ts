// `--html` reports opened in Chromium: they show the run, attempt no request of any kind (the file is
// the only one), hold no secret of the run, and show a hostile server's markup as text.
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { test, expect, type Page } from '@playwright/test';
import { main } from '../electron/cli.js';
import { startSandbox, type RunningSandbox } from '../electron/sandbox/index.js';
import { SCREENSHOTS } from './fixtures.js';

const ATTACK = `</script><img src=x onerror="window.pwned=1"><script>window.pwned=2</script><link rel=stylesheet href="http://127.0.0.1:9/x.css"><style>body{background:url(http://127.0.0.1:9/bg)}</style>`;

const sandboxes: RunningSandbox[] = [];
test.afterEach(async () => {
  await Promise.all(sandboxes.splice(0).map((s) => s.close()));
});

async function sandbox(profile: string): Promise<RunningSandbox> {
  const s = await startSandbox({ profile });
  sandboxes.push(s);
  return s;
}

async function authtrace(...argv: string[]): Promise<{ code: number; stderr: string }> {
  let stderr = '';
  const code = await main(argv, { stdout: () => undefined, stderr: (s) => void (stderr += s), tty: false });
  return { code, stderr };
}

/** Opens the file and returns every request the page attempted, and every CSP report it made. */
async function open(page: Page, file: string): Promise<{ requests: string[]; violations: string[] }> {
  const requests: string[] = [];
  const violations: string[] = [];
  page.on('request', (r) => requests.push(r.url()));
  page.on('console', (m) => {
    if (/Content Security Policy|Refused to/i.test(m.text())) violations.push(m.text());
  });
  await page.goto(pathToFileURL(file).href);
  await page.waitForLoadState('load');
  return { requests, violations };
}

/** The run's secrets, read from the HAR the same run wrote with --include-secrets. */
async function secretsOf(harFile: string): Promise<string[]> {
  const har = JSON.parse(await readFile(harFile, 'utf8')) as { log: { entries: { request: { postData?: { text?: string } }; response: { content: { text?: string } } }[] } };
  const found = new Set<string>();
  for (const e of har.log.entries) {
    const form = new URLSearchParams(e.request.postData?.text ?? '');
    for (const k of ['code', 'code_verifier', 'client_secret', 'refresh_token']) if (form.get(k)) found.add(form.get(k)!);
    try {
      const body = JSON.parse(e.response.content.text ?? '') as Record<string, unknown>;
      for (const k of ['access_token', 'refresh_token', 'client_secret']) if (typeof body[k] === 'string') found.add(body[k] as string);
    } catch {
      // not JSON
    }
  }
  return [...found];
}

test('a run against the sandbox: steps, card and diagnostics render; no request but the file; no secret in its bytes', async ({ page }) => {
  const s = await sandbox('omits-none');
  const dir = await mkdtemp(path.join(os.tmpdir(), 'authtrace-report-'));
  const file = path.join(dir, 'report.html');
  const run = await authtrace('run', s.mcpUrl, '--headless', '--data-dir', dir, '--refresh', '--har', path.join(dir, 'full.har'), '--include-secrets', '--html', file);
  expect(run.stderr).toContain('HTML report written to');

  const bytes = await readFile(file, 'utf8');
  const secrets = await secretsOf(path.join(dir, 'full.har'));
  expect(secrets.length).toBeGreaterThanOrEqual(4);
  for (const secret of secrets) expect(bytes).not.toContain(secret);

  const { requests, violations } = await open(page, file);
  await expect(page.getByRole('table', { name: 'Steps' }).locator('tr[data-step="token"]')).toHaveAttribute('data-status', 'done');
  const card = page.getByRole('region', { name: 'Token endpoint auth method' });
  await expect(card.locator('[data-column="advertised"]')).toContainText('client_secret_basic');
  await expect(card.locator('[data-column="used"]')).toContainText('none');
  await expect(page.locator('#diagnostics [data-rule="AM-02"]')).toContainText('none is not advertised');
  await expect(page.getByRole('img', { name: 'Sequence of the exchanges' })).toBeVisible();
  // The token request: POST, answered 200, in the token step.
  await page.locator('details.exchange > summary').filter({ hasText: /POST200token/ }).first().click();
  await expect(page.locator('details.exchange[open]')).toContainText('[redacted');
  await page.screenshot({ path: path.join(SCREENSHOTS, 'report-run.png'), fullPage: true });
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.screenshot({ path: path.join(SCREENSHOTS, 'report-run-dark.png') });
  expect(requests).toEqual([pathToFileURL(file).href]);
  expect(violations).toEqual([]);
});

test('a hostile server: its markup shows as text, runs no script and loads nothing', async ({ page }) => {
  const s = await sandbox('correct');
  const dir = await mkdtemp(path.join(os.tmpdir(), 'authtrace-report-'));
  const harFile = path.join(dir, 'run.har');
  await authtrace('run', s.mcpUrl, '--headless', '--data-dir', dir, '--har', harFile);
  const har = JSON.parse(await readFile(harFile, 'utf8')) as { log: { entries: { request: { url: string }; response: { statusText: string; headers: { name: string; value: string }[]; content: { text?: string } } }[] } };
  const first = har.log.entries[0]!;
  first.response.statusText = ATTACK;
  first.response.headers.push({ name: 'x-hostile', value: ATTACK });
  first.response.content.text = ATTACK;
  await writeFile(harFile, JSON.stringify(har));
  const file = path.join(dir, 'hostile.html');
  await authtrace('lint', harFile, '--html', file);

  const { requests, violations } = await open(page, file);
  await page.locator('details.exchange').first().locator('summary').click();
  await expect(page.locator('details.exchange').first()).toContainText('<img src=x onerror="window.pwned=1">');
  await expect(page.locator('img, script, link[rel=stylesheet], iframe, object, embed')).toHaveCount(0);
  await expect(page.locator('style')).toHaveCount(1);
  expect(await page.evaluate(() => (window as unknown as { pwned?: number }).pwned)).toBeUndefined();
  expect(requests).toEqual([pathToFileURL(file).href]);
  expect(violations).toEqual([]);
  await page.screenshot({ path: path.join(SCREENSHOTS, 'report-hostile.png') });
});

test('matrix and probe reports render their tables and attempt no request', async ({ page }) => {
  test.setTimeout(120_000);
  const s = await sandbox('omits-none');
  const dir = await mkdtemp(path.join(os.tmpdir(), 'authtrace-report-'));
  const matrix = path.join(dir, 'matrix.html');
  const probe = path.join(dir, 'probe.html');
  await authtrace('matrix', s.mcpUrl, '--clients', 'reference,claude-code', '--data-dir', dir, '--html', matrix);
  await authtrace('probe', s.mcpUrl, '--yes', '--data-dir', dir, '--html', probe);

  const m = await open(page, matrix);
  await expect(page.getByRole('table', { name: 'Compatibility matrix' }).locator('tr[data-client="reference"]')).toContainText('works');
  await page.screenshot({ path: path.join(SCREENSHOTS, 'report-matrix.png'), fullPage: true });
  expect(m.requests).toEqual([pathToFileURL(matrix).href]);

  const p = await open(page, probe);
  await expect(page.getByRole('table', { name: 'Advertised by accepted' }).locator('tr[data-method="none"]')).toContainText('accepted');
  await expect(page.locator('#findings [data-rule="PRB-01"]').first()).toBeVisible();
  await page.screenshot({ path: path.join(SCREENSHOTS, 'report-probe.png'), fullPage: true });
  expect(p.requests).toEqual([pathToFileURL(probe).href]);
  expect([...m.violations, ...p.violations]).toEqual([]);
});
