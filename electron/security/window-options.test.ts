import { describe, expect, it } from 'vitest';
import { secureWindowOptions } from './window-options.js';

describe('secureWindowOptions', () => {
  const options = secureWindowOptions({ preload: '/app/preload.cjs', dark: false, devTools: false });

  it('isolates and sandboxes the renderer', () => {
    expect(options.webPreferences).toMatchObject({
      preload: '/app/preload.cjs',
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
    });
  });

  it('sets nothing that weakens the defaults', () => {
    const prefs = options.webPreferences as Record<string, unknown>;
    for (const key of ['enableBlinkFeatures', 'additionalArguments', 'partition', 'javascript', 'plugins']) {
      expect(prefs[key]).toBeUndefined();
    }
  });

  it('waits to show until the UI has painted, on a background that matches the theme', () => {
    expect(options.show).toBe(false);
    expect(secureWindowOptions({ preload: 'p', dark: true, devTools: false }).backgroundColor).toBe('#1e1f22');
  });

  it('opens devtools only when asked', () => {
    expect(options.webPreferences.devTools).toBe(false);
    expect(secureWindowOptions({ preload: 'p', dark: false, devTools: true }).webPreferences.devTools).toBe(true);
  });
});
