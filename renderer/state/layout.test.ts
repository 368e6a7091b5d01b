import { describe, expect, it } from 'vitest';
import { defaultLayout, readLayout, resized } from './layout.js';

const LARGE = { width: 1440, height: 900 };
const SMALL = { width: 800, height: 600 };

describe('layout', () => {
  it('folds the card and the options by default on a small window, not on a large one', () => {
    expect(defaultLayout(LARGE)).toMatchObject({ cardCollapsed: false, optionsCollapsed: false });
    expect(defaultLayout(SMALL)).toMatchObject({ cardCollapsed: true, optionsCollapsed: true, bottomCollapsed: true });
    expect(defaultLayout({ width: 1024, height: 700 })).toMatchObject({ cardCollapsed: true, bottomCollapsed: false });
  });

  it('reads back what was stored, clamped to what fits, and drops what is not a layout', () => {
    expect(readLayout({ stepsWidth: 300, bottomCollapsed: true }, LARGE)).toMatchObject({ stepsWidth: 300, bottomCollapsed: true });
    expect(readLayout({ stepsWidth: 5, detailWidth: 99_999 }, LARGE)).toMatchObject({ stepsWidth: 160, detailWidth: 1100 });
    // A bottom panel from a tall screen never takes more than 60% of a short one.
    expect(readLayout({ bottomHeight: 800 }, SMALL).bottomHeight).toBe(360);
    expect(readLayout('garbage', LARGE)).toEqual(defaultLayout(LARGE));
    expect(readLayout({ stepsWidth: 'wide', cardCollapsed: 'yes', extra: 1 }, LARGE)).toEqual(defaultLayout(LARGE));
  });

  it('resizes within the limits', () => {
    const layout = defaultLayout(LARGE);
    expect(resized(layout, 'bottomHeight', 10).bottomHeight).toBe(90);
    expect(resized(layout, 'stepsWidth', 333.6).stepsWidth).toBe(334);
  });
});
