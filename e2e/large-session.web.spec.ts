import path from 'node:path';
import { test, expect } from '@playwright/test';
import { bigSessionView } from '../bench/big-session.js';
import { fakeApiScript, serveUi } from '../bench/ui-server.js';
import { SCREENSHOTS } from './fixtures.js';

test('a session with 2,000 exchanges stays responsive: lists are virtualized', async ({ page }) => {
  const server = await serveUi();
  try {
    await page.addInitScript(fakeApiScript(JSON.stringify(bigSessionView(2000))));
    await page.goto(server.url);
    const rows = page.locator('.net-body [role=row]');
    await expect(rows.first()).toBeVisible();
    expect(await rows.count()).toBeLessThan(80);
    // The header is row 1 (aria-rowcount counts it).
    expect(await page.getByRole('table', { name: 'Requests' }).getAttribute('aria-rowcount')).toBe('2001');

    const list = page.locator('.net-body');
    await list.evaluate((el) => (el.scrollTop = 0));
    await page.locator('[data-exchange-id="ex-1"]').click();
    await expect(page.getByRole('article', { name: 'Request details' })).toHaveAttribute('data-exchange-id', 'ex-1');
    await list.evaluate((el) => (el.scrollTop = el.scrollHeight));
    await expect(page.locator('.net-body [data-exchange-id="ex-2000"]')).toBeVisible();
    expect(await rows.count()).toBeLessThan(80);

    await page.getByRole('tab', { name: 'Sequence' }).click();
    expect(await page.locator('.seq-row').count()).toBeLessThan(80);
    await page.getByRole('tab', { name: 'Network' }).click();
    await page.screenshot({ path: path.join(SCREENSHOTS, 'large-session-01-2000-exchanges.png') });
  } finally {
    await server.close();
  }
});
