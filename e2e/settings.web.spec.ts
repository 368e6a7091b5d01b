import { expect } from '@playwright/test';
import { test } from './fixtures.js';
import { chooseSandbox, idle, runToEnd } from './steps.js';
import { webDriver } from './web-driver.js';

test('a changed setting says that Reset applies it, and Reset does', async ({ app, shot }) => {
  await chooseSandbox(app, 'correct');
  await runToEnd(webDriver(app, shot));
  await expect(app.getByTestId('pending-changes')).toHaveCount(0);
  await app.getByLabel('Sandbox profile').selectOption('none-first');
  await app.getByLabel('Client strategy').selectOption('first-advertised');
  await expect(app.getByTestId('pending-changes')).toHaveText('Reset applies: profile, strategy');
  await shot('pending');
  await app.getByRole('button', { name: 'Reset', exact: true }).click();
  await idle(app);
  await expect(app.getByTestId('pending-changes')).toHaveCount(0);
  await expect(app.locator('footer.statusbar')).toContainText('sandbox none-first');
});
