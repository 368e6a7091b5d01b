import { describe, expect, it } from 'vitest';
import { decideNavigation, decidePermission, decideWindowOpen } from './navigation.js';

describe('navigation policy', () => {
  it('stays on the app origin', () => {
    expect(decideNavigation('app://authtrace/index.html')).toEqual({ action: 'allow' });
  });

  it('sends web links to the system browser instead of navigating', () => {
    expect(decideNavigation('https://example.com/')).toEqual({ action: 'open-external', url: 'https://example.com/' });
    expect(decideWindowOpen('https://example.com/x')).toEqual({ action: 'open-external', url: 'https://example.com/x' });
  });

  it('drops everything else', () => {
    expect(decideNavigation('app://authtrace.evil/')).toEqual({ action: 'deny' });
    expect(decideNavigation('file:///etc/passwd')).toEqual({ action: 'deny' });
    expect(decideWindowOpen('app://authtrace/index.html')).toEqual({ action: 'deny' });
    expect(decideWindowOpen('javascript:alert(1)')).toEqual({ action: 'deny' });
  });

  it('denies every permission', () => {
    for (const p of ['media', 'notifications', 'clipboard-read', 'geolocation', 'openExternal']) {
      expect(decidePermission(p)).toBe(false);
    }
  });
});
