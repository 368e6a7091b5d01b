import { describe, expect, it } from 'vitest';
import { noProxyMatcher } from './no-proxy.js';

describe('NO_PROXY', () => {
  it.each([
    ['example.com', 'example.com', 443, true],
    ['example.com', 'api.example.com', 443, true],
    ['example.com', 'notexample.com', 443, false],
    ['.example.com', 'example.com', 443, true],
    ['.example.com', 'a.b.example.com', 443, true],
    ['*.example.com', 'a.example.com', 443, true],
    ['EXAMPLE.com.', 'example.COM', 443, true],
    ['example.com', 'example.com.', 443, true],
    ['example.com:8443', 'example.com', 8443, true],
    ['example.com:8443', 'example.com', 443, false],
    ['*', 'anything.test', 80, true],
    ['a.test, *', 'anything.test', 80, true],
    ['a.test  b.test', 'b.test', 80, true],
    ['127.0.0.1', '127.0.0.1', 80, true],
    ['127.0.0.1', '127.0.0.2', 80, false],
    ['127.0.0.1:3000', '127.0.0.1', 3000, true],
    ['127.0.0.1:3000', '127.0.0.1', 3001, false],
    ['10.0.0.0/8', '10.20.30.40', 80, true],
    ['10.0.0.0/8', '11.0.0.1', 80, false],
    ['::1', '[::1]', 80, true],
    ['[::1]:8080', '[::1]', 8080, true],
    ['[::1]:8080', '[::1]', 80, false],
    ['fd00::/8', '[fd12::1]', 80, true],
    ['localhost', '127.0.0.1', 80, false],
    ['127.0.0.1', 'localhost', 80, false],
    ['', 'example.com', 80, false],
    ['10.0.0.0/99, ,', '10.0.0.1', 80, false],
  ])('%j for %s:%d: %s', (list, host, port, expected) => {
    expect(noProxyMatcher(list)(host, port)).toBe(expected);
  });

  it('an absent list matches nothing', () => {
    expect(noProxyMatcher(undefined)('127.0.0.1', 80)).toBe(false);
  });
});
