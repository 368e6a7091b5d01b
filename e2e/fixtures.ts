// Browser mode for every journey: a fresh web host (own data directory, own sandboxes) per test.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { test as base, expect, type Page } from '@playwright/test';
import { startWeb, type RunningWeb } from '../electron/cli/web.js';

export const SCREENSHOTS = path.resolve(import.meta.dirname, '../test-results/screenshots');

interface Fixtures {
  web: RunningWeb;
  app: Page;
  shot: (name: string) => Promise<void>;
}

export const test = base.extend<Fixtures>({
  web: async ({}, use) => {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'authtrace-e2e-'));
    const web = await startWeb({ dataDir, uiDir: path.resolve(import.meta.dirname, '../dist/renderer') });
    await use(web);
    await web.close();
    await rm(dataDir, { recursive: true, force: true });
  },
  app: async ({ page, web }, use) => {
    const violations: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error' && /Content.Security.Policy/i.test(message.text())) violations.push(message.text());
    });
    page.on('pageerror', (error) => violations.push(`uncaught: ${error.message}`));
    await page.goto(web.url);
    await expect(page.getByRole('toolbar', { name: 'Session' })).toBeVisible();
    await use(page);
    expect(violations, 'CSP violations or uncaught errors in the page').toEqual([]);
  },
  shot: async ({ app }, use, testInfo) => {
    const file = path.basename(testInfo.file).replace(/\.(web|electron)\.spec\.ts$/, '');
    const topic = (testInfo.title.split(':')[0] ?? '').replace(/[^a-z0-9]+/gi, '-').replace(/^-|-$/g, '').toLowerCase().slice(0, 32);
    const prefix = `${file}-${topic}`;
    let n = 0;
    await use(async (name) => {
      n++;
      await app.screenshot({ path: path.join(SCREENSHOTS, `${prefix}-${String(n).padStart(2, '0')}-${name}.png`) });
    });
  },
});

export { expect };
