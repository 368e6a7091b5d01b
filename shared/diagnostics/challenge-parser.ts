// A private RFC 9110 §11.6.1 WWW-Authenticate parser, until shared/http/www-authenticate.ts lands
// (same result shape, so the two can be unified).

export interface Challenge {
  scheme: string;
  params: Record<string, string>;
  token68?: string;
}

export type ChallengeParse =
  | { ok: true; challenges: Challenge[] }
  | { ok: false; error: string; position: number };

const TCHAR = /[!#$%&'*+\-.^_`|~0-9A-Za-z]/;
const TOKEN68 = /^[A-Za-z0-9\-._~+/]+=*/;

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
  constructor(readonly text: string) {}

  get done(): boolean {
    return this.pos >= this.text.length;
  }
  peek(): string {
    return this.text[this.pos] ?? '';
  }
  skipWs(): void {
    while (this.peek() === ' ' || this.peek() === '\t') this.pos++;
  }
  token(): string {
    const start = this.pos;
    while (!this.done && TCHAR.test(this.peek())) this.pos++;
    return this.text.slice(start, this.pos);
  }
  quoted(): string {
    const start = this.pos;
    this.pos++;
    let value = '';
    while (!this.done) {
      const c = this.peek();
      if (c === '"') {
        this.pos++;
        return value;
      }
      if (c === '\\') {
        this.pos++;
        if (this.done) break;
      }
      value += this.peek();
      this.pos++;
    }
    throw new ParseError('unterminated quoted-string', start);
  }
  /** Skips commas and whitespace (empty list elements are allowed, RFC 9110 §5.6.1). */
  skipListSeparators(): boolean {
    let sawComma = false;
    for (;;) {
      this.skipWs();
      if (this.peek() !== ',') return sawComma;
      sawComma = true;
      this.pos++;
    }
  }
}

/** After a comma: is the next element a new challenge (`scheme` not followed by `=`)? */
function startsChallenge(c: Cursor): boolean {
  const save = c.pos;
  const name = c.token();
  c.skipWs();
  const next = c.peek();
  c.pos = save;
  return name !== '' && next !== '=';
}

function parseParams(c: Cursor, params: Record<string, string>): void {
  for (;;) {
    const nameAt = c.pos;
    const name = c.token();
    if (name === '') throw new ParseError(`expected a parameter name, found ${JSON.stringify(c.peek())}`, c.pos);
    c.skipWs();
    if (c.peek() !== '=') throw new ParseError(`expected "=" after ${name}`, c.pos);
    c.pos++;
    c.skipWs();
    const valueAt = c.pos;
    const value = c.peek() === '"' ? c.quoted() : c.token();
    if (value === '' && c.text[valueAt] !== '"') {
      throw new ParseError(`parameter ${name} has no value`, valueAt);
    }
    const key = name.toLowerCase();
    if (key in params) throw new ParseError(`parameter ${name} appears twice`, nameAt);
    params[key] = value;
    c.skipWs();
    if (c.done) return;
    if (c.peek() !== ',') {
      throw new ParseError(
        `unexpected ${JSON.stringify(c.peek())} in the value of ${name} (a URL or any value with "/" or ":" must be a quoted-string)`,
        c.pos,
      );
    }
    c.skipListSeparators();
    if (c.done || startsChallenge(c)) return;
  }
}

function parseChallenge(c: Cursor): Challenge {
  const scheme = c.token();
  if (scheme === '') throw new ParseError(`expected an auth-scheme, found ${JSON.stringify(c.peek())}`, c.pos);
  const challenge: Challenge = { scheme, params: {} };
  if (c.done || c.peek() === ',') return challenge;
  if (c.peek() !== ' ' && c.peek() !== '\t') throw new ParseError(`unexpected ${JSON.stringify(c.peek())} after ${scheme}`, c.pos);
  c.skipWs();
  if (c.done || c.peek() === ',') return challenge;
  const rest = c.text.slice(c.pos);
  const t68 = TOKEN68.exec(rest);
  if (t68) {
    const after = rest.slice(t68[0].length).replace(/^[ \t]*/, '');
    if (after === '' || after.startsWith(',')) {
      challenge.token68 = t68[0];
      c.pos += t68[0].length;
      return challenge;
    }
  }
  parseParams(c, challenge.params);
  return challenge;
}

export function parseChallenges(value: string): ChallengeParse {
  const c = new Cursor(value);
  const challenges: Challenge[] = [];
  try {
    c.skipListSeparators();
    while (!c.done) {
      challenges.push(parseChallenge(c));
      c.skipListSeparators();
    }
  } catch (e) {
    if (e instanceof ParseError) return { ok: false, error: e.message, position: e.position };
    throw e;
  }
  if (challenges.length === 0) return { ok: false, error: 'empty header', position: 0 };
  return { ok: true, challenges };
}
