import { readFile } from 'node:fs/promises';
import { test, expect } from './fixtures.js';
import { harErrors } from './har.js';
import { chooseSandbox, runToEnd } from './steps.js';

test('Export HAR: the download is valid HAR 1.2 with one entry per exchange', async ({ app: page, shot }) => {
  await chooseSandbox(page, 'correct');
  await runToEnd(page);
  const rows = page.getByRole('table', { name: 'Requests' }).locator('[role=row][data-exchange-id]');
  const exchanges = await rows.count();
  expect(exchanges).toBeGreaterThanOrEqual(7);

  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export HAR' }).click()]);
  expect(download.suggestedFilename()).toMatch(/^authtrace-.*\.har$/);
  const har = JSON.parse(await readFile((await download.path())!, 'utf8')) as { log: { version: string; entries: unknown[] } };
  expect(harErrors(har)).toEqual([]);
  expect(har.log.version).toBe('1.2');
  expect(har.log.entries).toHaveLength(exchanges);
  // Secrets stay out unless asked for.
  const text = JSON.stringify(har);
  const token = await page.evaluate(() => document.body.innerText.includes('eyJ'));
  expect(token).toBe(false);
  expect(text).not.toMatch(/"access_token":\s*"eyJ/);
  await shot('exported');
});
