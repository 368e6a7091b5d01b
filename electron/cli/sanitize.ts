// The one sanitiser for text a person reads on a terminal. Servers are hostile: a status reason,
// a client_id or an error_description may carry escape sequences that clear the screen, set the
// window title or fake a line of our own. Every character a terminal would act on instead of
// showing, and every bidi override that would reorder what it shows, is written as a visible
// ⟨NAME⟩ (⟨ESC⟩, ⟨CR⟩, ⟨LF⟩) or ⟨U+XXXX⟩ (C1 controls, bidi controls, line separators).

const C0_NAMES = [
  'NUL', 'SOH', 'STX', 'ETX', 'EOT', 'ENQ', 'ACK', 'BEL', 'BS', 'HT', 'LF', 'VT', 'FF', 'CR', 'SO', 'SI',
  'DLE', 'DC1', 'DC2', 'DC3', 'DC4', 'NAK', 'SYN', 'ETB', 'CAN', 'EM', 'SUB', 'ESC', 'FS', 'GS', 'RS', 'US',
];

const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

function visible(char: string): string {
  const code = char.charCodeAt(0);
  if (code < C0_NAMES.length) return `⟨${C0_NAMES[code]}⟩`;
  if (code === 0x7f) return '⟨DEL⟩';
  return `⟨U+${code.toString(16).toUpperCase().padStart(4, '0')}⟩`;
}

/** One line of text for a terminal: nothing in it is acted on, newlines included. */
export function sanitize(text: string): string {
  return text.replace(UNSAFE, visible);
}

/** A template whose interpolated values are sanitised; its literal text is ours and stays as written. */
export function safe(strings: TemplateStringsArray, ...values: readonly (string | number)[]): string {
  let out = strings[0] ?? '';
  values.forEach((value, i) => {
    out += sanitize(String(value)) + (strings[i + 1] ?? '');
  });
  return out;
}

/** Every string of a JSON-like tree sanitised, keys included, for JSON printed for a person to read. */
export function sanitizeTree(node: unknown): unknown {
  if (typeof node === 'string') return sanitize(node);
  if (Array.isArray(node)) return node.map(sanitizeTree);
  if (node === null || typeof node !== 'object') return node;
  return Object.fromEntries(Object.entries(node).map(([key, child]) => [sanitize(key), sanitizeTree(child)]));
}
