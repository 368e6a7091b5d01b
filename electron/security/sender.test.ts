import { describe, expect, it } from 'vitest';
import { checkSender } from './sender.js';

describe('checkSender', () => {
  it('accepts the top frame of the app origin', () => {
    expect(checkSender({ url: 'app://authtrace/index.html', isTopFrame: true })).toEqual({ ok: true });
    expect(checkSender({ url: 'app://authtrace/', isTopFrame: true })).toEqual({ ok: true });
  });

  it('refuses a subframe even on the app origin', () => {
    expect(checkSender({ url: 'app://authtrace/index.html', isTopFrame: false }).ok).toBe(false);
  });

  it('refuses a missing frame', () => {
    expect(checkSender(null).ok).toBe(false);
    expect(checkSender(undefined).ok).toBe(false);
  });

  it.each([
    'app://authtrace.evil/index.html',
    'app://authtrace.evil.com/',
    'app://evil/authtrace/index.html',
    'app://authtrace@evil/index.html',
    'app://user:pw@authtrace/index.html',
    'app://authtrace:8080/index.html',
    'app://authtracex/',
    'https://authtrace/index.html',
    'http://127.0.0.1:5173/',
    'file:///app/index.html',
    'about:blank',
    'data:text/html,<p>hi</p>',
    'not a url',
    '',
  ])('refuses the untrusted frame %s', (url) => {
    expect(checkSender({ url, isTopFrame: true }).ok).toBe(false);
  });
});
