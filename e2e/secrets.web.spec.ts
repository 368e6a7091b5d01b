// Secrets stay masked until the user chooses to see them: in the request editor, the network
// table, the address bar (the access token) and a HAR export with secrets.
import { readFile } from 'node:fs/promises';
import { test, expect } from './fixtures.js';
import { chooseSandbox, idle, nextButton, pressNext, runToEnd, stepRow } from './steps.js';
import { webDriver } from './web-driver.js';

const MASK = '••••••••';

test('the access token leaves the address bar once connected, and the page keeps working', async ({ app, web }) => {
  const token = new URL(web.url).hash.replace('#token=', '');
  expect(app.url()).not.toContain(token);
  expect(app.url()).not.toContain('token=');
  await chooseSandbox(app, 'correct');
  await nextButton(app).click();
  await idle(app);
  await expect(stepRow(app, 'probe')).toHaveAttribute('data-status', 'ready');

  // A reload keeps the tab connected (the tab keeps the token, the address bar does not show it).
  await app.reload();
  await expect(app.getByRole('toolbar', { name: 'Session' })).toBeVisible();
  expect(app.url()).not.toContain(token);
  await expect(stepRow(app, 'probe')).toHaveAttribute('data-status', 'ready');
});

test('a wrong token is named as such, not as a host that cannot be reached', async ({ web, browser }) => {
  const page = await browser.newPage();
  await page.goto(web.url.replace(/#token=.*/, '#token=not-the-token'));
  await expect(page.getByRole('alert')).toContainText("This page's access token was refused.");
  await expect(page.getByRole('alert')).toContainText('Open the URL that `authtrace web` printed this time');
  await page.close();
});

test('prepared token request: code and code_verifier masked and read-only until Edit reveals them, in that editor only', async ({ app, shot }) => {
  const d = webDriver(app, shot);
  await chooseSandbox(app, 'correct');
  await pressNext(d);
  for (let i = 0; i < 20 && (await stepRow(app, 'token').getAttribute('data-status')) !== 'ready'; i++) await pressNext(d);
  const editor = app.getByRole('form', { name: 'Prepared token request' });
  await expect(editor).toBeVisible();

  const body = editor.getByLabel('Request body');
  await expect(body).toHaveValue(new RegExp(`(^|&)code=${MASK}(&|$)`));
  await expect(body).toHaveValue(new RegExp(`code_verifier=${MASK}`));
  await expect(body).toHaveJSProperty('readOnly', true);
  await expect(editor.getByRole('note')).toContainText('Secrets in the body are masked');
  await shot('token-body-masked');

  // Typing into the masked body changes nothing.
  await body.press('End');
  await body.pressSequentially('x');
  await expect(editor.locator('.tag.edited')).toHaveCount(0);

  await editor.getByRole('button', { name: 'Edit (reveals secrets)' }).click();
  await expect(body).toHaveJSProperty('readOnly', false);
  await expect(body).not.toHaveValue(new RegExp(MASK));
  await expect(body).toHaveValue(/code=[^&•]{8,}/);
  // Revealed here only: the rest of the app still masks.
  await expect(app.getByRole('button', { name: 'Reveal secrets' })).toHaveAttribute('aria-pressed', 'false');
  await expect(editor.getByRole('note')).toContainText('shown in this editor only');
  await shot('token-body-revealed');

  await editor.getByRole('button', { name: 'Mask them again' }).click();
  await expect(body).toHaveJSProperty('readOnly', true);
  await expect(body).toHaveValue(new RegExp(`code_verifier=${MASK}`));

  // Revealed, edited, sent: what is sent is the revealed text, and the sent request is shown masked again.
  await editor.getByRole('button', { name: 'Edit (reveals secrets)' }).click();
  const code = /(?:^|&)code=([^&]+)/.exec(await body.inputValue())![1]!;
  await editor.getByRole('button', { name: 'Send' }).click();
  await idle(app);
  await expect(stepRow(app, 'token')).toHaveAttribute('data-status', 'done');
  const detail = app.getByRole('article', { name: 'Request details' });
  await detail.getByRole('tab', { name: 'Payload' }).click();
  await expect(detail.locator('.tab-body')).toContainText(MASK);
  await expect(detail.locator('.tab-body')).not.toContainText(code);
});

test('network table: a masked query value reads as the mask, not %E2%80%A2; copies are masked as shown, with secrets on request', async ({ app, shot, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await chooseSandbox(app, 'correct');
  await runToEnd(webDriver(app, shot));
  const table = app.getByRole('table', { name: 'Requests' });
  const withCode = table.locator('[role=row][data-exchange-id]').filter({ hasText: /[?&]code=/ });
  await expect(withCode.first()).toBeVisible();
  await expect(withCode.first()).toContainText(`code=${MASK}`);
  await expect(table).not.toContainText('%E2%80%A2');
  expect(await withCode.first().locator('.c-name').getAttribute('title')).toContain(`code=${MASK}`);
  await shot('network-masked');

  await withCode.first().click();
  const detail = app.getByRole('article', { name: 'Request details' });
  await expect(detail.getByRole('button', { name: 'Copy URL' })).toHaveAttribute('title', /secrets masked, as shown/);
  const clipboard = () => app.evaluate(() => navigator.clipboard.readText());

  await detail.getByRole('button', { name: 'Copy URL' }).click();
  await expect(detail.getByRole('button', { name: 'Copied, secrets masked' })).toBeVisible();
  expect(await clipboard()).toContain(`code=${MASK}`);
  await detail.getByRole('button', { name: 'copy with secrets' }).click();
  await expect(detail.getByRole('button', { name: 'Copied with secrets' })).toBeVisible();
  const url = await clipboard();
  expect(url).toMatch(/code=[^&•]{8,}/);
  await shot('copied-with-secrets');

  // The token request's curl: masked by default, the verifier and code absent.
  await stepRow(app, 'token').getByRole('button').first().click();
  await detail.getByRole('button', { name: 'Copy as curl' }).click();
  const masked = await clipboard();
  expect(masked).toMatch(/^curl /);
  expect(masked).toContain(`code_verifier=${MASK}`);
  expect(masked).not.toContain(/code=([^&•]+)/.exec(url)![1]!);

  // With every secret revealed, copies carry them, and say so.
  await app.getByRole('button', { name: 'Reveal secrets' }).click();
  await expect(detail.getByRole('button', { name: 'Copy as curl' })).toHaveAttribute('title', /secrets included, as shown/);
  await detail.getByRole('button', { name: 'Copy as curl' }).click();
  await expect(detail.getByRole('button', { name: 'Copied with secrets' })).toBeVisible();
  expect(await clipboard()).not.toContain(MASK);
  await detail.getByRole('button', { name: 'copy masked' }).click();
  expect(await clipboard()).toContain(MASK);
});

test('Export HAR with secrets asks first; No exports nothing, Yes downloads the secrets', async ({ app, shot }) => {
  await chooseSandbox(app, 'correct');
  await runToEnd(webDriver(app, shot));
  await app.getByLabel('with secrets').check();

  const downloads: string[] = [];
  app.on('download', (download) => downloads.push(download.suggestedFilename()));
  const declined = app.waitForEvent('dialog');
  const click = app.getByRole('button', { name: 'Export HAR' }).click();
  const question = await declined;
  expect(question.type()).toBe('confirm');
  expect(question.message()).toContain('Export with secrets?');
  await question.dismiss();
  await click;
  await idle(app);
  expect(downloads).toEqual([]);

  app.once('dialog', (dialog) => void dialog.accept());
  const [download] = await Promise.all([app.waitForEvent('download'), app.getByRole('button', { name: 'Export HAR' }).click()]);
  const text = await readFile((await download.path())!, 'utf8');
  expect(text).toMatch(/Bearer eyJ|"access_token":\s*"[^"]{8,}/);
});

test('Ctrl+Enter while an input method is composing does not step', async ({ app }) => {
  await chooseSandbox(app, 'correct');
  // Whether the app took the key: it prevents the default of a Ctrl+Enter it acts on.
  const press = (isComposing: boolean) =>
    app.evaluate(
      (composing) => !window.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', ctrlKey: true, isComposing: composing, bubbles: true, cancelable: true })),
      isComposing,
    );
  expect(await press(true)).toBe(false);
  await idle(app);
  await expect(stepRow(app, 'probe')).toHaveCount(0);
  expect(await press(false)).toBe(true);
  await idle(app);
  await expect(stepRow(app, 'probe')).toHaveAttribute('data-status', 'ready');
});
