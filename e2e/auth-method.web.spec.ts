import { test } from './fixtures.js';
import { noneFirstLostMethod, omitsNone } from './journeys.js';
import { webDriver } from './web-driver.js';

test('omits-none: the card shows none registered but not advertised, in red, with AM-02', async ({ app, shot }) => {
  await omitsNone(webDriver(app, shot));
});

test('none-first: a cached confidential client that lost its method fails with 401, and succeeds once the method is set', async ({ app, shot }) => {
  await noneFirstLostMethod(webDriver(app, shot));
});
