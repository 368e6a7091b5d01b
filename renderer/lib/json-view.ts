// Pretty-prints JSON as lines that each know their JSON pointer (RFC 6901), so a diagnostic's
// evidence can highlight exactly the field it is about. A value nested deeper than
// MAX_JSON_DEPTH is shown as its JSON text on one line, flagged.
import { MAX_JSON_DEPTH, stringifyJson, textNestsDeeper } from '../../shared/interpret/json-depth.js';
import { replaceSecretValues } from '../../shared/interpret/json-text-secrets.js';
import { MASK, isSecretJsonKey } from './mask.js';

export type TokenKind = 'key' | 'string' | 'number' | 'boolean' | 'null' | 'punct' | 'text';

export interface JsonToken {
  kind: TokenKind;
  text: string;
}

export interface JsonLine {
  depth: number;
  /** Pointer of the member or element this line belongs to ("" for the root). */
  pointer: string;
  tokens: JsonToken[];
  /** The value nests deeper than MAX_JSON_DEPTH and is shown as its text. */
  tooDeep?: true;
}

export function escapePointerSegment(segment: string): string {
  return segment.replace(/~/g, '~0').replace(/\//g, '~1');
}

/** A JSON document, unless it is not one or nests deeper than MAX_JSON_DEPTH (`tooDeep`): then show it as text. */
export function tryParseJson(text: string | undefined): { ok: true; value: unknown } | { ok: false; tooDeep?: true } {
  if (text === undefined) return { ok: false };
  const trimmed = text.trim();
  if (!trimmed || !'{["'.includes(trimmed[0] ?? '') ) return { ok: false };
  if (textNestsDeeper(trimmed)) return { ok: false, tooDeep: true };
  try {
    return { ok: true, value: JSON.parse(trimmed) };
  } catch {
    return { ok: false };
  }
}

export function jsonLines(value: unknown, opts: { mask: boolean; sweep?: (text: string) => string } = { mask: false }): JsonLine[] {
  const lines: JsonLine[] = [];

  const scalar = (v: unknown, key: string | undefined): JsonToken => {
    if (v === null) return { kind: 'null', text: 'null' };
    if (typeof v === 'string') {
      const shown = opts.mask && key !== undefined && isSecretJsonKey(key) && v.length > 0 ? MASK : opts.mask && opts.sweep ? opts.sweep(v) : v;
      return { kind: 'string', text: JSON.stringify(shown) };
    }
    if (typeof v === 'number') return { kind: 'number', text: String(v) };
    if (typeof v === 'boolean') return { kind: 'boolean', text: String(v) };
    return { kind: 'null', text: String(v) };
  };

  const deepText = (v: unknown, key: string | undefined): string => {
    const text = stringifyJson(v);
    if (!opts.mask) return text;
    if (key !== undefined && isSecretJsonKey(key)) return MASK;
    const masked = replaceSecretValues(text, () => MASK, MASK);
    return opts.sweep ? opts.sweep(masked) : masked;
  };

  const walk = (v: unknown, pointer: string, depth: number, key: string | undefined, label: JsonToken[], comma: boolean) => {
    const tail: JsonToken[] = comma ? [{ kind: 'punct', text: ',' }] : [];
    if (depth >= MAX_JSON_DEPTH && v !== null && typeof v === 'object') {
      const note: JsonToken = { kind: 'punct', text: `(nested deeper than ${MAX_JSON_DEPTH} levels, shown as text) ` };
      lines.push({ depth, pointer, tokens: [...label, note, { kind: 'text', text: deepText(v, key) }, ...tail], tooDeep: true });
      return;
    }
    if (Array.isArray(v) || (v !== null && typeof v === 'object')) {
      const entries: Array<[string, unknown]> = Array.isArray(v)
        ? v.map((item, i) => [String(i), item])
        : Object.entries(v as Record<string, unknown>);
      const [open, close] = Array.isArray(v) ? ['[', ']'] : ['{', '}'];
      if (entries.length === 0) {
        lines.push({ depth, pointer, tokens: [...label, { kind: 'punct', text: open + close }, ...tail] });
        return;
      }
      lines.push({ depth, pointer, tokens: [...label, { kind: 'punct', text: open }] });
      entries.forEach(([k, child], i) => {
        const childPointer = `${pointer}/${escapePointerSegment(k)}`;
        const childLabel: JsonToken[] = Array.isArray(v)
          ? []
          : [{ kind: 'key', text: JSON.stringify(k) }, { kind: 'punct', text: ': ' }];
        walk(child, childPointer, depth + 1, Array.isArray(v) ? key : k, childLabel, i < entries.length - 1);
      });
      lines.push({ depth, pointer, tokens: [{ kind: 'punct', text: close }, ...tail] });
      return;
    }
    lines.push({ depth, pointer, tokens: [...label, scalar(v, key), ...tail] });
  };

  walk(value, '', 0, undefined, [], false);
  return lines;
}

/** Whether a line belongs to the value at `pointer` (the field itself or anything inside it). */
export function lineMatches(line: JsonLine, pointer: string | undefined): boolean {
  if (pointer === undefined) return false;
  if (pointer === '') return false;
  return line.pointer === pointer || line.pointer.startsWith(`${pointer}/`);
}
