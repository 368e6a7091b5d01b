// Serves the built UI on 127.0.0.1 with a stand-in Api, so the UI can be measured without a host.
import { existsSync, promises as fs } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { SessionView } from '../shared/contract.js';
import { mimeType, resolveUiFile } from '../electron/security/app-files.js';

export const UI_DIR = path.resolve(import.meta.dirname, '../dist/renderer');

export async function serveUi(): Promise<{ url: string; close(): Promise<void> }> {
  const server = http.createServer(async (req, res) => {
    const file = resolveUiFile(UI_DIR, req.url ?? '/');
    const body = file ? await fs.readFile(file).catch(() => undefined) : undefined;
    if (file && body) res.writeHead(200, { 'Content-Type': mimeType(file) }).end(body);
    else res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/**
 * Browser-side: installs window.authtrace answering session:get with `view` (passed as JSON). Its
 * push listener is kept as window.__push, for a benchmark that pushes views itself.
 */
export function fakeApiScript(viewJson: string): string {
  return `window.authtrace = {
    invoke: async (channel) => {
      if (channel === 'session:get') return JSON.parse(${JSON.stringify(viewJson)});
      if (channel === 'sandbox:profiles') return [{ name: 'correct', description: '' }];
      if (channel === 'clients:list') return [];
      throw new Error('not in this benchmark: ' + channel);
    },
    onSession: (listener) => { window.__push = listener; return () => {}; },
  };`;
}

const SYSTEM_CHROMIUM = '/usr/bin/chromium';

/** Chromium as the e2e suite runs it: the system's when there is one. */
export function launchChromium(): Promise<Browser> {
  const root = typeof process.getuid === 'function' && process.getuid() === 0;
  return chromium.launch({
    ...(existsSync(SYSTEM_CHROMIUM) && { executablePath: SYSTEM_CHROMIUM }),
    args: [...(root ? ['--no-sandbox'] : []), '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

/** The built UI in Chromium showing `view` through the stand-in Api, its rows on screen. */
export async function openUi(view: SessionView): Promise<{ page: Page; close(): Promise<void> }> {
  if (!existsSync(path.join(UI_DIR, 'index.html'))) throw new Error(`the UI is not built (no ${UI_DIR}/index.html): npm run build`);
  const server = await serveUi();
  const browser = await launchChromium();
  const close = async () => {
    await browser.close();
    await server.close();
  };
  try {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await page.addInitScript(fakeApiScript(JSON.stringify(view)));
    await page.goto(server.url);
    await page.locator('.net-body [role=row]').first().waitFor();
    return { page, close };
  } catch (error) {
    await close();
    throw error;
  }
}
