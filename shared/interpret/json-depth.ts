// How deep a server's JSON may nest before Authtrace stops walking it. Every reader of a JSON
// document a server sent (diagnostics, HAR redaction and import, the stores, the JSON view)
// checks this limit first, so none of them can overflow the stack; a deeper document is kept
// as its text, flagged as too deep.

/** Nesting of arrays and objects beyond which a document is kept as text. */
export const MAX_JSON_DEPTH = 256;

/** A JSON value nested deeper than MAX_JSON_DEPTH, kept as its JSON text. */
export interface TooDeepJson {
  tooDeep: true;
  text: string;
}

export function isTooDeep(value: unknown): value is TooDeepJson {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as { tooDeep?: unknown }).tooDeep === true &&
    typeof (value as { text?: unknown }).text === 'string'
  );
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_ARRAY = 0x5b;
const OPEN_OBJECT = 0x7b;
const CLOSE_ARRAY = 0x5d;
const CLOSE_OBJECT = 0x7d;

/**
 * Whether JSON text nests arrays and objects deeper than `limit`, without parsing it (parsing a
 * few megabytes of `[[[[` takes seconds). Brackets inside strings do not count.
 */
export function textNestsDeeper(text: string, limit: number = MAX_JSON_DEPTH): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === BACKSLASH) i++;
      else if (c === QUOTE) inString = false;
    } else if (c === QUOTE) inString = true;
    else if (c === OPEN_ARRAY || c === OPEN_OBJECT) {
      if (++depth > limit) return true;
    } else if (c === CLOSE_ARRAY || c === CLOSE_OBJECT) depth--;
  }
  return false;
}

const isContainer = (value: unknown): value is object => typeof value === 'object' && value !== null;

/** Whether a parsed value nests arrays and objects deeper than `limit`; iterative. */
export function valueNestsDeeper(value: unknown, limit: number = MAX_JSON_DEPTH): boolean {
  if (!isContainer(value)) return false;
  const stack: [object, number][] = [[value, 1]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    if (depth > limit) return true;
    const children = Array.isArray(node) ? node : Object.values(node);
    for (const child of children) if (isContainer(child)) stack.push([child, depth + 1]);
  }
  return false;
}

/** The value itself, or its text flagged as too deep. */
export function boundJson(value: unknown, limit: number = MAX_JSON_DEPTH): unknown {
  return valueNestsDeeper(value, limit) ? { tooDeep: true, text: stringifyJson(value) } satisfies TooDeepJson : value;
}

type Frame =
  | { items: readonly unknown[]; at: number }
  | { record: Record<string, unknown>; keys: string[]; at: number; wrote: boolean };

/** What JSON.stringify writes for a value that is not an array or object; undefined for nothing. */
function scalarText(value: unknown): string | undefined {
  if (typeof value === 'bigint') return 'null';
  return JSON.stringify(value) as string | undefined;
}

/**
 * JSON.stringify without indentation, for values of any depth: the same text for JSON values,
 * without recursion. Top-level undefined gives "null".
 */
export function stringifyJson(value: unknown): string {
  const parts: string[] = [];
  const stack: Frame[] = [];
  const write = (raw: unknown): boolean => {
    const v: unknown = isContainer(raw) && typeof (raw as { toJSON?: unknown }).toJSON === 'function' ? (raw as { toJSON(): unknown }).toJSON() : raw;
    if (Array.isArray(v)) {
      parts.push('[');
      stack.push({ items: v, at: 0 });
      return true;
    }
    if (isContainer(v)) {
      parts.push('{');
      stack.push({ record: v as Record<string, unknown>, keys: Object.keys(v), at: 0, wrote: false });
      return true;
    }
    const text = scalarText(v);
    if (text === undefined) return false;
    parts.push(text);
    return true;
  };

  if (!write(value)) return 'null';
  while (stack.length > 0) {
    const top = stack[stack.length - 1]!;
    if ('items' in top) {
      if (top.at >= top.items.length) {
        parts.push(']');
        stack.pop();
        continue;
      }
      if (top.at > 0) parts.push(',');
      if (!write(top.items[top.at++])) parts.push('null');
      continue;
    }
    if (top.at >= top.keys.length) {
      parts.push('}');
      stack.pop();
      continue;
    }
    const key = top.keys[top.at++]!;
    const mark = parts.length;
    parts.push(`${top.wrote ? ',' : ''}${JSON.stringify(key)}:`);
    if (write(top.record[key])) top.wrote = true;
    else parts.length = mark;
  }
  return parts.join('');
}
