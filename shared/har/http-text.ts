// Small parsers for the text forms HTTP puts secrets and parameters in: query strings, form
// bodies, cookies. They work on raw strings so URLs are never normalised by the URL class.
import type { HarCookie, HarNameValue } from './types.js';

export function decodeFormComponent(text: string): string {
  const spaced = text.replace(/\+/g, ' ');
  try {
    return decodeURIComponent(spaced);
  } catch {
    return spaced;
  }
}

/** `a=1&b=2` to decoded pairs; a key without `=` gets an empty value. */
export function parseForm(text: string): HarNameValue[] {
  if (text === '') return [];
  return text
    .split('&')
    .filter((pair) => pair !== '')
    .map((pair) => {
      const eq = pair.indexOf('=');
      return eq < 0
        ? { name: decodeFormComponent(pair), value: '' }
        : { name: decodeFormComponent(pair.slice(0, eq)), value: decodeFormComponent(pair.slice(eq + 1)) };
    });
}

export function queryOf(url: string): string | undefined {
  const hashAt = url.indexOf('#');
  const beforeHash = hashAt < 0 ? url : url.slice(0, hashAt);
  const queryAt = beforeHash.indexOf('?');
  return queryAt < 0 ? undefined : beforeHash.slice(queryAt + 1);
}

export function parseQuery(url: string): HarNameValue[] {
  return parseForm(queryOf(url) ?? '');
}

/** The first value of a query or form parameter. */
export function paramValue(params: readonly HarNameValue[], name: string): string | undefined {
  return params.find((p) => p.name === name)?.value;
}

export function parseCookieHeader(value: string): HarCookie[] {
  return value
    .split(';')
    .map((pair) => pair.trim())
    .filter((pair) => pair !== '')
    .map((pair) => {
      const eq = pair.indexOf('=');
      return eq < 0 ? { name: pair, value: '' } : { name: pair.slice(0, eq), value: pair.slice(eq + 1) };
    });
}

export function parseSetCookie(value: string): HarCookie {
  const [first = '', ...attributes] = value.split(';');
  const eq = first.indexOf('=');
  const cookie: HarCookie = eq < 0 ? { name: first.trim(), value: '' } : { name: first.slice(0, eq).trim(), value: first.slice(eq + 1).trim() };
  for (const attribute of attributes) {
    const at = attribute.indexOf('=');
    const key = (at < 0 ? attribute : attribute.slice(0, at)).trim().toLowerCase();
    const attrValue = at < 0 ? '' : attribute.slice(at + 1).trim();
    if (key === 'path') cookie.path = attrValue;
    else if (key === 'domain') cookie.domain = attrValue;
    else if (key === 'expires') {
      const time = Date.parse(attrValue);
      if (!Number.isNaN(time)) cookie.expires = new Date(time).toISOString();
    } else if (key === 'httponly') cookie.httpOnly = true;
    else if (key === 'secure') cookie.secure = true;
  }
  return cookie;
}

export function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}

/** `application/json; charset=utf-8` → `application/json`. */
export function essence(contentType: string | undefined): string {
  return (contentType ?? '').split(';')[0]!.trim().toLowerCase();
}
