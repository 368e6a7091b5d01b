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
});

test('prepared token request: code and code_verifier masked and read-only until Edit reveals them', async ({ app, shot }) => {
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
  await expect(app.getByRole('button', { name: 'Hide secrets' })).toHaveAttribute('aria-pressed', 'true');
  await shot('token-body-revealed');

  await app.getByRole('button', { name: 'Hide secrets' }).click();
  await expect(body).toHaveJSProperty('readOnly', true);
  await expect(body).toHaveValue(new RegExp(`code_verifier=${MASK}`));
});

test('network table: a masked query value reads as the mask, not %E2%80%A2; copy buttons say they copy the unmasked value', async ({ app, shot }) => {
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
  await expect(detail.getByRole('button', { name: 'Copy URL' })).toHaveAttribute('title', /copies the unmasked value/);
  await expect(detail.getByRole('button', { name: 'Copy as curl' })).toHaveAttribute('title', /copies the unmasked value/);
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
