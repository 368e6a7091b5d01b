import { CookieJar } from '../../shared/http/cookie-jar.js';

/**
 * Plays the user's browser for the sandbox, which approves without a login page: follows the
 * redirects from the authorization URL, with a browser's cookies, through the loopback callback.
 */
export async function approveInBrowser(url: string): Promise<void> {
  const jar = new CookieJar();
  let next = url;
  for (let hop = 0; hop < 20; hop++) {
    const cookie = jar.header(next);
    const response = await fetch(next, { redirect: 'manual', headers: cookie ? { cookie } : {} });
    jar.store(next, response.headers.getSetCookie());
    const location = response.headers.get('location');
    if (!location) return;
    next = new URL(location, next).href;
  }
}
