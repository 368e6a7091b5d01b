// RFC 9110 §11.6.1 WWW-Authenticate parser:
//   challenge   = auth-scheme [ 1*SP ( token68 / #auth-param ) ]
//   auth-param  = token BWS "=" BWS ( token / quoted-string )
// A header value may hold several comma-separated challenges.

export interface Challenge {
  scheme: string;
  /** Parameter names lower-cased (they are case-insensitive); values unquoted. */
  params: Record<string, string>;
  token68?: string;
}

export type ParseResult =
  | { ok: true; challenges: Challenge[] }
  | { ok: false; error: string; position: number; challenges: Challenge[] };

const TCHAR = /[!#$%&'*+\-.^_`|~0-9A-Za-z]/;
const TOKEN68_CHAR = /[A-Za-z0-9\-._~+/]/;

class ParseError extends Error {
  constructor(
    message: string,
    readonly position: number,
  ) {
    super(message);
  }
}

class Cursor {
  pos = 0;
  constructor(readonly input: string) {}
  get done(): boolean {
    return this.pos >= this.input.length;
  }
  peek(): string {
    return this.input[this.pos] ?? '';
  }
  skipWs(): void {
    while (this.peek() === ' ' || this.peek() === '\t') this.pos++;
  }
  skipWsAndCommas(): void {
    while (this.peek() === ' ' || this.peek() === '\t' || this.peek() === ',') this.pos++;
  }
  token(): string {
    const start = this.pos;
    while (!this.done && TCHAR.test(this.peek())) this.pos++;
    return this.input.slice(start, this.pos);
  }
  quoted(): string {
    // caller saw the opening quote
    this.pos++;
    let out = '';
    while (!this.done) {
      const c = this.peek();
      if (c === '"') {
        this.pos++;
        return out;
      }
      if (c === '\\') {
        this.pos++;
        if (this.done) break;
      }
      out += this.peek();
      this.pos++;
    }
    throw new ParseError('unterminated quoted-string', this.pos);
  }
}

/** Tries to read `name = value`; returns null (cursor unchanged) when the text is not an auth-param. */
function tryParam(c: Cursor): [string, string] | null {
  const start = c.pos;
  const name = c.token();
  if (!name) return null;
  c.skipWs();
  if (c.peek() !== '=') {
    c.pos = start;
    return null;
  }
  c.pos++;
  c.skipWs();
  // "abc==" or "abc=" closing a challenge is a token68, not a parameter
  if (c.peek() === '=' || c.done || c.peek() === ',') {
    c.pos = start;
    return null;
  }
  if (c.peek() === '"') return [name.toLowerCase(), c.quoted()];
  const valueStart = c.pos;
  const value = c.token();
  if (!value) {
    throw new ParseError(`parameter "${name}" has no value`, valueStart);
  }
  const next = c.peek();
  if (!c.done && next !== ',' && next !== ' ' && next !== '\t') {
    throw new ParseError(
      `parameter "${name}" has a value that is neither a token nor a quoted-string (unexpected "${next}"; URLs must be quoted)`,
      c.pos,
    );
  }
  return [name.toLowerCase(), value];
}

function tryToken68(c: Cursor): string | null {
  const start = c.pos;
  while (!c.done && TOKEN68_CHAR.test(c.peek())) c.pos++;
  while (c.peek() === '=') c.pos++;
  const value = c.input.slice(start, c.pos);
  c.skipWs();
  if (value && (c.done || c.peek() === ',')) return value;
  c.pos = start;
  return null;
}

export function parseWwwAuthenticate(value: string): ParseResult {
  const c = new Cursor(value);
  const challenges: Challenge[] = [];
  try {
    c.skipWsAndCommas();
    while (!c.done) {
      const schemeStart = c.pos;
      const scheme = c.token();
      if (!scheme) throw new ParseError(`expected an auth-scheme, found "${c.peek()}"`, schemeStart);
      const challenge: Challenge = { scheme, params: {} };
      challenges.push(challenge);
      const afterScheme = c.pos;
      c.skipWs();
      if (c.done) break;
      if (c.peek() === ',') {
        c.skipWsAndCommas();
        continue;
      }
      if (c.pos === afterScheme) throw new ParseError(`unexpected "${c.peek()}" after scheme`, c.pos);
      // token68 or a list of auth-params; a following challenge starts with a token not followed by "="
      const param = tryParam(c);
      if (!param) {
        const t68 = tryToken68(c);
        if (t68 === null) throw new ParseError(`unexpected "${c.peek()}" after scheme ${scheme}`, c.pos);
        challenge.token68 = t68;
        c.skipWsAndCommas();
        continue;
      }
      setParam(challenge, param, c.pos);
      for (;;) {
        c.skipWs();
        if (c.done) break;
        if (c.peek() !== ',') throw new ParseError(`expected "," after a parameter, found "${c.peek()}"`, c.pos);
        c.skipWsAndCommas();
        if (c.done) break;
        const next = tryParam(c);
        if (!next) break; // the start of the next challenge
        setParam(challenge, next, c.pos);
      }
    }
    return { ok: true, challenges };
  } catch (e) {
    if (e instanceof ParseError) return { ok: false, error: e.message, position: e.position, challenges };
    throw e;
  }
}

function setParam(challenge: Challenge, [name, value]: [string, string], position: number): void {
  if (Object.hasOwn(challenge.params, name)) {
    throw new ParseError(`parameter "${name}" appears twice in one challenge`, position);
  }
  challenge.params[name] = value;
}

/**
 * Best-effort reading of a header that did not parse: real clients often extract
 * resource_metadata with a regular expression, so the flow can continue while the
 * diagnostic reports the header.
 */
export function lenientParam(value: string, name: string): string | undefined {
  const re = new RegExp(`(?:^|[\\s,])${name}\\s*=\\s*(?:"([^"]*)"|([^\\s,]+))`, 'i');
  const m = re.exec(value);
  return m ? (m[1] ?? m[2]) : undefined;
}

/** The challenge an OAuth client reads: Bearer, else DPoP (RFC 9449 §7.1, a resource that accepts only DPoP-bound tokens). */
export function oauthChallenge(challenges: readonly Challenge[]): Challenge | undefined {
  return challenges.find((ch) => ch.scheme.toLowerCase() === 'bearer') ?? challenges.find((ch) => ch.scheme.toLowerCase() === 'dpop');
}
