// Redaction of secrets in exported sessions.
//
// Each secret value becomes `[redacted:hmac:<first 8 hex digits of HMAC-SHA-256 of the value>]`
// under a key drawn at random for each export and never written anywhere, so equal values get
// equal markers within one file (a reader can see that the secret sent at the token endpoint is
// the one registered, without seeing it), while a marker cannot confirm a guessed value, nor be
// compared with a marker of another file. The MAC is taken over the decoded value (a form
// field's `a%2Bb` and a JSON string's `a+b` are the same secret). Passwords get a bare
// `[redacted]`. Files written before the key existed hold `[redacted:sha256:…]`, a plain hash;
// `isRedacted` still reads them.
//
// Secrets are found by where they sit (header names, query/form/JSON key names, Basic
// credentials, multipart part names, hidden inputs of a form_post page). Every value found is
// remembered, and `sweep` then replaces any other occurrence of it in free text (an error
// message echoing a token, a nested URL). Bodies are read by their shape, not by their
// Content-Type: clients send forms as text/plain or without a type, and label JSON as a form.
// JSON nested deeper than MAX_JSON_DEPTH is never walked: its secret values are found by a scan
// of its text, and a parsed one is kept as that text, flagged as too deep.
import { headerValue, type ClientRecord, type Diagnostic, type Evidence, type Header, type HttpRequest, type SessionConfig } from '../model.js';
import { encodeBase64 } from '../interpret/base64.js';
import { decodeBasic } from '../interpret/credentials.js';
import { isTooDeep, MAX_JSON_DEPTH, stringifyJson, textNestsDeeper, valueNestsDeeper, type TooDeepJson } from '../interpret/json-depth.js';
import { replaceSecretValues } from '../interpret/json-text-secrets.js';
import { isPasswordKey, isSecretJsonKey, isSecretParam, isUrlHeader, secretHeaderKind } from '../interpret/secrets.js';
import { decodeFormComponent } from './http-text.js';
import { hmacSha256 } from '../crypto/sha256.js';


const MARKER_PREFIX = '[redacted';
export const PASSWORD_MARKER = '[redacted]';

/** Shortest secret that `sweep` looks for in free text; shorter ones would match ordinary words. */
const MIN_SWEEP_LENGTH = 4;
/** Strings inside a secret-keyed object ("type": "Bearer") are swept only from this length. */
const MIN_NESTED_SWEEP_LENGTH = 8;
/** Secrets this long are also found inside a longer run of characters, not only as a whole run. */
const EMBEDDED_LENGTH = 8;
// A server can send a hundred thousand secret-keyed values: these bound what `sweep` looks for
// beyond whole runs, which keeps it linear in the text. Values found by their key are redacted
// whatever these limits.
const MAX_PER_PREFIX = 16;
const MAX_LITERAL = 256;

