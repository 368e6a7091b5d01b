// Light or dark: the system's (followed as it changes) or the one the user chose.
export type Theme = 'system' | 'light' | 'dark';

export function resolveTheme(theme: Theme, systemDark: boolean): 'light' | 'dark' {
  return theme === 'system' ? (systemDark ? 'dark' : 'light') : theme;
}

let unfollow: (() => void) | undefined;

/** Sets html[data-theme]; with 'system', follows the system's setting until another theme is chosen. */
export function applyTheme(theme: Theme): void {
  unfollow?.();
  unfollow = undefined;
  const query = window.matchMedia('(prefers-color-scheme: dark)');
  const set = () => (document.documentElement.dataset.theme = resolveTheme(theme, query.matches));
  set();
  if (theme === 'system') {
    query.addEventListener('change', set);
    unfollow = () => query.removeEventListener('change', set);
  }
}
