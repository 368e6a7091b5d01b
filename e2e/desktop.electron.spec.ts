import path from 'node:path';
import { test, expect, type Page } from '@playwright/test';
import type { ElectronApplication } from 'playwright-core';
import { electronBinary, launchDesktop } from './electron-app.js';
import { SCREENSHOTS } from './fixtures.js';
import { editPrepared, noneFirstLostMethod, omitsNone, stepThroughCorrect } from './journeys.js';
import { waitingBanner, type Driver } from './steps.js';

const binary = electronBinary();
if ('skip' in binary) console.log(`[electron specs skipped] ${binary.skip}`);

test.describe('desktop app', () => {
  test.skip('skip' in binary, 'skip' in binary ? binary.skip : '');

  let app: ElectronApplication;
  let page: Page;

  test.beforeEach(async () => {
    app = await launchDesktop((binary as { path: string }).path);
    page = await app.firstWindow();
    await expect(page.getByRole('toolbar', { name: 'Session' })).toBeVisible();
  });

  test.afterEach(async () => {
    await app?.close();
  });

  const driver = (name: string): Driver => {
    let n = 0;
    return {
      page,
      shot: async (label) => {
        n++;
        await page.screenshot({ path: path.join(SCREENSHOTS, `electron-${name}-${String(n).padStart(2, '0')}-${label}.png`) });
      },
      // The app opens the (stubbed) system browser itself; the step goes on when it comes back.
      logIn: () => expect(waitingBanner(page)).toBeHidden({ timeout: 30_000 }),
    };
  };

  test('the window is isolated: no Node, only the typed Api, no navigation away', async () => {
    expect(page.url()).toBe('app://authtrace/index.html');
    const globals = await page.evaluate(() => ({
      require: typeof (globalThis as { require?: unknown }).require,
      process: typeof (globalThis as { process?: unknown }).process,
      api: Object.keys((window as unknown as { authtrace: object }).authtrace).sort(),
      popup: window.open('about:blank') === null,
    }));
    expect(globals).toEqual({ require: 'undefined', process: 'undefined', api: ['channels', 'invoke', 'onSession'], popup: true });
    await page.evaluate(() => {
      window.location.href = 'file:///etc/passwd';
    });
    await page.waitForTimeout(500);
    expect(page.url()).toBe('app://authtrace/index.html');
    await expect(page.evaluate(() => window.authtrace!.invoke('fs:read' as never, undefined as never))).rejects.toThrow(/Unknown channel/);
  });

  test('correct sandbox step by step', async () => stepThroughCorrect(driver('step-through')));
  test('omits-none card', async () => omitsNone(driver('omits-none')));
  test('none-first lost method', async () => noneFirstLostMethod(driver('none-first')));
  test('edit a prepared request', async () => editPrepared(driver('edit')));
});
