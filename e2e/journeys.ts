// The journeys, host-neutral: browser mode (*.web.spec.ts) and the desktop app (*.electron.spec.ts) run the same ones.
import { readFile } from 'node:fs/promises';
import { expect } from '@playwright/test';
import { harErrors } from './har.js';
import { chooseSandbox, nextButton, pressNext, runToEnd, stepRow, type Driver } from './steps.js';

const FLOW = ['probe', 'resource-metadata', 'authorization-server-metadata', 'registration', 'authorize', 'token', 'mcp'];

export async function stepThroughCorrect(d: Driver): Promise<void> {
  const { page, shot } = d;
  await chooseSandbox(page, 'correct');
  await shot('start');

  for (const step of FLOW) {
    // Prepare: the request appears, editable, before anything is sent.
    await pressNext(d);
    const row = stepRow(page, step);
    if ((await row.getAttribute('data-status')) === 'ready') {
      await expect(page.getByRole('form', { name: `Prepared ${step} request` })).toBeVisible();
      await expect(page.getByLabel('Request URL')).not.toHaveValue('');
      if (step === 'token') await shot('token-prepared');
      await pressNext(d);
    }
    await expect(row).toHaveAttribute('data-status', /done|skipped/);
  }
  await expect(nextButton(page)).toHaveText(/Flow complete/);
  await shot('complete');

  // Every step's exchanges are there, with request and response.
  const rows = page.getByRole('table', { name: 'Requests' }).locator('[role=row][data-exchange-id]');
  expect(await rows.count()).toBeGreaterThanOrEqual(7);
  for (const step of FLOW) {
    await stepRow(page, step).getByRole('button').first().click();
    const detail = page.getByRole('article', { name: 'Request details' });
    await expect(detail).toBeVisible();
    await expect(detail.getByRole('table', { name: 'Request headers' })).toBeVisible();
    if (step !== 'authorize') {
      await expect(detail.getByRole('table', { name: 'Response headers' })).toBeVisible();
      await detail.getByRole('tab', { name: 'Response' }).click();
      await expect(detail.getByRole('region', { name: 'Response body', exact: true })).toBeVisible();
      await detail.getByRole('tab', { name: 'Headers' }).click();
    }
  }

  // The authenticated MCP call listed the tools.
  await stepRow(page, 'mcp').getByRole('button').first().click();
  const detail = page.getByRole('article', { name: 'Request details' });
  await detail.getByRole('tab', { name: 'Payload' }).click();
  await expect(detail).toContainText('tools/list');
  await detail.getByRole('tab', { name: 'Response' }).click();
  await expect(detail.locator('.tab-body')).toContainText('"tools"');
  await detail.getByRole('tab', { name: 'Headers' }).click();
  await expect(detail.getByRole('table', { name: 'Request headers' })).toContainText(/Bearer ••••••••/);
  await shot('mcp-call');

  await page.getByRole('tab', { name: 'Sequence' }).click();
  await expect(page.getByLabel('Sequence diagram').locator('.seq-row').first()).toBeVisible();
  await page.getByLabel('Sequence diagram').locator('.seq-row', { hasText: 'POST /token' }).first().click();
  await expect(page.getByRole('article', { name: 'Request details' })).toContainText('/token');
  await shot('sequence');

  await page.emulateMedia({ colorScheme: 'dark' });
  await page.getByRole('tab', { name: 'Network' }).click();
  await stepRow(page, 'token').getByRole('button').first().click();
  await page.getByRole('article', { name: 'Request details' }).getByRole('tab', { name: 'Response' }).click();
  await shot('dark');
  await page.emulateMedia({ colorScheme: 'light' });
}

export async function omitsNone(d: Driver): Promise<void> {
  const { page, shot } = d;
  await chooseSandbox(page, 'omits-none');
  await runToEnd(d);

  const card = page.getByRole('region', { name: 'Token endpoint auth method' });
  await expect(card).toBeVisible();
  await expect(card.getByRole('list', { name: 'Advertised methods' })).toHaveText(/client_secret_post.*client_secret_basic/);
  await expect(card.getByRole('list', { name: 'Advertised methods' })).not.toContainText('none');
  const registered = card.locator('[data-column="registered"]');
  await expect(registered).toHaveAttribute('data-tone', 'bad');
  await expect(registered.locator('.am-value')).toHaveText('none');
  await expect(registered).toContainText('none is registered but not advertised');
  await expect(registered.locator('.am-value')).toHaveCSS('color', /rgb\((196, 22, 28|255, 107, 102)\)/);
  const rule = card.getByRole('button', { name: /AM-02/ });
  await expect(rule).toBeVisible();
  await expect(rule).toHaveClass(/sev-error/);
  await shot('card');

  // The rule leads to its evidence: the advertised list in the AS metadata, highlighted.
  await rule.click();
  const detail = page.getByRole('article', { name: 'Request details' });
  await expect(detail.locator('.json-line.evidence').first()).toBeVisible();
  await expect(detail.locator('.json-line.evidence').first()).toContainText('token_endpoint_auth_methods_supported');
  await expect(page.getByRole('list', { name: 'Diagnostics' }).locator('li[data-rule="AM-02"]')).toHaveClass(/open/);
  await shot('am-02-evidence');
}

