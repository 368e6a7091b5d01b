import { expect } from '@playwright/test';
import { test } from './fixtures.js';
import { chooseSandbox, runToEnd, stepRow } from './steps.js';
import { webDriver } from './web-driver.js';

test('dpop-required: proofs at both servers, each nonce retry recorded, the proof readable and its signature masked', async ({ app, shot }) => {
  const d = webDriver(app, shot);
  await chooseSandbox(app, 'dpop-required');
  await runToEnd(d);
  await expect(stepRow(app, 'mcp')).toHaveAttribute('data-status', 'done');
  const tokens = app.locator('[data-role="token"]');
  await expect(tokens).toHaveCount(2);
  await expect(tokens.first().locator('.c-status')).toHaveText(/^400/);
  await expect(tokens.nth(1).locator('.c-status')).toHaveText(/^200/);
  await tokens.nth(1).click();
  const detail = app.getByRole('region', { name: 'Details' });
  // The proof's header and claims stay readable; only its signature is masked, as in the HAR.
  await expect(detail.getByText(/^eyJ[\w-]+\.eyJ[\w-]+\.••••••••$/).first()).toBeVisible();
  await shot('token-with-proof');
  await expect(app.locator('[data-role="mcp"]').first().locator('.c-status')).toHaveText(/^401/);
});
