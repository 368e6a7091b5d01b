import { describe, expect, it } from 'vitest';
import { hashWithoutToken, socketUrl, tokenFromHash } from './socket-api.js';

describe('browser mode connection', () => {
  it('reads the token from the fragment and puts it on the socket URL', () => {
    expect(tokenFromHash('#token=a-b_c')).toBe('a-b_c');
    expect(tokenFromHash('')).toBeNull();
    expect(socketUrl({ protocol: 'http:', host: '127.0.0.1:4000' }, 'a b')).toBe('ws://127.0.0.1:4000/api?token=a%20b');
  });

  it('drops only the token from the fragment', () => {
    expect(hashWithoutToken('#token=abc')).toBe('');
    expect(hashWithoutToken('#token=abc&target=https%3A%2F%2Fmcp.example.com%2Fmcp')).toBe('#target=https%3A%2F%2Fmcp.example.com%2Fmcp');
    expect(hashWithoutToken('#issuer=x')).toBe('#issuer=x');
    expect(hashWithoutToken('')).toBe('');
  });
});
