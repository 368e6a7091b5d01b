// Redaction of secrets in exported sessions.
//
// Each secret value becomes `[redacted:sha256:<first 8 hex digits of SHA-256 of the value>]`,
// so equal values get equal markers and a reader can see that the secret sent at the token
// endpoint is the one registered, without seeing it. The hash is taken over the decoded value
// (a form field's `a%2Bb` and a JSON string's `a+b` are the same secret). 32 bits of a hash
// tell nothing about a random token; they could confirm a guessed password, so passwords get
// a bare `[redacted]` instead.
//
// Secrets are found by where they sit (header names, query/form/JSON key names, Basic
// credentials). Every value found is remembered, and `sweep` then replaces any other
// occurrence of it in free text (an error message echoing a token, a nested URL).
import { headerValue, type ClientRecord, type Diagnostic, type Evidence, type Header, type HttpRequest, type SessionConfig } from '../model.js';
import { decodeFormComponent } from './http-text.js';
import { sha256Hex } from './sha256.js';

/** Query, form and JSON keys whose values are secrets (lower case). */
export const SECRET_KEYS: ReadonlySet<string> = new Set([
  'client_secret',
  'access_token',
  'refresh_token',
  'id_token',
  'id_token_hint',
  'code',
  'code_verifier',
  'client_assertion',
  'assertion',
  'subject_token',
  'actor_token',
  'device_code',
  'registration_access_token',
  'password',
]);

/** JSON keys are the same minus `code`, which in JSON bodies is nearly always an error code (JSON-RPC). */
const SECRET_JSON_KEYS: ReadonlySet<string> = new Set([...SECRET_KEYS].filter((k) => k !== 'code'));

const PASSWORD_KEYS: ReadonlySet<string> = new Set(['password']);

const CREDENTIAL_HEADERS: ReadonlySet<string> = new Set(['authorization', 'proxy-authorization']);
const TOKEN_HEADERS: ReadonlySet<string> = new Set(['x-api-key', 'api-key', 'x-auth-token']);
const URL_HEADERS: ReadonlySet<string> = new Set(['location', 'content-location', 'referer', ':path']);

const MARKER_PREFIX = '[redacted';
export const PASSWORD_MARKER = '[redacted]';

/** Shortest value that `sweep` looks for in free text; shorter ones would match ordinary words. */
const MIN_SWEEP_LENGTH = 8;

export function redactionMarker(value: string): string {
  return `[redacted:sha256:${sha256Hex(value).slice(0, 8)}]`;
}

export function isRedacted(value: string): boolean {
  return value.startsWith(MARKER_PREFIX) && value.endsWith(']');
}

export function isSecretKey(key: string): boolean {
  return SECRET_KEYS.has(key.toLowerCase());
}

export function isSecretHeader(name: string): boolean {
  const lower = name.toLowerCase();
  return CREDENTIAL_HEADERS.has(lower) || TOKEN_HEADERS.has(lower) || lower === 'cookie' || lower === 'set-cookie';
}

/** Brackets are not allowed raw in a URL query; percent-encode them and keep the rest readable. */
function markerInUrl(marker: string): string {
  return marker.replace('[', '%5B').replace(']', '%5D');
}

