import { expect, type Page } from '@playwright/test';
import { test } from './fixtures.js';
import { chooseSandbox, runToEnd, stepRow } from './steps.js';
import { webDriver } from './web-driver.js';

/** Controls whose box is cut: outside the window, or their text wider than the box. */
async function clipped(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = [];
    const { innerWidth, innerHeight } = window;
    for (const el of Array.from(document.querySelectorAll<HTMLElement>('button, select, input, [role="tab"], .status-pill'))) {
      const box = el.getBoundingClientRect();
      if (box.width === 0 || box.height === 0) continue;
      const hidden = el.closest('[hidden], [aria-hidden="true"]');
      if (hidden) continue;
      // Inside a scrolling region, a control scrolled out of view is fine; only the window's edge counts.
      let scroller: HTMLElement | null = el.parentElement;
      while (scroller && !/(auto|scroll)/.test(getComputedStyle(scroller).overflowY + getComputedStyle(scroller).overflowX)) scroller = scroller.parentElement;
      const name = el.getAttribute('aria-label') ?? el.textContent?.trim().slice(0, 30) ?? el.tagName;
      if (!scroller && (box.right > innerWidth + 1 || box.bottom > innerHeight + 1)) out.push(`${name}: outside the window`);
      if (el.tagName === 'BUTTON' && el.scrollWidth > el.clientWidth + 1) out.push(`${name}: text cut (${el.scrollWidth} > ${el.clientWidth})`);
    }
    return out;
  });
}

for (const [width, height] of [
  [1440, 900],
  [1024, 700],
  [800, 600],
] as const) {
  test.describe(`${width}x${height}`, () => {
    // Opened at that size, as a user's window is.
    test.use({ viewport: { width, height } });

    test(`layout at ${width}x${height}: no control cut${width < 1440 ? ', the working area at least half the window' : ''}`, async ({ app, shot }) => {
      await chooseSandbox(app, 'none-first');
      await runToEnd(webDriver(app, shot));
      await expect(stepRow(app, 'mcp')).toHaveAttribute('data-status', 'done');
      await shot(`${width}x${height}`);
      const workspace = await app.locator('.workspace').boundingBox();
      if (width < 1440) expect(workspace!.height, 'working area height').toBeGreaterThanOrEqual(height / 2);
      expect(await clipped(app)).toEqual([]);
    });
  });
}

test('panels resize from the keyboard, fold away, and come back as they were left', async ({ app, web, shot }) => {
  await chooseSandbox(app, 'none-first');
  await runToEnd(webDriver(app, shot));
  const bottom = app.getByRole('separator', { name: 'Resize the bottom panel' });
  const before = Number(await bottom.getAttribute('aria-valuenow'));
  await bottom.focus();
  for (let i = 0; i < 4; i++) await app.keyboard.press('ArrowUp');
  await expect(bottom).toHaveAttribute('aria-valuenow', String(before + 64));
  const steps = app.getByRole('separator', { name: 'Resize the steps list' });
  await steps.focus();
  await app.keyboard.press('Shift+ArrowRight');
  const stepsWidth = Number(await steps.getAttribute('aria-valuenow'));
  expect(Math.round((await app.getByRole('navigation', { name: 'Steps' }).boundingBox())!.width)).toBe(stepsWidth);

  await app.getByRole('button', { name: 'Fold' }).click();
  await expect(app.getByTestId('am-summary')).toContainText('registered none');
  await app.getByRole('button', { name: 'Hide panel' }).click();
  await expect(app.getByRole('list', { name: 'Diagnostics' })).toHaveCount(0);
  await shot('folded');
  await app.getByRole('tab', { name: /^Diagnostics/ }).click();
  await expect(app.getByRole('list', { name: 'Diagnostics' })).toBeVisible();

  // A new window of the app opens with the same arrangement.
  const again = await app.context().newPage();
  await again.goto(web.url);
  await expect(again.getByRole('separator', { name: 'Resize the bottom panel' })).toHaveAttribute('aria-valuenow', String(before + 64));
  await expect(again.getByRole('separator', { name: 'Resize the steps list' })).toHaveAttribute('aria-valuenow', String(stepsWidth));
  await again.close();
});
