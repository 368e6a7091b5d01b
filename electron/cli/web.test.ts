import { describe, expect, it } from 'vitest';
import { cli } from '../test-support/cli.js';
import { targetFragment } from './web.js';

describe('authtrace web <url>', () => {
  it('puts the server in the URL fragment the UI starts from', () => {
    expect(targetFragment([], undefined)).toBe('');
    expect(targetFragment(['https://mcp.example.com/mcp'], undefined)).toBe('&target=https%3A%2F%2Fmcp.example.com%2Fmcp');
    expect(targetFragment([], 'https://as.example.com')).toBe('&issuer=https%3A%2F%2Fas.example.com');
  });
  it('refuses what is not one http(s) URL', () => {
    expect(() => targetFragment(['ftp://x'], undefined)).toThrow(/not an http\(s\) URL/);
    expect(() => targetFragment(['https://a', 'https://b'], undefined)).toThrow(/at most one/);
    expect(() => targetFragment(['https://a'], 'https://b')).toThrow(/not both/);
  });
  it('is a usage error on the command line', async () => {
    const r = await cli('web', 'not-a-url');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/not an http\(s\) URL: not-a-url/);
  });

  it('refuses an unreadable --ca-file before it serves anything, naming the file', async () => {
    const r = await cli('web', '--ca-file', '/nonexistent/ca.pem');
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^authtrace web: .*\/nonexistent\/ca\.pem/);
  });
});
