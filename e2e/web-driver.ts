import type { Page } from '@playwright/test';
import { clickLoginLink, type Driver } from './steps.js';

export function webDriver(page: Page, shot: (name: string) => Promise<void>): Driver {
  let shown = false;
  return {
    page,
    shot,
    logIn: async () => {
      if (!shown) {
        shown = true;
        await shot('waiting-for-login');
      }
      await clickLoginLink(page);
    },
  };
}
