import type { Page } from '@playwright/test';
import { clickLoginLink, type Driver } from './steps.js';

export function webDriver(page: Page, shot: (name: string) => Promise<void>): Driver {
  return { page, shot, logIn: () => clickLoginLink(page) };
}
