import { describe, expect, it } from 'vitest';
import { menuTemplate, type MenuItem } from './menu-template.js';

const flat = (items: MenuItem[]): MenuItem[] => items.flatMap((i) => [i, ...flat(i.submenu ?? [])]);

describe('menu template', () => {
  it('has File > Open HAR and Export HAR with shortcuts, and routes them to the actions', () => {
    const calls: string[] = [];
    const items = flat(menuTemplate({ openHar: () => calls.push('open'), exportHar: (s) => calls.push(`export:${s}`) }, { platform: 'linux', devTools: false }));
    const byLabel = (label: string) => items.find((i) => i.label === label)!;
    expect(byLabel('Open HAR…').accelerator).toBe('CmdOrCtrl+O');
    expect(byLabel('Export HAR…').accelerator).toBe('CmdOrCtrl+E');
    byLabel('Open HAR…').click!();
    byLabel('Export HAR…').click!();
    byLabel('Export HAR with secrets…').click!();
    expect(calls).toEqual(['open', 'export:false', 'export:true']);
  });
  it('offers reload and developer tools only in development', () => {
    const roles = (devTools: boolean) => flat(menuTemplate({ openHar: () => undefined, exportHar: () => undefined }, { platform: 'linux', devTools })).map((i) => i.role);
    expect(roles(false)).not.toContain('toggleDevTools');
    expect(roles(true)).toContain('toggleDevTools');
  });
  it('follows the platform: an app menu and Close on macOS, Quit elsewhere', () => {
    const mac = flat(menuTemplate({ openHar: () => undefined, exportHar: () => undefined }, { platform: 'darwin', devTools: false })).map((i) => i.role);
    expect(mac).toEqual(expect.arrayContaining(['appMenu', 'close']));
    const linux = flat(menuTemplate({ openHar: () => undefined, exportHar: () => undefined }, { platform: 'linux', devTools: false })).map((i) => i.role);
    expect(linux).toContain('quit');
    expect(linux).not.toContain('appMenu');
  });
});
