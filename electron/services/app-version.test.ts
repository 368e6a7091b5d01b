import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { appVersion } from './app-version.js';

describe('appVersion', () => {
  it("is the package's version, not a placeholder", () => {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
    expect(appVersion()).toBe(pkg.version);
    expect(appVersion()).not.toBe('dev');
  });
});
