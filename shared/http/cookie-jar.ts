// The cookie store of a user agent that follows redirects: RFC 6265 storage and retrieval
// (Path, Domain and host-only cookies, Expires and Max-Age, Secure) by tough-cookie.
import { Cookie, CookieJar as ToughCookieJar } from 'tough-cookie';

export class CookieJar {
  // Loopback and localhost count as secure contexts, as in browsers, so a sandbox or
  // test server on http://127.0.0.1 keeps its Secure cookies.
  readonly #jar = new ToughCookieJar(undefined, { allowSecureOnLocal: true });

  /** Keeps the Set-Cookie header values of a response from url; those a browser would refuse are dropped. */
  store(url: string | URL, setCookies: Iterable<string>): void {
    for (const line of setCookies) {
      const cookie = Cookie.parse(line);
      if (!cookie) continue;
      fixMaxAge(cookie, Date.now());
      this.#jar.setCookieSync(cookie, url, { ignoreError: true });
    }
  }

  /** The Cookie header value a browser would send to url, or undefined when it would send none. */
  header(url: string | URL): string | undefined {
    return this.#jar.getCookieStringSync(url) || undefined;
  }
}

/**
 * RFC 6265 §5.2.2 counts Max-Age from when the cookie is received; tough-cookie counts it from
 * the last time the cookie was read, so a cookie in use would never expire. Turn it into the
 * absolute expiry it stands for.
 */
function fixMaxAge(cookie: Cookie, receivedAt: number): void {
  if (typeof cookie.maxAge !== 'number') return;
  cookie.expires = new Date(cookie.maxAge <= 0 ? 0 : receivedAt + cookie.maxAge * 1000);
  cookie.maxAge = null;
}
