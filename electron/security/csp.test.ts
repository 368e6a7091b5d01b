import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy } from './csp.js';

function directives(csp: string): Map<string, string[]> {
  return new Map(
    csp.split(';').map((part) => {
      const [name = '', ...sources] = part.trim().split(/\s+/);
      return [name, sources];
    }),
  );
}

describe('contentSecurityPolicy', () => {
  it('is exactly the strict desktop policy', () => {
    expect(contentSecurityPolicy()).toBe(
      "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; " +
        "connect-src 'none'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-src 'none'; " +
        "frame-ancestors 'none'; worker-src 'none'",
    );
  });

  it('never allows inline or eval code', () => {
    const csp = contentSecurityPolicy({ connect: ['ws://127.0.0.1:1234'] });
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).not.toContain('unsafe-eval');
    expect(csp).not.toMatch(/\*/);
  });

  it('adds browser mode WebSocket to connect-src only', () => {
    const d = directives(contentSecurityPolicy({ connect: ['ws://127.0.0.1:1234'] }));
    expect(d.get('connect-src')).toEqual(["'self'", 'ws://127.0.0.1:1234']);
    expect(d.get('script-src')).toEqual(["'self'"]);
    expect(d.get('default-src')).toEqual(["'none'"]);
  });
});
