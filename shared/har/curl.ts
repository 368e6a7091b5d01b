// "Copy as curl": a request as a bash command, one flag per line. It copies what was sent,
// secrets included; callers redact first (createRedactor().request) when they want otherwise.
import type { HttpRequest } from '../model.js';

/** Quotes a word for bash: '…' normally, $'…' when it holds control characters. */
export function bashQuote(word: string): string {
  if (!/[\u0000-\u001f\u007f]/.test(word)) return `'${word.replace(/'/g, `'\\''`)}'`;
  const escaped = word.replace(/[\\'\u0000-\u001f\u007f]/g, (c) => {
    switch (c) {
      case '\\':
        return '\\\\';
      case "'":
        return "\\'";
      case '\n':
        return '\\n';
      case '\r':
        return '\\r';
      case '\t':
        return '\\t';
      default:
        return `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`;
    }
  });
  return `$'${escaped}'`;
}

/** Headers curl sets itself from the command, or that HTTP/2 carries as pseudo-headers. */
const SKIPPED_HEADERS = new Set(['content-length']);

export function toCurl(request: HttpRequest): string {
  const method = request.method.toUpperCase();
  const flags: string[] = [];
  if (method === 'HEAD') flags.push('--head');
  else if (method !== 'GET' || request.body !== undefined) flags.push(`--request ${bashQuote(request.method)}`);
  // curl reads [] and {} in a URL as glob patterns.
  if (/[[\]{}]/.test(request.url)) flags.push('--globoff');
  flags.push(`--url ${bashQuote(request.url)}`);
  for (const header of request.headers) {
    const lower = header.name.toLowerCase();
    if (header.name.startsWith(':') || SKIPPED_HEADERS.has(lower)) continue;
    // "Name;" is curl's way to send a header with an empty value.
    flags.push(`--header ${bashQuote(header.value === '' ? `${header.name};` : `${header.name}: ${header.value}`)}`);
    if (lower === 'accept-encoding') flags.push('--compressed');
  }
  if (request.body !== undefined) flags.push(`--data-raw ${bashQuote(request.body)}`);
  return ['curl', ...flags].join(' \\\n  ');
}
