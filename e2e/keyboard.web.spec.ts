// DevTools' keyboard habits in the network list, and focus that stays where the user was.
import { test, expect } from './fixtures.js';
import { chooseSandbox, idle, runToEnd, stepRow } from './steps.js';
import { webDriver } from './web-driver.js';

const focusedRow = (app: import('@playwright/test').Page) => app.evaluate(() => document.activeElement?.getAttribute('data-exchange-id') ?? document.activeElement?.tagName ?? null);

test('network list: arrows, Home, End and Enter move through the requests as in DevTools', async ({ app, shot }) => {
  await chooseSandbox(app, 'correct');
  await runToEnd(webDriver(app, shot));
  const rows = app.getByRole('table', { name: 'Requests' }).locator('[role=row][data-exchange-id]');
  const count = await rows.count();
  expect(count).toBeGreaterThanOrEqual(7);
  const ids = await rows.evaluateAll((els) => els.map((e) => e.getAttribute('data-exchange-id')));
  const detail = app.getByRole('article', { name: 'Request details' });

  await rows.nth(0).click();
  expect(await focusedRow(app)).toBe(ids[0]);
  await app.keyboard.press('ArrowDown');
  await expect(rows.nth(1)).toHaveAttribute('aria-selected', 'true');
  expect(await focusedRow(app)).toBe(ids[1]);
  await expect(detail).toHaveAttribute('data-exchange-id', ids[1]!);
  await app.keyboard.press('ArrowDown');
  await app.keyboard.press('ArrowUp');
  await expect(rows.nth(1)).toHaveAttribute('aria-selected', 'true');

  await app.keyboard.press('End');
  await expect(rows.nth(count - 1)).toHaveAttribute('aria-selected', 'true');
  expect(await focusedRow(app)).toBe(ids[count - 1]);
  await expect(stepRow(app, 'mcp')).toHaveClass(/selected/);
  await shot('end');
  await app.keyboard.press('Home');
  await expect(rows.nth(0)).toHaveAttribute('aria-selected', 'true');
  expect(await focusedRow(app)).toBe(ids[0]);
  // Up from the first row stays there.
  await app.keyboard.press('ArrowUp');
  await expect(rows.nth(0)).toHaveAttribute('aria-selected', 'true');

  // Enter goes to the details, on the selected tab.
  await app.keyboard.press('Enter');
  await expect(detail.getByRole('tab', { name: 'Headers' })).toBeFocused();

  // One Tab stop for the whole list: the selected row.
  const tabbable = await rows.evaluateAll((els) => els.filter((e) => (e as HTMLElement).tabIndex === 0).map((e) => e.getAttribute('data-exchange-id')));
  expect(tabbable).toEqual([ids[0]]);
});

test('focus stays on Reset and Next step after they run, so the keyboard can go on', async ({ app }) => {
  await chooseSandbox(app, 'correct');
  const next = app.getByRole('button', { name: /^Next step/ });
  await next.focus();
  await app.keyboard.press('Enter');
  await idle(app);
  await expect(stepRow(app, 'probe')).toHaveAttribute('data-status', 'ready');
  await expect(next).toBeFocused();
  await app.keyboard.press('Enter');
  await idle(app);
  await expect(stepRow(app, 'probe')).toHaveAttribute('data-status', 'done');
  await expect(next).toBeFocused();

  const reset = app.getByRole('button', { name: 'Reset' });
  await reset.focus();
  await app.keyboard.press('Enter');
  await idle(app);
  await expect(stepRow(app, 'probe')).not.toHaveAttribute('data-status', 'done');
  await expect(reset).toBeFocused();
});
