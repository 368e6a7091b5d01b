import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from './fixtures.js';
import { chooseSandbox, idle, runToEnd, stepRow } from './steps.js';
import { webDriver } from './web-driver.js';

test('import a HAR: a read-only view with a banner naming the file and what was read and skipped; Run it live runs it anew', async ({ app, shot }) => {
  const d = webDriver(app, shot);
  await chooseSandbox(app, 'correct');
  await runToEnd(d);
  const [download] = await Promise.all([app.waitForEvent('download'), app.getByRole('button', { name: 'Export HAR' }).click()]);
  const har = JSON.parse(await readFile((await download.path())!, 'utf8')) as { log: { entries: unknown[] } };
  const read = har.log.entries.length;
  // One entry a recorder broke: it has no request.
  har.log.entries.push({ startedDateTime: new Date().toISOString(), time: 0, request: null });
  const file = path.join(await mkdtemp(path.join(os.tmpdir(), 'authtrace-read-only-')), 'broken.har');
  await writeFile(file, JSON.stringify(har));

  await app.locator('input[type=file]').setInputFiles(file);
  const banner = app.getByRole('region', { name: 'Read-only session' });
  await expect(banner).toContainText('Read from broken.har: read-only.');
  await expect(banner.getByTestId('har-counts')).toHaveText(`${read} entries read, 1 skipped (entry ${read + 1}: no request). `);
  await expect(app.getByRole('button', { name: /^Read-only session/ })).toBeDisabled();
  await expect(app.getByRole('button', { name: /^Re-run/ })).toHaveCount(0);
  await shot('banner');

  await banner.getByRole('button', { name: 'Run it live' }).click();
  await idle(app);
  await expect(banner).toHaveCount(0);
  await runToEnd(d);
  await expect(stepRow(app, 'mcp')).toHaveAttribute('data-status', 'done');
  await shot('live-again');
});