/** What `sweep` finds as a whole run of URL-ish characters (with base64 padding). */
const RUN = /[A-Za-z0-9._~+/%-]+(=*)/g;
const WHOLE_RUN = /^[A-Za-z0-9._~+/%-]+=*$/;
/** A string token of JSON text. */
const JSON_STRING = /"(?:[^"\\]|\\.)*"/g;
/** A `k=v&k=v` body, whatever its Content-Type says. */
const FORM_SHAPE = /^[^=&\s]+=[^&]*(&[^=&\s]+=[^&]*)*$/;
/** Absolute URLs quoted in free text (diagnostic messages, step errors). */
const URL_IN_TEXT = /\b[a-z][a-z0-9+.-]*:\/\/[^\s"'<>`]+/gi;
/** What precedes the hex digits of a marker: this format's and the older plain hash's. */
const MARKER_SCHEMES = ['hmac:', 'sha256:'];
/** How deep `sweepTree` walks: a HAR's own nesting around a JSON document of MAX_JSON_DEPTH. */
const TREE_DEPTH = MAX_JSON_DEPTH + 16;
const KEY_BYTES = 32;

export function randomRedactionKey(): Uint8Array {
  return crypto.getRandomValues(new Uint8Array(KEY_BYTES));
}

function markerMaker(key: Uint8Array): (secret: string) => string {
  const mac = hmacSha256(key);
  return (secret) => `[redacted:hmac:${mac(secret).slice(0, 8)}]`;
}

/** The marker of a secret under a redactor's key. */
export function redactionMarker(secret: string, key: Uint8Array): string {
  return markerMaker(key)(secret);
}

/** Every marker in a text, as written or percent-encoded in a URL: this format, the older plain hash, the bare one. */
export const MARKERS_IN_TEXT = /\[redacted(?::(?:hmac|sha256):[0-9a-f]{8})?\]|%5Bredacted(?::(?:hmac|sha256):[0-9a-f]{8})?%5D/g;

/** A marker of this format or of the older `[redacted:sha256:…]`, or the bare password marker. */
export function isRedacted(value: string): boolean {
  return value.startsWith(MARKER_PREFIX) && value.endsWith(']');
}

/** Brackets are not allowed raw in a URL query; percent-encode them and keep the rest readable. */
function markerInUrl(marker: string): string {
  return marker.replace('[', '%5B').replace(']', '%5D');
}

export interface Redactor {
  /** The marker for a secret value; remembers the value for `sweep`. */
  value(secret: string, key?: string): string;
  url(url: string): string;
  headers(headers: readonly Header[]): Header[];
  header(name: string, value: string): string;
  /** A `k=v&...` string (form body or URL query), by key name. */
  form(text: string): string;
  /** A request or response body: multipart, JSON, form or HTML, read from the text itself. */
  body(text: string, contentType: string | undefined): string;
  /** URLs quoted in free text (a diagnostic's message) get `url`. */
  text(text: string): string;
  /** A parsed JSON value, by key name; one deeper than MAX_JSON_DEPTH becomes its redacted text, flagged. */
  json(value: unknown): unknown;
  request(request: HttpRequest): HttpRequest;
  client(client: ClientRecord): ClientRecord;
  config(config: SessionConfig): SessionConfig;
  diagnostic(diagnostic: Diagnostic): Diagnostic;
  /** Replaces every remembered secret that still appears in free text. */
  sweep(text: string): string;
  /** Applies `sweep` to every string in a JSON-like tree; returns a new tree where anything changed. */
  sweepTree<T>(tree: T): T;
}

/** `key` keys the markers; a fresh random one unless given (tests give one to predict markers). */
export function createRedactor(key: Uint8Array = randomRedactionKey()): Redactor {
  const redactionMarker = markerMaker(key);
  /** Secrets long enough to look for in free text that `sweep` finds as whole runs, with their markers. */
  const known = new Map<string, string>();
  /** The others (with characters a run does not hold), replaced literally; rare, so at most MAX_LITERAL. */
  const literal = new Map<string, string>();
  const hashed = new Map<string, string>();

  /** Known secrets of EMBEDDED_LENGTH or more by their first characters, longest first, at most MAX_PER_PREFIX. */
  const byPrefix = new Map<string, string[]>();

  const remember = (text: string, marker: string): void => {
    if (WHOLE_RUN.test(text)) {
      if (known.has(text)) return;
      known.set(text, marker);
      if (text.length >= EMBEDDED_LENGTH) {
        const prefix = text.slice(0, EMBEDDED_LENGTH);
        const list = byPrefix.get(prefix) ?? [];
        list.push(text);
        list.sort((a, b) => b.length - a.length);
        byPrefix.set(prefix, list.slice(0, MAX_PER_PREFIX));
      }
    } else if (!literal.has(text) && literal.size < MAX_LITERAL) literal.set(text, marker);
  };

  /** Known secrets inside a longer run (`sess-<token>`); one map lookup per character. */
  const embedded = (run: string): string => {
    if (byPrefix.size === 0 || run.length <= EMBEDDED_LENGTH) return run;
    let out = '';
    let from = 0;
    for (let i = 0; i + EMBEDDED_LENGTH <= run.length; ) {
      const hit = byPrefix.get(run.slice(i, i + EMBEDDED_LENGTH))?.find((c) => run.startsWith(c, i));
      if (hit === undefined) {
        i++;
        continue;
      }
      out += run.slice(from, i) + (known.get(hit) ?? '');
      i += hit.length;
      from = i;
    }
    return from === 0 ? run : out + run.slice(from);
  };

  const markerOf = (secret: string, key: string | undefined, minSweep: number): string => {
    if (isRedacted(secret)) return secret;
    let marker = isPasswordKey(key) ? PASSWORD_MARKER : hashed.get(secret);
    if (marker === undefined) {
      marker = redactionMarker(secret);
      hashed.set(secret, marker);
    }
    if (secret.length >= minSweep && !known.has(secret) && !literal.has(secret)) {
      remember(secret, marker);
      // the same secret as it sits in a URL or inside a JSON string
      const encoded = encodeURIComponent(secret);
      if (encoded !== secret) remember(encoded, markerInUrl(marker));
      const escaped = JSON.stringify(secret).slice(1, -1);
      if (escaped !== secret) remember(escaped, marker);
    }
    return marker;
  };

  const value = (secret: string, key?: string): string => markerOf(secret, key, MIN_SWEEP_LENGTH);

  const form = (text: string): string => {
    if (text === '') return text;
    return text
      .split('&')
      .map((pair) => {
        const eq = pair.indexOf('=');
        if (eq < 0) return pair;
        const key = decodeFormComponent(pair.slice(0, eq));
        if (!isSecretParam(key)) return pair;
        const raw = pair.slice(eq + 1);
        return `${pair.slice(0, eq + 1)}${markerInUrl(value(decodeFormComponent(raw), key))}`;
      })
      .join('&');
  };

  const url = (text: string): string => {
    const hashAt = text.indexOf('#');
    const beforeHash = hashAt < 0 ? text : text.slice(0, hashAt);
    const fragment = hashAt < 0 ? undefined : text.slice(hashAt + 1);
    const queryAt = beforeHash.indexOf('?');
    const base = queryAt < 0 ? beforeHash : beforeHash.slice(0, queryAt);
    const query = queryAt < 0 ? undefined : beforeHash.slice(queryAt + 1);
    let out = redactUserinfo(base);
    if (query !== undefined) out += `?${form(query)}`;
    // Implicit-style responses carry tokens in the fragment.
    if (fragment !== undefined) out += `#${form(fragment)}`;
    return out;
  };

  const redactUserinfo = (base: string): string =>
    base.replace(/^([a-z][a-z0-9+.-]*:\/\/)([^/@?#:]*):([^/@?#]*)@/i, (_m, scheme: string, user: string, pass: string) =>
      `${scheme}${user}:${markerInUrl(value(decodeFormComponent(pass), 'password'))}@`,
    );

  const credentials = (raw: string): string => {
    const match = /^(\S+)(\s+)(.*)$/s.exec(raw);
    if (!match) return value(raw);
    const [, scheme = '', space = '', rest = ''] = match;
    if (scheme.toLowerCase() === 'basic') {
      const basic = decodeBasic(raw);
      if (basic) {
        // RFC 6749 2.3.1: id and secret are form-urlencoded inside Basic. The id is not secret.
        // The result stays valid Basic, so readers that decode it still find the id, and the
        // secret's marker compares equal to the registered secret's.
        value(rest.trim()); // remembered so that `sweep` finds the encoded credential elsewhere
        const marker = value(basic.secret);
        return `${scheme}${space}${encodeBase64(`${basic.rawId}:${encodeURIComponent(marker)}`)}`;
      }
    }
    return `${scheme}${space}${value(rest)}`;
  };

  const cookiePairs = (text: string): string =>
    text
      .split(';')
      .map((pair) => {
        const eq = pair.indexOf('=');
        if (eq < 0) return pair;
        // Cookies also hold short ordinary values (lang=en-US); only long ones are swept elsewhere.
        return `${pair.slice(0, eq + 1)}${markerOf(pair.slice(eq + 1), undefined, MIN_NESTED_SWEEP_LENGTH)}`;
      })
      .join(';');

  // Only the first pair of each cookie is the cookie; the attributes after it (Path, HttpOnly)
  // stay. Recorders join several Set-Cookie headers with newlines or commas; a comma inside an
  // Expires date is not followed by `name=`.
  const setCookie = (one: string): string => {
    const semi = one.indexOf(';');
    return semi < 0 ? cookiePairs(one) : cookiePairs(one.slice(0, semi)) + one.slice(semi);
  };
  const setCookies = (raw: string): string =>
    raw
      .split('\n')
      .map((line) => line.split(/,(?=\s*[^;,=\s]+=)/).map(setCookie).join(','))
      .join('\n');

  /** A compact JWS keeps its header and payload; anything else is redacted whole. */
  const proofSignature = (raw: string): string => {
    const parts = raw.split('.');
    if (parts.length !== 3 || parts.some((p) => !/^[A-Za-z0-9_-]+$/.test(p))) return value(raw);
    return `${parts[0]}.${parts[1]}.${value(parts[2]!)}`;
  };

  const header = (name: string, raw: string): string => {
    const lower = name.toLowerCase();
    const kind = secretHeaderKind(lower);
    if (kind === 'credentials') return credentials(raw);
    if (kind === 'token') return value(raw);
    if (kind === 'proof') return proofSignature(raw);
    if (kind === 'cookie') return cookiePairs(raw);
    if (kind === 'set-cookie') return setCookies(raw);
    if (isUrlHeader(lower)) return url(raw);
    return raw;
  };

  /** Walks a value that nests no deeper than MAX_JSON_DEPTH. */
  const jsonWithin = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(jsonWithin);
    if (node === null || typeof node !== 'object') return node;
    const out: Record<string, unknown> = {};
    for (const [key, child] of Object.entries(node)) {
      if (typeof child === 'string' && isSecretJsonKey(key)) out[key] = value(child, key);
      else if (child !== null && typeof child === 'object' && isSecretJsonKey(key)) out[key] = everyString(child, key);
      else out[key] = jsonWithin(child);
    }
    return out;
  };

  const json = (node: unknown): unknown => {
    if (isTooDeep(node)) return { tooDeep: true, text: jsonLikeText(node.text) } satisfies TooDeepJson;
    if (valueNestsDeeper(node)) return { tooDeep: true, text: jsonLikeText(stringifyJson(node)) } satisfies TooDeepJson;
    return jsonWithin(node);
  };

  /** A secret key whose value is an object or array: every string inside is secret. */
  const everyString = (node: unknown, key: string): unknown => {
    if (typeof node === 'string') return markerOf(node, key, MIN_NESTED_SWEEP_LENGTH);
    if (Array.isArray(node)) return node.map((child) => everyString(child, key));
    if (node === null || typeof node !== 'object') return node;
    return Object.fromEntries(Object.entries(node).map(([k, child]) => [k, everyString(child, key)]));
  };

  const jsonText = (text: string): string => {
    if (textNestsDeeper(text)) return jsonLikeText(text);
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      return jsonLikeText(text);
    }
    const redacted = jsonWithin(parsed);
    // Keep the body's own formatting where the secrets can be replaced in place: one pass over
    // the string tokens, whatever the number of secrets.
    const replacements = new Map<string, string>();
    collectSecretStrings(parsed, (secret, key, nested) => {
      const marker = markerOf(secret, key, nested ? MIN_NESTED_SWEEP_LENGTH : MIN_SWEEP_LENGTH);
      const encoded = JSON.stringify(secret);
      if (!replacements.has(encoded)) replacements.set(encoded, JSON.stringify(marker));
    });
    const inPlace = replacements.size === 0 ? text : text.replace(JSON_STRING, (token) => replacements.get(token) ?? token);
    try {
      if (JSON.stringify(JSON.parse(inPlace)) === JSON.stringify(redacted)) return inPlace;
    } catch {
      // fall through to re-serialising
    }
    return JSON.stringify(redacted);
  };

  // A truncated, broken or too deep JSON body: its secret values, found by scanning its text.
  const jsonLikeText = (text: string): string =>
    replaceSecretValues(text, (secret, key, nested) => markerOf(secret, key, nested ? MIN_NESTED_SWEEP_LENGTH : MIN_SWEEP_LENGTH), PASSWORD_MARKER);

  // multipart/form-data (Postman, curl -F): the content of each part named as a secret.
  const multipart = (text: string, boundary: string): string => {
    const delimiter = `--${boundary}`;
    return text
      .split(delimiter)
      .map((part, i) => {
        if (i === 0) return part;
        const headEnd = /\r?\n\r?\n/.exec(part);
        if (!headEnd) return part;
        const head = part.slice(0, headEnd.index);
        const name = /(?:^|[;\s])name\s*=\s*(?:"([^"]*)"|([^;\s]+))/i.exec(head);
        const key = name?.[1] ?? name?.[2];
        if (key === undefined || !isSecretParam(key)) return part;
        const start = headEnd.index + headEnd[0].length;
        const trailer = /\r?\n$/.exec(part.slice(start))?.[0] ?? '';
        const content = part.slice(start, part.length - trailer.length);
        return `${part.slice(0, start)}${value(content, key)}${trailer}`;
      })
      .join(delimiter);
  };

  // response_mode=form_post: the authorization response sits in hidden inputs of an HTML page.
  const htmlInputs = (text: string): string =>
    text.replace(/<input\b[^>]*>/gi, (tag) => {
      const name = /\sname\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))/i.exec(tag);
      const key = name?.[1] ?? name?.[2] ?? name?.[3];
      if (key === undefined || !isSecretParam(key)) return tag;
      return tag.replace(/(\svalue\s*=\s*)(?:"([^"]*)"|'([^']*)'|([^\s>]+))/i, (_m, before: string, dq?: string, sq?: string, bare?: string) =>
        `${before}"${value(decodeHtml(dq ?? sq ?? bare ?? ''), key)}"`,
      );
    });

  const body = (text: string, contentType: string | undefined): string => {
    if (text === '') return text;
    const boundary = boundaryOf(contentType, text);
    if (boundary !== undefined) return multipart(text, boundary);
    if (/^\s*[[{]/.test(text)) return jsonText(text);
    if (FORM_SHAPE.test(text)) return form(text);
    if ((contentType ?? '').toLowerCase().includes('json')) return jsonLikeText(text);
    if (/<input\b/i.test(text)) return htmlInputs(text);
    return text;
  };

  const freeText = (text: string): string =>
    text.replace(URL_IN_TEXT, (match) => {
      const trail = /[.,;:!?)\]]+$/.exec(match)?.[0] ?? '';
      return url(match.slice(0, match.length - trail.length)) + trail;
    });

  const request = (req: HttpRequest): HttpRequest => {
    const out: HttpRequest = { method: req.method, url: url(req.url), headers: headersOf(req.headers) };
    if (req.body !== undefined) out.body = body(req.body, headerValue(req.headers, 'content-type'));
    return out;
  };

  const headersOf = (list: readonly Header[]): Header[] => list.map((h) => ({ name: h.name, value: header(h.name, h.value) }));

  const evidence = (item: Evidence): Evidence => {
    if (item.value === undefined) return item;
    const loc = item.location;
    let redacted = item.value;
    if (loc.kind === 'request-header' || loc.kind === 'response-header') redacted = header(loc.name, item.value);
    else if ((loc.kind === 'request-form' || loc.kind === 'request-query') && isSecretParam(loc.name)) redacted = value(item.value, loc.name);
    else if (loc.kind === 'request-json' || loc.kind === 'response-json') {
      const last = loc.pointer.split('/').pop() ?? '';
      if (isSecretJsonKey(last)) redacted = value(item.value, last);
    } else if (loc.kind === 'client' && loc.field === 'client_secret') redacted = value(item.value);
    else if (loc.kind === 'config' && (loc.field === 'clientSecret' || loc.field === 'privateKey')) redacted = value(item.value);
    // Anything else may still quote a URL with a credential in its query.
    return { ...item, value: redacted === item.value ? freeText(item.value) : redacted };
  };

  const sweep = (text: string): string => {
    if ((known.size === 0 && literal.size === 0) || text.length < MIN_SWEEP_LENGTH) return text;
    let out = text;
    for (const [secret, marker] of literal) if (out.includes(secret)) out = out.split(secret).join(marker);
    if (known.size === 0) return out;
    return out.replace(RUN, (run, padding: string, offset: number) => {
      // the hex digits of a marker already in place
      if (MARKER_SCHEMES.some((scheme) => offset >= scheme.length && out.startsWith(scheme, offset - scheme.length))) return run;
      const hit = known.get(run) ?? known.get(run.slice(0, run.length - padding.length));
      if (hit) return hit + (known.has(run) ? '' : padding);
      if (run.includes('%')) {
        const decoded = decodeFormComponent(run);
        const viaDecoded = known.get(decoded);
        if (viaDecoded) return markerInUrl(viaDecoded);
      }
      return embedded(run);
    });
  };

  // Copy-on-write: subtrees without a secret are returned as they are, so the tree may share
  // objects with the session and is never mutated.
  const sweepTree = <T>(tree: T): T => {
    if (known.size === 0 && literal.size === 0) return tree;
    const visit = (node: unknown, depth: number): unknown => {
      if (typeof node === 'string') return sweep(node);
      if (node === null || typeof node !== 'object') return node;
      if (depth > TREE_DEPTH) return { tooDeep: true, text: sweep(stringifyJson(node)) } satisfies TooDeepJson;
      if (Array.isArray(node)) {
        let copy: unknown[] | undefined;
        for (let i = 0; i < node.length; i++) {
          const child: unknown = node[i];
          const swept = visit(child, depth + 1);
          if (swept !== child) (copy ??= node.slice())[i] = swept;
        }
        return copy ?? node;
      }
      const record = node as Record<string, unknown>;
      let copy: Record<string, unknown> | undefined;
      for (const key in record) {
        const child = record[key];
        const swept = visit(child, depth + 1);
        if (swept !== child) (copy ??= { ...record })[key] = swept;
      }
      return copy ?? node;
    };
    return visit(tree, 0) as T;
  };

  return {
    value,
    url,
    header,
    headers: headersOf,
    form,
    body,
    text: freeText,
    json,
    request,
    client: (client) => {
      const out: ClientRecord = { ...client };
      if (client.client_secret !== undefined) out.client_secret = value(client.client_secret);
      if (client.registrationResponse !== undefined) out.registrationResponse = json(client.registrationResponse);
      return out;
    },
    config: (config) => {
      const out: SessionConfig = { ...config };
      if (config.clientSecret !== undefined) out.clientSecret = value(config.clientSecret);
      if (config.privateKey !== undefined) out.privateKey = value(config.privateKey);
      if (config.assertion !== undefined) out.assertion = value(config.assertion);
      if (config.identityAssertion !== undefined) out.identityAssertion = { ...config.identityAssertion, idToken: value(config.identityAssertion.idToken) };
      return out;
    },
    diagnostic: (diagnostic) => ({
      ...diagnostic,
      title: freeText(diagnostic.title),
      message: freeText(diagnostic.message),
      evidence: diagnostic.evidence.map(evidence),
    }),
    sweep,
    sweepTree,
  };
}

