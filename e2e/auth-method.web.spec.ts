import { test } from './fixtures.js';
import { noneFirstLostMethod, omitsNone, secretMethodWithoutSecret } from './journeys.js';
import { webDriver } from './web-driver.js';

test('omits-none: the card shows none registered but not advertised, in red, with AM-02', async ({ app, shot }) => {
  await omitsNone(webDriver(app, shot));
});

test('none-first: a cached confidential client that lost its method fails with 401, and succeeds once Stored clients has its method again', async ({ app, shot }) => {
  await noneFirstLostMethod(webDriver(app, shot));
});

test('secret method: the card says before the browser step that a public client cannot send client_secret_post, and registering a confidential client fixes it', async ({ app, shot }) => {
  await secretMethodWithoutSecret(webDriver(app, shot));
});
