import { test, expect } from './fixtures.js';
import { chooseSandbox, pressNext, stepRow } from './steps.js';

test('edit a prepared request: the sent request carries the added header, next to the original', async ({ app: page, shot }) => {
  await chooseSandbox(page, 'correct');
  await pressNext(page);
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
});
