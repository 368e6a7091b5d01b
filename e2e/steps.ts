// What a person does in the UI, as reusable moves.
import { expect, type Page } from '@playwright/test';

export async function chooseSandbox(page: Page, profile: string): Promise<void> {
  await page.getByLabel('Target kind').selectOption('sandbox');
  await page.getByLabel('Sandbox profile').selectOption(profile);
}

export function nextButton(page: Page) {
  return page.getByRole('button', { name: /^(Next step|Flow complete|Stopped)/ });
}

/** Waits until the host is idle again (status bar says Ready). */
export async function idle(page: Page): Promise<void> {
  await expect(page.locator('.status-activity')).toHaveText('Ready', { timeout: 60_000 });
}

export function stepRow(page: Page, step: string) {
  return page.locator(`li.step[data-step="${step}"]`);
}

/** Clicks the login link while the authorize step waits, as a person would; the sandbox approves at once. */
export async function logInWhenAsked(page: Page): Promise<void> {
  const link = page.getByRole('link', { name: 'Open the login page' });
  await expect(link).toBeVisible({ timeout: 30_000 });
  const [popup] = await Promise.all([page.waitForEvent('popup'), link.click()]);
  await expect(link).toBeHidden({ timeout: 30_000 });
  await popup.close();
}

/** Presses Next step once and waits for it; handles the browser login when the step needs it. */
export async function pressNext(page: Page): Promise<void> {
  const waitingForLogin = page.getByRole('link', { name: 'Open the login page' });
  await nextButton(page).click();
  await expect(async () => {
    if (await waitingForLogin.isVisible()) return;
    await expect(page.locator('.status-activity')).toHaveText('Ready', { timeout: 500 });
  }).toPass({ timeout: 60_000 });
  if (await waitingForLogin.isVisible()) {
    await logInWhenAsked(page);
    await idle(page);
  }
}

export async function runToEnd(page: Page): Promise<void> {
  const waitingForLogin = page.getByRole('link', { name: 'Open the login page' });
  await page.getByRole('button', { name: 'Run to end' }).click();
  await expect(async () => {
    if (await waitingForLogin.isVisible()) return;
    await expect(page.locator('.status-activity')).toHaveText('Ready', { timeout: 500 });
  }).toPass({ timeout: 60_000 });
  if (await waitingForLogin.isVisible()) {
    await logInWhenAsked(page);
    await idle(page);
  }
}