export async function noneFirstLostMethod(d: Driver): Promise<void> {
  const { page, shot } = d;
  // 1. Register a confidential client (client_secret_post) through DCR and complete a flow with it.
  await chooseSandbox(page, 'none-first');
  await page.getByLabel('Registration mode').selectOption('dcr');
  await page.getByLabel('Register as').selectOption('client_secret_post');
  await runToEnd(d);
  await expect(stepRow(page, 'token')).toHaveAttribute('data-status', 'done');

  // 2. Its cache loses the method: set it to unknown in Stored clients.
  await page.getByRole('tab', { name: /Stored clients/ }).click();
  const clients = page.getByRole('table', { name: 'Stored clients' });
  await expect(clients.locator('tbody tr')).toHaveCount(1);
  const clientId = await clients.locator('tbody tr').first().getAttribute('data-client-id');
  const method = page.getByLabel(`Registered method of ${clientId}`);
  await expect(method).toHaveValue('client_secret_post');
  await method.selectOption('unknown');
  await expect(method).toHaveValue('unknown');
  await shot('client-method-cleared');

  // 3. A client that picks the first advertised method comes back with that cached client.
  await page.getByLabel('Registration mode').selectOption('auto');
  await page.getByLabel('Client strategy').selectOption('first-advertised');
  await page.getByRole('button', { name: 'Reset' }).click();
  await runToEnd(d);

  const token = stepRow(page, 'token');
  await expect(token).toHaveAttribute('data-status', 'failed');
  await token.getByRole('button').first().click();
  await expect(page.getByRole('article', { name: 'Request details' }).locator('.status-pill')).toHaveText(/^401/);
  await expect(page.locator('[data-step-error="token"]')).toBeVisible();

  const card = page.getByRole('region', { name: 'Token endpoint auth method' });
  await expect(card.getByRole('list', { name: 'Advertised methods' }).locator('li').first()).toContainText('none');
  await expect(card.locator('[data-column="registered"] .am-value')).toHaveText('unknown');
  await expect(card.locator('[data-column="used"] .am-value')).toHaveText('none');
  await expect(card.locator('[data-column="used"]')).toContainText('picked the first advertised method, none');
  await expect(card).toHaveClass(/has-error/);
  await shot('token-401');

  // 4. Restore the method the client really registered with in Stored clients, and re-run only the token step:
  //    the token request reads the client's cache again, as a real client does.
  await page.getByRole('tab', { name: /Stored clients/ }).click();
  await method.selectOption('client_secret_post');
  await expect(method).toHaveValue('client_secret_post');
  await token.getByRole('button', { name: 'Re-run token' }).click();
  await expect(token).toHaveAttribute('data-status', 'ready');
  await nextButton(page).click();
  await expect(token).toHaveAttribute('data-status', 'done');
  await expect(card.locator('[data-column="used"] .am-value')).toHaveText('client_secret_post');
  await expect(card.locator('[data-column="registered"] .am-value')).toHaveText('client_secret_post');
  await expect(card.locator('[data-verdict]')).toHaveAttribute('data-verdict', 'consistent');
  await expect(page.getByRole('article', { name: 'Request details' }).locator('.status-pill')).toHaveText(/^200/);
  // The latest attempt is what the card judges; the failed one stays below as history, with its rule.
  await expect(card.locator('[data-column="used"]')).toContainText('answered 200');
  await expect(card.locator('[data-column="used"]')).toContainText('the client is registered with client_secret_post');
  await expect(card.locator('[data-column="used"]')).not.toHaveClass(/col-bad/);
  const history = card.getByRole('list', { name: 'Earlier token attempts' });
  await expect(history.locator('li.am-attempt')).toHaveCount(1);
  await expect(history.locator('li.am-attempt')).toContainText('none → 401 invalid_client');
  await expect(history.getByRole('button', { name: /AM-03/ })).toBeVisible();
  await shot('token-rerun-ok');
}

