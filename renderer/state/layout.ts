import type { Theme } from './theme.js';

// The window's arrangement as the user leaves it: pane sizes and what is folded away, kept across
// reloads. Sizes are clamped when read, so a stored value from a larger screen never hides a pane.

export interface Layout {
  /** Width of the steps list, px. */
  stepsWidth: number;
  /** Width of the request details pane, px. */
  detailWidth: number;
  /** Height of the bottom panel (diagnostics, clients...), px. */
  bottomHeight: number;
  bottomCollapsed: boolean;
  /** The auth method card shows one line. */
  cardCollapsed: boolean;
  /** The second toolbar row (client, registration, strategy...) is folded behind Options. */
  optionsCollapsed: boolean;
  theme: Theme;
}

export const LIMITS = {
  stepsWidth: { min: 160, max: 480 },
  detailWidth: { min: 300, max: 1100 },
  bottomHeight: { min: 90, max: 900 },
} as const;

const KEY = 'authtrace.layout';

/** What a first visit gets: roomy on a large screen, with the card and the options folded on a small one. */
export function defaultLayout(viewport: { width: number; height: number }): Layout {
  const small = viewport.height < 760 || viewport.width < 1100;
  return {
    stepsWidth: 250,
    detailWidth: Math.round(Math.max(LIMITS.detailWidth.min, viewport.width * 0.36)),
    bottomHeight: Math.round(Math.max(LIMITS.bottomHeight.min, viewport.height * 0.2)),
    // On a short window the panel starts folded: a click on its tab brings it back.
    bottomCollapsed: viewport.height < 650,
    cardCollapsed: small,
    optionsCollapsed: small,
    theme: 'system',
  };
}

const clamp = (value: number, { min, max }: { min: number; max: number }) => Math.min(max, Math.max(min, Math.round(value)));

/** A stored layout made safe: unknown fields dropped, wrong types replaced by the defaults, sizes clamped. */
export function readLayout(stored: unknown, viewport: { width: number; height: number }): Layout {
  const base = defaultLayout(viewport);
  const raw = typeof stored === 'object' && stored !== null ? (stored as Record<string, unknown>) : {};
  const num = (key: keyof typeof LIMITS) => (typeof raw[key] === 'number' && Number.isFinite(raw[key]) ? clamp(raw[key] as number, LIMITS[key]) : base[key]);
  const bool = (key: 'bottomCollapsed' | 'cardCollapsed' | 'optionsCollapsed') => (typeof raw[key] === 'boolean' ? (raw[key] as boolean) : base[key]);
  return {
    stepsWidth: num('stepsWidth'),
    detailWidth: num('detailWidth'),
    bottomHeight: Math.min(num('bottomHeight'), Math.round(viewport.height * 0.6)),
    bottomCollapsed: bool('bottomCollapsed'),
    cardCollapsed: bool('cardCollapsed'),
    optionsCollapsed: bool('optionsCollapsed'),
    theme: raw.theme === 'light' || raw.theme === 'dark' || raw.theme === 'system' ? raw.theme : base.theme,
  };
}

export function resized<K extends keyof typeof LIMITS>(layout: Layout, key: K, value: number): Layout {
  return { ...layout, [key]: clamp(value, LIMITS[key]) };
}

export function loadLayout(): Layout {
  const viewport = { width: window.innerWidth, height: window.innerHeight };
  try {
    return readLayout(JSON.parse(localStorage.getItem(KEY) ?? 'null'), viewport);
  } catch {
    return defaultLayout(viewport);
  }
}

export function saveLayout(layout: Layout): void {
  try {
    localStorage.setItem(KEY, JSON.stringify(layout));
  } catch {
    // Storage full or refused (a private window): the layout lasts until the page closes.
  }
}
