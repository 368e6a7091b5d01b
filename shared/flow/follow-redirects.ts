// Follows an authorization request's redirect chain as a browser would, with its cookies, for as long
// as the caller allows each next hop; says where the chain stopped.
import { CookieJar } from '../http/cookie-jar.js';
import { headerValue, headerValues, type HttpRequest, type HttpResponse } from '../model.js';
import { requireUrl } from './urls.js';

export const MAX_HOPS = 20;

export type FollowOutcome =
  /** A redirect the caller chose not to follow (the redirect URI, or another site): its target, unfetched. */
  | { kind: 'stopped'; location: URL; response: HttpResponse }
  /** An answer that is not a redirect: a login or consent page, or an error. */
  | { kind: 'page'; url: string; response: HttpResponse }
  | { kind: 'too-many-redirects' };

/**
 * `send` makes one request (hop 0 is the authorization request) and throws on a network error;
 * `follow` says whether a redirect to that URL is followed.
 */
export async function followRedirects(first: HttpRequest, send: (request: HttpRequest, hop: number) => Promise<HttpResponse>, follow: (next: URL) => boolean): Promise<FollowOutcome> {
  const jar = new CookieJar();
  let request = first;
  for (let hop = 0; hop < MAX_HOPS; hop++) {
    const target = new URL(request.url);
    const response = await send(request, hop);
    jar.store(target, headerValues(response.headers, 'set-cookie'));
    const location = headerValue(response.headers, 'location');
    if (response.status < 300 || response.status >= 400 || !location) return { kind: 'page', url: request.url, response };
    const next = requireUrl(location, 'The Location header', `the ${response.status} response from ${request.url}`, target.href);
    if (!follow(next)) return { kind: 'stopped', location: next, response };
    const headers = [{ name: 'Accept', value: 'text/html,application/xhtml+xml' }];
    const cookie = jar.header(next);
    if (cookie) headers.push({ name: 'Cookie', value: cookie });
    request = { method: 'GET', url: next.href, headers };
  }
  return { kind: 'too-many-redirects' };
}
