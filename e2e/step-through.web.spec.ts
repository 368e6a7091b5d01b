import { test, expect } from './fixtures.js';
import { chooseSandbox, nextButton, pressNext, stepRow } from './steps.js';

test('correct sandbox: Next step through every step to an authenticated tools/list', async ({ app: page, shot }) => {
  await chooseSandbox(page, 'correct');
  await shot('start');

  const flow = ['probe', 'resource-metadata', 'authorization-server-metadata', 'registration', 'authorize', 'token', 'mcp'];
  for (const step of flow) {
    // Prepare: the request appears, editable, before anything is sent.
    await pressNext(page);
    const row = stepRow(page, step);
    if ((await row.getAttribute('data-status')) === 'ready') {
      await expect(page.getByRole('form', { name: `Prepared ${step} request` })).toBeVisible();
      await expect(page.getByLabel('Request URL')).not.toHaveValue('');
      if (step === 'token') await shot('token-prepared');
      // Send.
      await pressNext(page);
    }
    await expect(row).toHaveAttribute('data-status', /done|skipped/);
  }
  await expect(nextButton(page)).toHaveText(/Flow complete/);
  await shot('complete');

  // Every step's exchanges are there, with request and response.
  const rows = page.getByRole('table', { name: 'Requests' }).locator('[role=row][data-exchange-id]');
  expect(await rows.count()).toBeGreaterThanOrEqual(7);
  for (const step of flow) {
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
});
