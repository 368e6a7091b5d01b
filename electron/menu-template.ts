// The desktop app's menu, as plain data (structurally Electron's MenuItemConstructorOptions), so
// its shape and shortcuts are tested without Electron; main.ts builds it and wires the actions.
export interface MenuActions {
  openHar: () => void;
  exportHar: (includeSecrets: boolean) => void;
}

export interface MenuItem {
  label?: string;
  role?: string;
  type?: 'separator' | 'submenu';
  accelerator?: string;
  click?: () => void;
  submenu?: MenuItem[];
}

export function menuTemplate(actions: MenuActions, opts: { platform: NodeJS.Platform; devTools: boolean }): MenuItem[] {
  const mac = opts.platform === 'darwin';
  const file: MenuItem = {
    label: 'File',
    submenu: [
      { label: 'Open HAR…', accelerator: 'CmdOrCtrl+O', click: actions.openHar },
      { label: 'Export HAR…', accelerator: 'CmdOrCtrl+E', click: () => actions.exportHar(false) },
      { label: 'Export HAR with secrets…', accelerator: 'CmdOrCtrl+Shift+E', click: () => actions.exportHar(true) },
      { type: 'separator' },
      mac ? { role: 'close' } : { role: 'quit' },
    ],
  };
  const view: MenuItem = {
    label: 'View',
    submenu: [
      { role: 'resetZoom' },
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      { type: 'separator' },
      { role: 'togglefullscreen' },
      ...(opts.devTools ? [{ type: 'separator' as const }, { role: 'reload' }, { role: 'toggleDevTools' }] : []),
    ],
  };
  return [...(mac ? [{ role: 'appMenu' }] : []), file, { role: 'editMenu' }, view, { role: 'windowMenu' }];
}