function collectSecretStrings(node: unknown, found: (secret: string, key: string, nested: boolean) => void, under?: string): void {
  if (typeof node === 'string') {
    if (under !== undefined) found(node, under, true);
    return;
  }
  if (Array.isArray(node)) {
    for (const child of node) collectSecretStrings(child, found, under);
    return;
  }
  if (node === null || typeof node !== 'object') return;
  for (const [key, child] of Object.entries(node)) {
    if (under !== undefined) collectSecretStrings(child, found, under);
    else if (typeof child === 'string' && isSecretJsonKey(key)) found(child, key, false);
    else collectSecretStrings(child, found, isSecretJsonKey(key) ? key : undefined);
  }
}

/** The boundary of a multipart body: from the Content-Type, else from the body's first line. */
function boundaryOf(contentType: string | undefined, text: string): string | undefined {
  const declared = /boundary\s*=\s*(?:"([^"]+)"|([^;\s]+))/i.exec(contentType ?? '');
  const boundary = declared?.[1] ?? declared?.[2] ?? /^--([^\r\n]{1,200})\r?\n[^\r\n]*content-disposition:/i.exec(text)?.[1];
  return boundary !== undefined && text.includes(`--${boundary}`) ? boundary : undefined;
}

function decodeHtml(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|amp|quot|apos|lt|gt);/gi, (whole, entity: string) => {
    const lower = entity.toLowerCase();
    if (lower.startsWith('#x')) return String.fromCodePoint(parseInt(lower.slice(2), 16));
    if (lower.startsWith('#')) return String.fromCodePoint(parseInt(lower.slice(1), 10));
    return ({ amp: '&', quot: '"', apos: "'", lt: '<', gt: '>' } as Record<string, string>)[lower] ?? whole;
  });
}
