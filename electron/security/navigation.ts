// The window never leaves the app: navigations to other URLs are refused; web links go to the
// system browser instead (through checkExternalUrl), everything else is dropped.
import { checkExternalUrl } from './external-url.js';
import { isAppUrl } from './origin.js';

export type NavigationDecision = { action: 'allow' } | { action: 'deny' } | { action: 'open-external'; url: string };

export function decideNavigation(url: string): NavigationDecision {
  if (isAppUrl(url)) return { action: 'allow' };
  const external = checkExternalUrl(url);
  return external.ok ? { action: 'open-external', url: external.url } : { action: 'deny' };
}

/** window.open and target=_blank: never a new Electron window. */
export function decideWindowOpen(url: string): NavigationDecision {
  const external = checkExternalUrl(url);
  return external.ok ? { action: 'open-external', url: external.url } : { action: 'deny' };
}

/** Camera, notifications, clipboard-read…: the UI needs none of them. */
export function decidePermission(_permission: string): boolean {
  return false;
}
