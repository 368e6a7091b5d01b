import { expect } from '@playwright/test';
import { test } from './fixtures.js';
import { chooseSandbox, idle, runToEnd, stepRow } from './steps.js';
import { webDriver } from './web-driver.js';

test('compatibility: every client against none-first; the C# 1.3.0 cached session fails at token, and opens', async ({ app, shot }) => {
  await chooseSandbox(app, 'none-first');
  await app.getByRole('tab', { name: 'Compatibility' }).click();
  await app.getByRole('button', { name: /^Run every client against the sandbox \(none-first\)/ }).click();
  const grid = app.getByRole('table', { name: 'Compatibility' });
  await expect(grid).toBeVisible({ timeout: 120_000 });
  await idle(app);
  const cached = grid.locator('tr[data-client="mcp-csharp-sdk-1.3.0"][data-pass="cached"]');
  await expect(cached).toContainText('fails at token');
  await expect(cached).toContainText('401 Unauthorized (invalid_client');
  await expect(grid.locator('tr[data-client="reference"]')).toContainText('works');
  await expect(grid.locator('tr[data-client="goose"]')).toContainText('fails at authorize');
  await shot('grid');

  await cached.getByRole('button', { name: /^Open the cached session/ }).click();
  await expect(stepRow(app, 'token')).toHaveAttribute('data-status', 'failed', { timeout: 30_000 });
  await expect(app.getByLabel('Client profile')).toHaveValue('mcp-csharp-sdk-1.3.0');
  await shot('cached-session');
});

test('a client profile as the client of a step-by-step run: C# 1.3.0 registers with client_secret_post', async ({ app, shot }) => {
  const d = webDriver(app, shot);
  await chooseSandbox(app, 'correct');
  await app.getByLabel('Client profile').selectOption('mcp-csharp-sdk-1.3.0');
  await expect(app.getByLabel('Client strategy')).toHaveValue('first-advertised');
  await runToEnd(d);
  await expect(stepRow(app, 'mcp')).toHaveAttribute('data-status', 'done');
  await expect(app.getByRole('region', { name: 'Token endpoint auth method' })).toContainText('client_secret_post');
  await shot('csharp-run');
});

test('explain: what a client said, its likely causes and the command that checks', async ({ app, shot }) => {
  await app.getByRole('tab', { name: 'Compatibility' }).click();
  await app.getByRole('searchbox', { name: 'What did the client say?' }).fill('Existing OAuth client information is required when exchanging an authorization code');
  const explained = app.locator('article[data-symptom="existing-client-required"]');
  await expect(explained).toContainText('server side; AM-02');
  await expect(explained).toContainText('authtrace matrix URL --clients');
  await shot('explained');
  await app.getByRole('searchbox', { name: 'What did the client say?' }).fill('the printer is on fire');
  await expect(app.getByText('No known cause.')).toBeVisible();
});
