import { afterEach, describe, expect, it, vi } from 'vitest';
import { CookieJar } from './cookie-jar.js';

function jarWith(url: string, ...setCookies: string[]): CookieJar {
  const jar = new CookieJar();
  jar.store(url, setCookies);
  return jar;
}

describe('CookieJar', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('sends nothing when it holds nothing for the URL', () => {
    expect(new CookieJar().header('https://as.example/authorize')).toBeUndefined();
  });

  it('sends every cookie of the host as one Cookie header; a new value replaces the old in its place', () => {
    const jar = jarWith('https://as.example/login', 'a=1', 'b=2');
    jar.store('https://as.example/login', ['a=3']);
    expect(jar.header('https://as.example/consent')).toBe('a=3; b=2');
  });

  describe('Path', () => {
    it('sends a cookie only under its path', () => {
      const jar = jarWith('https://as.example/login', 'sid=1; Path=/oauth');
      expect(jar.header('https://as.example/oauth/authorize')).toBe('sid=1');
      expect(jar.header('https://as.example/oauth')).toBe('sid=1');
      expect(jar.header('https://as.example/oauthx')).toBeUndefined();
      expect(jar.header('https://as.example/')).toBeUndefined();
    });

    it('defaults the path to the directory of the URL that set it', () => {
      const jar = jarWith('https://as.example/interaction/abc', 'step=1');
      expect(jar.header('https://as.example/interaction/xyz')).toBe('step=1');
      expect(jar.header('https://as.example/authorize')).toBeUndefined();
    });

    it('sends the longer path first', () => {
      const jar = jarWith('https://as.example/', 'x=root; Path=/', 'x=deep; Path=/a/b');
      expect(jar.header('https://as.example/a/b/c')).toBe('x=deep; x=root');
    });
  });

  describe('Domain and host-only', () => {
    it('keeps a cookie without Domain for the exact host only', () => {
      const jar = jarWith('https://login.as.example/', 'sid=1; Path=/');
      expect(jar.header('https://login.as.example/x')).toBe('sid=1');
      expect(jar.header('https://as.example/x')).toBeUndefined();
      expect(jar.header('https://sub.login.as.example/x')).toBeUndefined();
    });

    it('sends a Domain cookie to the domain and its subdomains', () => {
      const jar = jarWith('https://login.as.example/', 'sso=1; Domain=as.example; Path=/');
      expect(jar.header('https://as.example/')).toBe('sso=1');
      expect(jar.header('https://api.as.example/')).toBe('sso=1');
      expect(jar.header('https://other.example/')).toBeUndefined();
    });

    it('refuses a Domain that does not cover the host that set it, and one that is a public suffix', () => {
      const jar = jarWith('https://login.as.example/', 'evil=1; Domain=other.example; Path=/', 'wide=1; Domain=com; Path=/');
      expect(jar.header('https://other.example/')).toBeUndefined();
      expect(jar.header('https://login.as.example/')).toBeUndefined();
    });

    it('keeps cookies of one host apart from another', () => {
      const jar = jarWith('https://a.example/', 'a=1; Path=/');
      jar.store('https://b.example/', ['b=2; Path=/']);
      expect(jar.header('https://a.example/')).toBe('a=1');
      expect(jar.header('https://b.example/')).toBe('b=2');
    });
  });

  describe('expiry', () => {
    it('drops a cookie after its Max-Age', () => {
      vi.useFakeTimers({ now: Date.parse('2026-01-01T00:00:00Z') });
      const jar = jarWith('https://as.example/', 'sid=1; Path=/; Max-Age=60');
      vi.setSystemTime(Date.parse('2026-01-01T00:00:59Z'));
      expect(jar.header('https://as.example/')).toBe('sid=1');
      vi.setSystemTime(Date.parse('2026-01-01T00:01:01Z'));
      expect(jar.header('https://as.example/')).toBeUndefined();
    });

    it('drops a cookie after its Expires date', () => {
      vi.useFakeTimers({ now: Date.parse('2026-01-01T00:00:00Z') });
      const jar = jarWith('https://as.example/', 'sid=1; Path=/; Expires=Thu, 01 Jan 2026 01:00:00 GMT');
      expect(jar.header('https://as.example/')).toBe('sid=1');
      vi.setSystemTime(Date.parse('2026-01-01T01:00:01Z'));
      expect(jar.header('https://as.example/')).toBeUndefined();
    });

    it('lets Max-Age win over Expires', () => {
      vi.useFakeTimers({ now: Date.parse('2026-01-01T00:00:00Z') });
      const jar = jarWith('https://as.example/', 'sid=1; Path=/; Max-Age=3600; Expires=Thu, 01 Jan 1970 00:00:00 GMT');
      expect(jar.header('https://as.example/')).toBe('sid=1');
    });

    it('deletes a stored cookie that the server expires', () => {
      const jar = jarWith('https://as.example/', 'sid=1; Path=/', 'keep=1; Path=/');
      jar.store('https://as.example/logout', ['sid=; Path=/; Max-Age=0']);
      expect(jar.header('https://as.example/')).toBe('keep=1');
      jar.store('https://as.example/logout', ['keep=; Path=/; Expires=Thu, 01 Jan 1970 00:00:00 GMT']);
      expect(jar.header('https://as.example/')).toBeUndefined();
    });
  });

  describe('Secure', () => {
    it('sends a Secure cookie over https only', () => {
      const jar = jarWith('https://as.example/', 'sid=1; Path=/; Secure');
      expect(jar.header('https://as.example/')).toBe('sid=1');
      expect(jar.header('http://as.example/')).toBeUndefined();
    });

    it('refuses a Secure cookie set over plain http', () => {
      const jar = jarWith('http://as.example/', 'sid=1; Path=/; Secure');
      expect(jar.header('https://as.example/')).toBeUndefined();
    });

    it('treats loopback as a secure context, as browsers do', () => {
      const jar = jarWith('http://127.0.0.1:4000/', 'sid=1; Path=/; Secure');
      expect(jar.header('http://127.0.0.1:4000/interaction')).toBe('sid=1');
    });
  });

  it('ignores a malformed Set-Cookie and keeps the rest', () => {
    const jar = jarWith('https://as.example/', '=novalue', 'ok=1; Path=/');
    expect(jar.header('https://as.example/')).toBe('ok=1');
  });
});
