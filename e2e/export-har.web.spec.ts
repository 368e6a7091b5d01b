import { test } from './fixtures.js';
import { exportHarFile } from './journeys.js';
import { webDriver } from './web-driver.js';

test('Export HAR: the download is valid HAR 1.2 with one entry per exchange', async ({ app, shot }) => {
  await exportHarFile(webDriver(app, shot));
});
