import { test } from './fixtures.js';
import { editPrepared } from './journeys.js';
import { webDriver } from './web-driver.js';

test('edit a prepared request: the sent request carries the added header, next to the original', async ({ app, shot }) => {
  await editPrepared(webDriver(app, shot));
});
