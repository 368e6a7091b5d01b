import { describe, expect, it } from 'vitest';
import { readLayout } from './layout.js';
import { resolveTheme } from './theme.js';

describe('theme', () => {
  it('follows the system unless one is chosen', () => {
    expect(resolveTheme('system', true)).toBe('dark');
    expect(resolveTheme('system', false)).toBe('light');
    expect(resolveTheme('light', true)).toBe('light');
    expect(resolveTheme('dark', false)).toBe('dark');
  });

  it('is kept with the layout, and anything else stored reads as the system theme', () => {
    const viewport = { width: 1440, height: 900 };
    expect(readLayout({ theme: 'dark' }, viewport).theme).toBe('dark');
    expect(readLayout({ theme: 'sepia' }, viewport).theme).toBe('system');
  });
});
