// Secrets in JSON text that is not parsed (cut at the capture limit, or nested too deep to
// walk), found by one scan of its tokens: the string value of a secret key, and every string
// value inside an array or object under a secret key, as a walk of the parsed document finds them.
import { isSecretJsonKey } from './secrets.js';

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COLON = 0x3a;
const OPENERS = new Set([0x5b, 0x7b]);
const CLOSERS = new Set([0x5d, 0x7d]);
const SPACE = /\s/;

function decoded(raw: string): string {
  try {
    return JSON.parse(`"${raw}"`) as string;
  } catch {
    return raw;
  }
}

/** Index of the quote that closes the string opening at `start`, or -1 when the text ends first. */
function stringEnd(text: string, start: number): number {
  for (let i = start + 1; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === BACKSLASH) i++;
    else if (c === QUOTE) return i;
  }
  return -1;
}

function nextNonSpace(text: string, from: number): number {
  let i = from;
  while (i < text.length && SPACE.test(text[i]!)) i++;
  return i;
}

/**
 * Replaces each secret string value by `replace(value, key, nested)` (JSON-encoded, the rest of
 * the text as it is; `nested` inside an array or object under the key), and a secret value cut
 * by the end of the text by `"` + `cut`. Linear in the text.
 */
export function replaceSecretValues(text: string, replace: (secret: string, key: string, nested: boolean) => string, cut: string): string {
  let out = '';
  let from = 0;
  /** The secret key whose value comes next. */
  let pending: string | undefined;
  /** Inside an array or object under a secret key: its key, and how deep inside. */
  let region: string | undefined;
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) {
      const end = stringEnd(text, i);
      const secretKey = region ?? pending;
      if (end < 0) return secretKey === undefined ? text : `${out}${text.slice(from, i)}"${cut}`;
      const afterKey = nextNonSpace(text, end + 1);
      if (text.charCodeAt(afterKey) === COLON) {
        if (region === undefined) {
          const key = decoded(text.slice(i + 1, end));
          pending = isSecretJsonKey(key) ? key : undefined;
        }
        i = afterKey;
        continue;
      }
      if (secretKey !== undefined) {
        out += `${text.slice(from, i)}${JSON.stringify(replace(decoded(text.slice(i + 1, end)), secretKey, region !== undefined))}`;
        from = end + 1;
      }
      pending = undefined;
      i = end;
    } else if (OPENERS.has(c)) {
      if (region !== undefined) depth++;
      else if (pending !== undefined) {
        region = pending;
        depth = 1;
      }
      pending = undefined;
    } else if (CLOSERS.has(c)) {
      if (region !== undefined && --depth === 0) region = undefined;
    } else if (!SPACE.test(text[i]!)) pending = undefined;
  }
  return from === 0 ? text : out + text.slice(from);
}