export function decodeBase64Utf8(text: string): string | undefined {
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(text) || text.length % 4 === 1) return undefined;
  try {
    const binary = atob(text);
    const bytes = Uint8Array.from(binary, (c) => c.charCodeAt(0));
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

export function encodeBase64Utf8(text: string): string {
  let binary = '';
  for (const byte of new TextEncoder().encode(text)) binary += String.fromCharCode(byte);
  return btoa(binary);
}

/** `id:secret` of a Basic credential, undefined when it is not one. */
export function decodeBasic(headerValue: string): { id: string; secret: string } | undefined {
  const match = /^basic\s+(\S+)\s*$/i.exec(headerValue);
  const decoded = match ? decodeBase64Utf8(match[1]!) : undefined;
  const colon = decoded?.indexOf(':') ?? -1;
  if (decoded === undefined || colon < 0) return undefined;
  return { id: decodeFormComponent(decoded.slice(0, colon)), secret: decodeFormComponent(decoded.slice(colon + 1)) };
}

export interface Redactor {
  /** The marker for a secret value; remembers the value for `sweep`. */
  value(secret: string, key?: string): string;
  url(url: string): string;
  headers(headers: readonly Header[]): Header[];
  header(name: string, value: string): string;
  /** A `k=v&...` string (form body or URL query), by key name. */
  form(text: string): string;
  body(text: string, contentType: string | undefined): string;
  /** A parsed JSON value, by key name, recursively. */
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

export function createRedactor(): Redactor {
  /** Secrets long enough to look for in free text, with their markers. */
  const known = new Map<string, string>();
  const hashed = new Map<string, string>();

  const value = (secret: string, key?: string): string => {
    if (isRedacted(secret)) return secret;
    const isPassword = key !== undefined && PASSWORD_KEYS.has(key.toLowerCase());
    let marker = isPassword ? PASSWORD_MARKER : hashed.get(secret);
    if (marker === undefined) {
      marker = redactionMarker(secret);
      hashed.set(secret, marker);
    }
    if (secret.length >= MIN_SWEEP_LENGTH && !known.has(secret)) known.set(secret, marker);
    return marker;
  };

  const form = (text: string): string => {
    if (text === '') return text;
    return text
      .split('&')
      .map((pair) => {
        const eq = pair.indexOf('=');
        if (eq < 0) return pair;
        const key = decodeFormComponent(pair.slice(0, eq));
        if (!isSecretKey(key)) return pair;
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
      const decoded = decodeBase64Utf8(rest.trim());
      const colon = decoded?.indexOf(':') ?? -1;
      if (decoded !== undefined && colon >= 0) {
        // RFC 6749 2.3.1: id and secret are form-urlencoded inside Basic. The id is not secret.
        // The result stays valid Basic, so readers that decode it still find the id, and the
        // secret's marker compares equal to the registered secret's.
        value(rest.trim()); // remembered so that `sweep` finds the encoded credential elsewhere
        const marker = value(decodeFormComponent(decoded.slice(colon + 1)));
        return `${scheme}${space}${encodeBase64Utf8(`${decoded.slice(0, colon)}:${encodeURIComponent(marker)}`)}`;
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
        return `${pair.slice(0, eq + 1)}${value(pair.slice(eq + 1))}`;
      })
      .join(';');

  const header = (name: string, raw: string): string => {
    const lower = name.toLowerCase();
    if (CREDENTIAL_HEADERS.has(lower)) return credentials(raw);
    if (TOKEN_HEADERS.has(lower)) return value(raw);
    if (lower === 'cookie') return cookiePairs(raw);
    if (lower === 'set-cookie') {
      // Only the first pair is the cookie; the attributes after it (Path, HttpOnly) stay.
      const semi = raw.indexOf(';');
      return semi < 0 ? cookiePairs(raw) : cookiePairs(raw.slice(0, semi)) + raw.slice(semi);
    }
    if (URL_HEADERS.has(lower)) return url(raw);
    return raw;
  };

  const json = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(json);
    if (node === null || typeof node !== 'object') return node;
    const out: Record<string, unknown> = {};
    for (const [key, child] of Object.entries(node)) {
      if (typeof child === 'string' && SECRET_JSON_KEYS.has(key.toLowerCase())) out[key] = value(child, key);
      else out[key] = json(child);
    }
    return out;
  };

  const jsonText = (text: string): string => {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      return jsonLikeText(text);
    }
    const redacted = json(parsed);
    // Keep the body's own formatting where the secrets can be replaced in place.
    let inPlace = text;
    collectSecretStrings(parsed, (secret, key) => {
      inPlace = inPlace.split(JSON.stringify(secret)).join(JSON.stringify(value(secret, key)));
    });
    try {
      if (JSON.stringify(JSON.parse(inPlace)) === JSON.stringify(redacted)) return inPlace;
    } catch {
      // fall through to re-serialising
    }
    return JSON.stringify(redacted);
  };

  // A truncated or otherwise broken JSON body: find `"key": "value"` pairs textually.
  const jsonLikeText = (text: string): string =>
    text.replace(/"([A-Za-z_]+)"(\s*:\s*)"((?:[^"\\]|\\.)*)"/g, (whole, key: string, colon: string, raw: string) => {
      if (!SECRET_JSON_KEYS.has(key.toLowerCase())) return whole;
      let secret = raw;
      try {
        secret = JSON.parse(`"${raw}"`) as string;
      } catch {
        // keep the raw text
      }
      return `"${key}"${colon}${JSON.stringify(value(secret, key))}`;
    }).replace(/"([A-Za-z_]+)"(\s*:\s*)"((?:[^"\\]|\\.)*)$/, (whole, key: string, colon: string) =>
      // the body was cut inside a secret value
      SECRET_JSON_KEYS.has(key.toLowerCase()) ? `"${key}"${colon}"${PASSWORD_MARKER}` : whole,
    );

  const body = (text: string, contentType: string | undefined): string => {
    const type = (contentType ?? '').toLowerCase();
    if (type.includes('application/x-www-form-urlencoded')) return form(text);
    if (type.includes('json') || /^\s*[[{]/.test(text)) return jsonText(text);
    return text;
  };

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
    else if ((loc.kind === 'request-form' || loc.kind === 'request-query') && isSecretKey(loc.name)) redacted = value(item.value, loc.name);
    else if (loc.kind === 'request-json' || loc.kind === 'response-json') {
      const last = loc.pointer.split('/').pop() ?? '';
      if (SECRET_JSON_KEYS.has(last.toLowerCase())) redacted = value(item.value, last);
    } else if (loc.kind === 'client' && loc.field === 'client_secret') redacted = value(item.value);
    else if (loc.kind === 'config' && (loc.field === 'clientSecret' || loc.field === 'privateKey')) redacted = value(item.value);
    return { ...item, value: redacted };
  };

  const sweep = (text: string): string => {
    if (known.size === 0 || text.length < MIN_SWEEP_LENGTH) return text;
    return text.replace(/[A-Za-z0-9._~+/%-]+(=*)/g, (run, padding: string) => {
      const hit = known.get(run) ?? known.get(run.slice(0, run.length - padding.length));
      if (hit) return hit + (known.has(run) ? '' : padding);
      if (run.includes('%')) {
        const decoded = decodeFormComponent(run);
        const viaDecoded = known.get(decoded);
        if (viaDecoded) return markerInUrl(viaDecoded);
      }
      return run;
    });
  };

  // Copy-on-write: subtrees without a secret are returned as they are, so the tree may share
  // objects with the session and is never mutated.
  const sweepTree = <T>(tree: T): T => {
    if (known.size === 0) return tree;
    const visit = (node: unknown): unknown => {
      if (typeof node === 'string') return sweep(node);
      if (node === null || typeof node !== 'object') return node;
      if (Array.isArray(node)) {
        let copy: unknown[] | undefined;
        for (let i = 0; i < node.length; i++) {
          const child: unknown = node[i];
          const swept = visit(child);
          if (swept !== child) (copy ??= node.slice())[i] = swept;
        }
        return copy ?? node;
      }
      const record = node as Record<string, unknown>;
      let copy: Record<string, unknown> | undefined;
      for (const key in record) {
        const child = record[key];
        const swept = visit(child);
        if (swept !== child) (copy ??= { ...record })[key] = swept;
      }
      return copy ?? node;
    };
    return visit(tree) as T;
  };

  return {
    value,
    url,
    header,
    headers: headersOf,
    form,
    body,
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
      return out;
    },
    diagnostic: (diagnostic) => ({ ...diagnostic, evidence: diagnostic.evidence.map(evidence) }),
    sweep,
    sweepTree,
  };
}

function collectSecretStrings(node: unknown, found: (secret: string, key: string) => void): void {
  if (Array.isArray(node)) {
    for (const child of node) collectSecretStrings(child, found);
    return;
  }
  if (node === null || typeof node !== 'object') return;
  for (const [key, child] of Object.entries(node)) {
    if (typeof child === 'string' && SECRET_JSON_KEYS.has(key.toLowerCase())) found(child, key);
    else collectSecretStrings(child, found);
  }
}
