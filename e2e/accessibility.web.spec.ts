// axe-core on every screen of the app, light and dark: no serious or critical violation.
import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';
import { test } from './fixtures.js';
import { chooseSandbox, idle, pressNext, runToEnd } from './steps.js';
import { webDriver } from './web-driver.js';

async function audit(page: Page, screen: string): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page }).analyze();
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${screen}: ${v.id} (${v.impact}) ${v.nodes.map((n) => `${n.target.join(' ')} [${n.any[0]?.message ?? ''}]`).slice(0, 4).join(' | ')}`);
}

for (const colorScheme of ['light', 'dark'] as const) {
  test.describe(colorScheme, () => {
    test.use({ colorScheme });

    test(`every screen, ${colorScheme}: no serious or critical axe violation`, async ({ app, shot }) => {
      // A dozen audits of a full page, and a probe: minutes on a busy 2-core machine.
      test.setTimeout(300_000);
      const found: string[] = [];
      found.push(...(await audit(app, 'start')));
      await chooseSandbox(app, 'omits-none');
      await runToEnd(webDriver(app, shot));
      for (const tab of ['Headers', 'Payload', 'Response', 'Timing']) {
        await app.getByRole('tab', { name: tab, exact: true }).click();
        found.push(...(await audit(app, `flow, ${tab}`)));
      }
      await app.getByRole('tab', { name: 'Sequence' }).click();
      found.push(...(await audit(app, 'sequence')));
      await app.getByRole('tab', { name: 'Network' }).click();
      // A network row and a diagnostic selected: the selected colours are audited too.
      await app.locator('li.diag').first().getByRole('button').click();
      found.push(...(await audit(app, 'diagnostic open')));
      for (const tab of [/^Stored clients/, /^Saved sessions/, /^Compatibility/, /^Probe/]) {
        await app.getByRole('tab', { name: tab }).click();
        found.push(...(await audit(app, String(tab))));
      }
      await app.getByRole('button', { name: /^Probe the sandbox/ }).click();
      await app.getByRole('button', { name: 'Go ahead' }).click({ timeout: 60_000 });
      await expect(app.getByRole('table', { name: 'What the server does' })).toBeVisible({ timeout: 120_000 });
      await idle(app);
      found.push(...(await audit(app, 'probe report')));
      await app.getByRole('button', { name: 'Fold' }).click();
      await app.getByRole('button', { name: 'Options ▾' }).click();
      found.push(...(await audit(app, 'folded')));
      await shot(colorScheme);
      expect(found).toEqual([]);
    });

    test(`the card's fixes and a prepared request, ${colorScheme}: no serious or critical axe violation`, async ({ app, shot }) => {
      test.setTimeout(180_000);
      const found: string[] = [];
      const d = webDriver(app, shot);
      await chooseSandbox(app, 'correct');
      await app.getByLabel('Auth method override').selectOption('client_secret_post');
      do await pressNext(d);
      while ((await app.locator('li.step[data-step="registration"]').getAttribute('data-status')) !== 'done');
      await expect(app.locator('[data-verdict]')).toHaveAttribute('data-verdict', 'cannot-send');
      found.push(...(await audit(app, 'cannot send')));
      await app.getByRole('button', { name: "Enter this client's secret" }).click();
      await expect(app.getByRole('form', { name: 'Client secret' })).toBeVisible();
      found.push(...(await audit(app, 'secret form')));
      await pressNext(d);
      await expect(app.getByRole('form', { name: /^Prepared .* request$/ })).toBeVisible();
      found.push(...(await audit(app, 'prepared request')));
      expect(found).toEqual([]);
    });
  });
}
