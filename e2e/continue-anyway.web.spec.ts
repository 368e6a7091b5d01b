import { expect } from '@playwright/test';
import { test } from './fixtures.js';
import { chooseSandbox, runToEnd, stepRow } from './steps.js';
import { webDriver } from './web-driver.js';

test('resource-mismatch: the flow stops where a compliant client must, and Continue anyway goes on, recorded', async ({ app, shot }) => {
  const d = webDriver(app, shot);
  await chooseSandbox(app, 'resource-mismatch');
  await runToEnd(d);
  const prm = stepRow(app, 'resource-metadata');
  await expect(prm).toHaveAttribute('data-status', 'failed');
  await prm.getByRole('button').first().click();
  const stop = app.locator('[data-step-error="resource-metadata"]');
  await expect(stop).toContainText('a compliant client stops here');
  await shot('stopped');

  await stop.getByRole('button', { name: 'Continue anyway (past PRM-01)' }).click();
  // Re-run prepares the step again, now allowed past PRM-01; the flow then goes on as far as it can.
  await expect(prm).toHaveAttribute('data-status', 'ready', { timeout: 30_000 });
  await runToEnd(d);
  await expect(prm).toHaveAttribute('data-status', 'done');
  await expect(stepRow(app, 'authorize')).toHaveAttribute('data-status', 'done');
  await expect(app.locator('.status-continued')).toHaveText('went past PRM-01');
  await shot('continued');
});
