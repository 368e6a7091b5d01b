// The one BrowserWindow's options. A plain object (structurally a BrowserWindowConstructorOptions)
// so that the security settings can be asserted without Electron.
export interface SecureWindowOptions {
  width: number;
  height: number;
  minWidth: number;
  minHeight: number;
  title: string;
  show: boolean;
  backgroundColor: string;
  autoHideMenuBar: boolean;
  webPreferences: {
    preload: string;
    contextIsolation: true;
    sandbox: true;
    nodeIntegration: false;
    nodeIntegrationInWorker: false;
    nodeIntegrationInSubFrames: false;
    webSecurity: true;
    allowRunningInsecureContent: false;
    experimentalFeatures: false;
    webviewTag: false;
    navigateOnDragDrop: false;
    safeDialogs: true;
    spellcheck: false;
    devTools: boolean;
    disableBlinkFeatures: 'Auxclick';
  };
}

export function secureWindowOptions(opts: { preload: string; dark: boolean; devTools: boolean }): SecureWindowOptions {
  return {
    width: 1440,
    height: 900,
    minWidth: 960,
    minHeight: 600,
    title: 'Authtrace',
    show: false,
    backgroundColor: opts.dark ? '#1e1f22' : '#ffffff',
    autoHideMenuBar: true,
    webPreferences: {
      preload: opts.preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      spellcheck: false,
      devTools: opts.devTools,
      // Middle-click would open links in new windows behind the navigation guard's back.
      disableBlinkFeatures: 'Auxclick',
    },
  };
}