/** A method that needs a secret, with a public client: the card says so before the browser step, and its fix works. */
export async function secretMethodWithoutSecret(d: Driver): Promise<void> {
  const { page, shot } = d;
  await chooseSandbox(page, 'correct');
  await page.getByLabel('Auth method override').selectOption('client_secret_post');
  const card = page.getByRole('region', { name: 'Token endpoint auth method' });
  // Up to the registration: a public client (none) is registered, and no browser step has happened.
  for (;;) {
    await pressNext(d);
    if ((await stepRow(page, 'registration').getAttribute('data-status')) === 'done') break;
  }
  await expect(stepRow(page, 'authorize')).not.toHaveAttribute('data-status', 'done');
  await expect(card.locator('[data-verdict]')).toHaveAttribute('data-verdict', 'cannot-send');
  await expect(card.locator('[data-column="used"]')).toContainText(/client_secret_post needs a client secret, and the client \S+ \(registered as none\) has none/);
  const fixes = card.getByRole('group', { name: 'Fixes for the token request' });
  await expect(fixes.getByRole('button', { name: 'Send none, as registered' })).toBeVisible();
  await expect(fixes.getByRole('button', { name: "Enter this client's secret" })).toBeVisible();
  await shot('cannot-send');

  // The fix registers a confidential client and runs on from the registration.
  await fixes.getByRole('button', { name: 'Register a new client as client_secret_post' }).click();
  await expect(stepRow(page, 'registration')).toHaveAttribute('data-status', 'ready');
  await expect(card.locator('[data-verdict]')).not.toHaveAttribute('data-verdict', 'cannot-send');
  await runToEnd(d);
  await expect(stepRow(page, 'token')).toHaveAttribute('data-status', 'done');
  await expect(card.locator('[data-column="registered"] .am-value')).toHaveText('client_secret_post');
  await expect(card.locator('[data-column="used"] .am-value')).toHaveText('client_secret_post');
  await expect(card.locator('[data-verdict]')).toHaveAttribute('data-verdict', 'consistent');
  await expect(nextButton(page)).toHaveText(/Flow complete/);
  await shot('fixed');
}

export async function editPrepared(d: Driver): Promise<void> {
  const { page, shot } = d;
  await chooseSandbox(page, 'correct');
  await pressNext(d);
  await expect(stepRow(page, 'probe')).toHaveAttribute('data-status', 'ready');

  const editor = page.getByRole('form', { name: 'Prepared probe request' });
  const before = await editor.locator('.header-edit').count();
  await editor.getByRole('button', { name: '+ Add header' }).click();
  await editor.getByLabel(`Header ${before + 1} name`).fill('X-Authtrace-Debug');
  await editor.getByLabel(`Header ${before + 1} value`).fill('edited-in-e2e');
  await expect(editor.locator('.tag.edited')).toBeVisible();
  await shot('edited');

  await editor.getByRole('button', { name: 'Send edited request' }).click();
  await expect(stepRow(page, 'probe')).toHaveAttribute('data-status', 'done');

  const detail = page.getByRole('article', { name: 'Request details' });
  const sentHeaders = detail.getByRole('table', { name: 'Request headers' });
  await expect(sentHeaders.locator('tr[data-name="X-Authtrace-Debug"]')).toContainText('edited-in-e2e');
  await expect(detail.getByRole('note')).toContainText('You edited this request');
  await expect(page.getByRole('table', { name: 'Requests' }).locator('.tag.edited')).toBeVisible();
  await shot('sent');

  await detail.getByRole('button', { name: 'Show the prepared original' }).click();
  await expect(sentHeaders.locator('tr[data-name="X-Authtrace-Debug"]')).toHaveCount(0);
}

export async function exportHarFile(d: Driver): Promise<void> {
  const { page, shot } = d;
  await chooseSandbox(page, 'correct');
  await runToEnd(d);
  const rows = page.getByRole('table', { name: 'Requests' }).locator('[role=row][data-exchange-id]');
  const exchanges = await rows.count();
  expect(exchanges).toBeGreaterThanOrEqual(7);

  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export HAR' }).click()]);
  expect(download.suggestedFilename()).toMatch(/^authtrace-.*\.har$/);
  const text = await readFile((await download.path())!, 'utf8');
  const har = JSON.parse(text) as { log: { version: string; creator: { name: string; version: string }; entries: Array<{ request: { url: string } }> } };
  expect(harErrors(har)).toEqual([]);
  expect(har.log.version).toBe('1.2');
  // The creator names the release that made the file, for a bug report.
  expect(har.log.creator).toEqual({ name: 'Authtrace', version: expect.stringMatching(/^\d+\.\d+\.\d+/) });
  expect(har.log.entries).toHaveLength(exchanges);
  expect(har.log.entries.at(-1)?.request.url).toMatch(/\/mcp$/);
  // Secrets stay out unless asked for.
  expect(text).not.toMatch(/"access_token":\s*"eyJ/);
  expect(text).not.toMatch(/Bearer eyJ/);
  await shot('exported');
}
