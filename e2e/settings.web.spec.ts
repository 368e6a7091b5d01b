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

test('the theme switch: dark on a light system, kept for the next window', async ({ app, web }) => {
  const html = app.locator('html');
  await expect(html).toHaveAttribute('data-theme', 'light');
  await app.getByLabel('Theme').selectOption('dark');
  await expect(html).toHaveAttribute('data-theme', 'dark');
  expect(await app.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe('rgb(30, 31, 34)');
  const again = await app.context().newPage();
  await again.goto(web.url);
  await expect(again.locator('html')).toHaveAttribute('data-theme', 'dark');
  await again.close();
});
