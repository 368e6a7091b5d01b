import { test } from './fixtures.js';
import { stepThroughCorrect } from './journeys.js';
import { webDriver } from './web-driver.js';

test('correct sandbox: Next step through every step to an authenticated tools/list', async ({ app, shot }) => {
  await stepThroughCorrect(webDriver(app, shot));
});
