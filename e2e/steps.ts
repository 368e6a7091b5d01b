// What a person does in the UI, as reusable moves. A Driver says how this host gets the browser
// login done: browser mode clicks the login link; the desktop app opens the system browser itself.
import { expect, type Page } from '@playwright/test';

export interface Driver {
  page: Page;
  shot(name: string): Promise<void>;
  /** Completes the login while the authorize step waits for it. */
  logIn(): Promise<void>;
}

export function waitingBanner(page: Page) {
  return page.locator('.banner.waiting');
}

export async function chooseSandbox(page: Page, profile: string): Promise<void> {
  await page.getByLabel('Target kind').selectOption('sandbox');
  await page.getByLabel('Sandbox profile').selectOption(profile);
}

export function nextButton(page: Page) {
  return page.getByRole('button', { name: /^(Next step|Flow complete|Stopped|Read-only)/ });
}

/** Waits until the host is idle again (the status bar says Ready). */
export async function idle(page: Page): Promise<void> {
  await expect(page.locator('.status-activity')).toHaveText('Ready', { timeout: 60_000 });
}

export function stepRow(page: Page, step: string) {
  return page.locator(`li.step[data-step="${step}"]`);
}

/** Browser mode: click the login link, as a person would; the sandbox approves at once. */
export async function clickLoginLink(page: Page): Promise<void> {
  const link = page.getByRole('link', { name: 'Open the login page' });
  await expect(link).toBeVisible({ timeout: 30_000 });
  const [popup] = await Promise.all([page.waitForEvent('popup'), link.click()]);
  await expect(waitingBanner(page)).toBeHidden({ timeout: 30_000 });
  await popup.close();
}

/** How many host calls the page has finished (the status bar counts them). */
async function finishedCalls(page: Page): Promise<number> {
  return Number(await page.locator('.status-activity').getAttribute('data-finished'));
}

/**
 * Waits for the call a click started to finish, logging in when it asks for that: the count of
 * finished calls moves past `before` (a Ready seen right after the click may still be the old one).
 */
async function settle(d: Driver, before: number): Promise<void> {
  const { page } = d;
  await expect(async () => {
    if (await waitingBanner(page).isVisible()) return;
    expect(await finishedCalls(page)).toBeGreaterThan(before);
  }).toPass({ timeout: 60_000 });
  if (await waitingBanner(page).isVisible()) {
    await d.logIn();
    await expect.poll(() => finishedCalls(page), { timeout: 60_000 }).toBeGreaterThan(before);
  }
  await idle(page);
}

/** Presses Next step once and waits for it, logging in when the step asks for it. */
export async function pressNext(d: Driver): Promise<void> {
  const before = await finishedCalls(d.page);
  await nextButton(d.page).click();
  await settle(d, before);
}

export async function runToEnd(d: Driver): Promise<void> {
  const before = await finishedCalls(d.page);
  await d.page.getByRole('button', { name: 'Run to end' }).click();
  await settle(d, before);
}
