import { test, expect } from './fixtures.js';
import { editPrepared } from './journeys.js';
import { idle } from './steps.js';
import { webDriver } from './web-driver.js';

test('edit a prepared request: the sent request carries the added header, next to the original', async ({ app, shot, context }) => {
  await editPrepared(webDriver(app, shot));

  // Copy as curl carries the edit too.
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await app.getByRole('button', { name: 'Show the sent request' }).click();
  await app.getByRole('button', { name: 'Copy as curl' }).click();
  await expect(app.getByRole('button', { name: 'Copied' })).toBeVisible();
  expect(await app.evaluate(() => navigator.clipboard.readText())).toMatch(/curl[\s\S]*X-Authtrace-Debug: edited-in-e2e/);

  // The keyboard drives the flow as well: Ctrl+Enter is Next step.
  await app.keyboard.press('Control+Enter');
  await idle(app);
  await expect(app.locator('li.step[data-step="resource-metadata"]')).toHaveAttribute('data-status', 'ready');
});
