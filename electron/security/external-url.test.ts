import { describe, expect, it } from 'vitest';
import { checkExternalUrl } from './external-url.js';

describe('checkExternalUrl', () => {
  it.each(['https://example.com/authorize?x=1', 'http://127.0.0.1:8080/cb', 'HTTPS://Example.com'])('allows %s', (url) => {
    const verdict = checkExternalUrl(url);
    expect(verdict.ok).toBe(true);
  });

  it('normalizes the URL it lets through', () => {
    expect(checkExternalUrl('HTTPS://Example.com')).toEqual({ ok: true, url: 'https://example.com/' });
  });

  it.each([
    'file:///etc/passwd',
    'javascript:alert(1)',
    'data:text/html,x',
    'smb://host/share',
    'ms-msdt:/id',
    'vscode://file/x',
    'app://authtrace/index.html',
    'mailto:someone@example.com',
    'https://user:pass@example.com/',
    '//example.com',
    'example.com',
    '',
  ])('refuses %s', (url) => {
    expect(checkExternalUrl(url).ok).toBe(false);
  });

  it('refuses non-strings and huge URLs', () => {
    expect(checkExternalUrl(42).ok).toBe(false);
    expect(checkExternalUrl(undefined).ok).toBe(false);
    expect(checkExternalUrl(`https://example.com/${'a'.repeat(9000)}`).ok).toBe(false);
  });
});
