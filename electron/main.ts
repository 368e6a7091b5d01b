// The desktop app's composition root: one locked-down window on app://authtrace, the Api over
// guarded IPC, secrets at rest through safeStorage.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { app, BrowserWindow, dialog, Menu, nativeTheme, protocol, safeStorage, session, shell, type MenuItemConstructorOptions, type WebContents } from 'electron';
import { pushSession, registerApi } from './ipc.js';
import { menuTemplate } from './menu-template.js';
import { mimeType, resolveUiFile } from './security/app-files.js';
import { contentSecurityPolicy } from './security/csp.js';
import { decideNavigation, decidePermission, decideWindowOpen } from './security/navigation.js';
import { APP_ENTRY_URL, APP_SCHEME } from './security/origin.js';
import { writePrivateFile } from './security/private-file.js';
import { closeBeforeQuit } from './security/quit.js';
import { createSafeStorageCodec } from './security/secret-codec.js';
import { secureWindowOptions } from './security/window-options.js';
import { SessionController } from './services/controller.js';
import type { SessionView } from '../shared/contract.js';
import { encodeView } from '../shared/view-delta.js';

const here = import.meta.dirname;
const UI_DIR = path.resolve(here, '../renderer');
const PRELOAD = path.join(here, 'preload.cjs');

protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
app.enableSandbox();

const primary = app.requestSingleInstanceLock();
if (!primary) app.quit();

function openExternal(url: string): Promise<void> {
  const decision = decideWindowOpen(url);
  if (decision.action !== 'open-external') return Promise.reject(new Error(`refusing to open ${url}`));
  return shell.openExternal(decision.url);
}

function serveUi(): void {
  const csp = contentSecurityPolicy();
  protocol.handle(APP_SCHEME, async (request) => {
    const file = resolveUiFile(UI_DIR, request.url);
    if (!file || request.method !== 'GET') return new Response('Not found', { status: 404 });
    try {
      return new Response(await readFile(file), {
        headers: { 'content-type': mimeType(file), 'content-security-policy': csp, 'x-content-type-options': 'nosniff' },
      });
    } catch {
      return new Response('Not found', { status: 404 });
    }
  });
}

function lockDown(contents: WebContents): void {
  const onNavigate = (event: { preventDefault(): void }, url: string) => {
    const decision = decideNavigation(url);
    if (decision.action === 'allow') return;
    event.preventDefault();
    if (decision.action === 'open-external') void shell.openExternal(decision.url);
  };
  contents.on('will-navigate', onNavigate);
  contents.on('will-redirect', onNavigate);
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    const decision = decideWindowOpen(url);
    if (decision.action === 'open-external') void shell.openExternal(decision.url);
    return { action: 'deny' };
  });
}

app.on('web-contents-created', (_event, contents) => lockDown(contents));

app.on('window-all-closed', () => app.quit());

async function start(): Promise<void> {
  serveUi();
  session.defaultSession.setPermissionRequestHandler((_contents, permission, callback) => callback(decidePermission(permission)));
  session.defaultSession.setPermissionCheckHandler((_contents, permission) => decidePermission(permission));

  const sealer = createSafeStorageCodec(safeStorage);
  const controller = new SessionController({
    // The desktop app keeps its own client cache (sealed with the OS key store), like any real client.
    dataDir: process.env.AUTHTRACE_DATA_DIR ?? app.getPath('userData'),
    browser: { open: openExternal },
    openExternal,
    ...(sealer && { sealer }),
    ...(process.env.AUTHTRACE_CA_FILE && { caFile: process.env.AUTHTRACE_CA_FILE }),
    version: app.getVersion(),
  });
  // A view that a reply already carried is not pushed again (the controller hands out one object per change).
  let lastSent: SessionView | undefined;
  const unregister = registerApi(
    controller.handlers,
    (reason) => console.warn(`authtrace: refused IPC (${reason})`),
    (view) => (lastSent = view),
  );

  const options = secureWindowOptions({ preload: PRELOAD, dark: nativeTheme.shouldUseDarkColors, devTools: !app.isPackaged });
  const win = new BrowserWindow({
    ...options,
    // Repeated where the window is made so static reviews (electronegativity) see them; the
    // values are the ones secureWindowOptions returns, which its unit test pins.
    webPreferences: { ...options.webPreferences, contextIsolation: true, sandbox: true, nodeIntegration: false, disableBlinkFeatures: 'Auxclick' },
  });
  const stopPushing = controller.onView((view) => {
    if (view === lastSent) return;
    // The window has the view last sent (pushed or answered): only the exchanges it lacks cross.
    const push = encodeView(lastSent, view);
    lastSent = view;
    pushSession(win.webContents, push);
  });
  win.once('ready-to-show', () => win.show());
  win.on('closed', () => stopPushing());

  const fail = (title: string, error: unknown) => dialog.showErrorBox(title, (error as Error).message);
  const actions = {
    openHar: async () => {
      const picked = await dialog.showOpenDialog(win, { title: 'Open HAR', filters: [{ name: 'HAR', extensions: ['har', 'json'] }], properties: ['openFile'] });
      const file = picked.filePaths[0];
      if (picked.canceled || !file) return;
      try {
        // Pushed to the window like any session change.
        await controller.handlers['session:import-har']({ fileName: path.basename(file), content: await readFile(file, 'utf8') });
      } catch (error) {
        fail('Could not open the HAR file', error);
      }
    },
    exportHar: async (includeSecrets: boolean) => {
      if (includeSecrets) {
        const answer = await dialog.showMessageBox(win, {
          type: 'warning',
          message: 'Export with secrets?',
          detail: 'Client secrets, tokens and codes will be readable in the file. Share it only with people who may use them.',
          buttons: ['Export with secrets', 'Cancel'],
          defaultId: 1,
          cancelId: 1,
        });
        if (answer.response !== 0) return;
      }
      try {
        const har = await controller.handlers['session:export-har']({ includeSecrets });
        const saved = await dialog.showSaveDialog(win, { title: 'Export HAR', defaultPath: har.fileName, filters: [{ name: 'HAR', extensions: ['har'] }] });
        // 0600 also when it replaces an existing file.
        if (!saved.canceled && saved.filePath) await writePrivateFile(saved.filePath, har.content);
      } catch (error) {
        fail('Could not export the HAR file', error);
      }
    },
  };
  Menu.setApplicationMenu(
    Menu.buildFromTemplate(
      menuTemplate(
        { openHar: () => void actions.openHar(), exportHar: (secrets) => void actions.exportHar(secrets) },
        { platform: process.platform, devTools: !app.isPackaged },
      ) as MenuItemConstructorOptions[],
    ),
  );

  app.on('second-instance', () => {
    if (win.isMinimized()) win.restore();
    win.focus();
  });
  // Quits once the controller has closed (the session store flushed), not while it still writes.
  closeBeforeQuit(app, async () => {
    unregister();
    await controller.close();
  });

  await win.loadURL(APP_ENTRY_URL);
}

if (primary) {
  app
    .whenReady()
    .then(start)
    .catch((error: unknown) => {
      console.error(`authtrace: ${(error as Error).message}`);
      app.exit(1);
    });
}
