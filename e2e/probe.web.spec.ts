import { expect } from '@playwright/test';
import { test } from './fixtures.js';
import { chooseSandbox, idle, stepRow } from './steps.js';

test('probe: it says what it will do and waits; against pkce-not-enforced it finds PKCE ignored, and its session opens', async ({ app, shot }) => {
  await chooseSandbox(app, 'pkce-not-enforced');
  await app.getByRole('tab', { name: 'Probe' }).click();
  await app.getByRole('button', { name: /^Probe the sandbox \(pkce-not-enforced\)/ }).click();
  const plan = app.getByRole('alertdialog', { name: 'What the probe will do' });
  await expect(plan).toContainText('It will register 6 clients', { timeout: 60_000 });
  await idle(app);
  await shot('plan');
  await plan.getByRole('button', { name: 'Go ahead' }).click();
  const checks = app.getByRole('table', { name: 'What the server does' });
  await expect(checks).toBeVisible({ timeout: 120_000 });
  await idle(app);
  await expect(checks.locator('tr[data-probe="PRB-10"]')).toHaveAttribute('data-result', 'fail');
  await expect(checks.locator('tr[data-probe="PRB-11"]')).toHaveAttribute('data-result', 'fail');
  await expect(checks.locator('tr[data-probe="PRB-16"][data-result="pass"]')).toHaveCount(2);
  await expect(app.getByRole('list', { name: 'Findings' })).toContainText('the server does not require PKCE');
  await expect(app.getByRole('table', { name: 'Token endpoint authentication: advertised and accepted' }).locator('tr[data-method="none"]')).toContainText('accepted');
  await shot('report');
  await checks.locator('tr[data-probe="PRB-17"]').scrollIntoViewIfNeeded();
  await shot('checks');

  await app.getByRole('button', { name: 'Open the probe’s session' }).click();
  await expect(stepRow(app, 'authorize')).toBeVisible({ timeout: 30_000 });
  await shot('session');
});

test('probe: Cancel leaves the server alone', async ({ app }) => {
  await chooseSandbox(app, 'correct');
  await app.getByRole('tab', { name: 'Probe' }).click();
  await app.getByRole('button', { name: /^Probe the sandbox \(correct\)/ }).click();
  const plan = app.getByRole('alertdialog', { name: 'What the probe will do' });
  await expect(plan).toBeVisible({ timeout: 60_000 });
  await plan.getByRole('button', { name: 'Cancel' }).click();
  await expect(plan).toHaveCount(0);
  await expect(app.getByText('Not run yet. The probe says what it will do')).toBeVisible();
});
