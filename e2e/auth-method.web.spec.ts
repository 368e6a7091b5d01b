import { test, expect } from './fixtures.js';
import { chooseSandbox, runToEnd, stepRow } from './steps.js';

test('omits-none: the card shows none registered but not advertised, in red, with AM-02', async ({ app: page, shot }) => {
  await chooseSandbox(page, 'omits-none');
  await runToEnd(page);

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
});

test('none-first: a cached confidential client that lost its method fails with 401, and succeeds once the method is set', async ({ app: page, shot }) => {
  // 1. Register a confidential client (client_secret_post) through DCR and complete a flow with it.
  await chooseSandbox(page, 'none-first');
  await page.getByLabel('Registration mode').selectOption('dcr');
  await page.getByLabel('Register as').selectOption('client_secret_post');
  await runToEnd(page);
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
  await runToEnd(page);

  const token = stepRow(page, 'token');
  await expect(token).toHaveAttribute('data-status', 'failed');
  await token.getByRole('button').first().click();
  await expect(page.getByRole('article', { name: 'Request details' }).locator('.status-pill')).toHaveText(/^401/);
  await expect(page.locator('[data-step-error="token"]')).toBeVisible();

  const card = page.getByRole('region', { name: 'Token endpoint auth method' });
  await expect(card.getByRole('list', { name: 'Advertised methods' }).locator('li').first()).toContainText('none');
  await expect(card.locator('[data-column="registered"] .am-value')).toHaveText('unknown');
  await expect(card.locator('[data-column="used"] .am-value')).toHaveText('none');
  await expect(card.locator('[data-column="used"]')).toContainText('first-advertised');
  await expect(card).toHaveClass(/has-error/);
  await shot('token-401');

  // 4. Set the method the client really registered with, and re-run only the token step.
  await page.getByLabel('Auth method override').selectOption('client_secret_post');
  await token.getByRole('button', { name: 'Re-run token' }).click();
  await expect(token).toHaveAttribute('data-status', 'ready');
  await page.getByRole('button', { name: /^Next step/ }).click();
  await expect(token).toHaveAttribute('data-status', 'done');
  await expect(card.locator('[data-column="used"] .am-value')).toHaveText('client_secret_post');
  await expect(page.getByRole('article', { name: 'Request details' }).locator('.status-pill')).toHaveText(/^200/);
  await shot('token-rerun-ok');
});
