import { test, expect } from './fixtures.js';
import { exportHarFile } from './journeys.js';
import { webDriver } from './web-driver.js';

test('Export HAR: the download is valid HAR 1.2 with one entry per exchange', async ({ app, shot }) => {
  await exportHarFile(webDriver(app, shot));

  // The session was saved as it ran, and can be opened again to read.
  await app.getByRole('tab', { name: 'Saved sessions' }).click();
  const saved = app.getByRole('table', { name: 'Saved sessions' });
  await expect(saved.locator('tbody tr')).toHaveCount(1);
  await expect(saved.locator('tbody tr').first()).toContainText('completed');
  await shot('saved-sessions');
});
