// Text from a server, made safe for the markup it lands in. Every string a report quotes goes
// through one of these; nothing a server sent is ever written into markup as it is.

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Characters XML 1.0 cannot carry at all, escaped or not (controls, lone surrogates, U+FFFE/F). */
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

const codePoint = (c: string) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;

/** Text or an attribute value (quoted with ") in HTML. Controls are shown as \uXXXX, as in XML. */
export function html(text: string): string {
  return text.replace(NOT_XML, codePoint).replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]!);
}

/** Text or an attribute value in XML 1.0; what XML cannot carry is written as \uXXXX. */
export function xml(text: string): string {
  return text.replace(NOT_XML, codePoint).replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]!).replace(/\r/g, '&#13;');
}

/** The URL if it is an absolute http(s) URL with no credentials, serialised as URL reads it; else undefined. */
export function vettedHttpUrl(text: string): string | undefined {
  if (!URL.canParse(text)) return undefined;
  const url = new URL(text);
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return undefined;
  if (url.username || url.password) return undefined;
  return url.href;
}

/** "1 error", "2 errors". */
export function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}
