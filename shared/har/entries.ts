// One HAR entry (from Authtrace, a browser or a proxy) → one Exchange, tolerating what
// Chromium and others write: base64 bodies, status 0 with `_error`, HTTP/2 pseudo-headers.
import {
  MAX_BODY_BYTES,
  STEP_NAMES,
  type Exchange,
  type ExchangeOrigin,
  type ExchangeRole,
  type Header,
  type HttpRequest,
  type HttpResponse,
  type NetworkErrorCode,
  type Timings,
} from '../model.js';
import { utf8Length } from './http-text.js';
import { decodeBase64 } from '../interpret/base64.js';
import type { AuthtraceEntryExt } from './types.js';

export interface ReadEntry {
  /** Position in the file, from 0. */
  index: number;
  exchange: Exchange;
  /** Authtrace's own record of the exchange, when the file came from Authtrace. */
  ext?: AuthtraceEntryExt;
  /** Chromium's `_resourceType` ("document", "fetch", "script", ...). */
  resourceType?: string;
  fromCache: boolean;
  bodyCut: boolean;
  /** The body was saved beside the HAR (Playwright's content._file), not in it. */
  bodyElsewhere: boolean;
  badTime: boolean;
}

const ROLES: ReadonlySet<string> = new Set<ExchangeRole>([
  'mcp-probe', 'resource-metadata', 'as-metadata', 'registration', 'client-metadata', 'authorize',
  'authorize-redirect', 'callback', 'token', 'refresh', 'mcp', 'other',
]);
const STEPS: ReadonlySet<string> = new Set<string>([...STEP_NAMES, 'unrelated']);
const ORIGINS: ReadonlySet<string> = new Set<ExchangeOrigin>(['engine', 'browser', 'imported']);
const OUTCOMES: ReadonlySet<string> = new Set(['response', 'network-error', 'opened-in-browser']);

type Obj = Record<string, unknown>;

function isObject(value: unknown): value is Obj {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

const str = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);
/** A scalar as text; never an object's (String() of a deeply nested array overflows the stack). */
const scalarText = (value: unknown): string =>
  typeof value === 'string' ? value : typeof value === 'number' || typeof value === 'boolean' ? String(value) : '';
const oneOf = (set: ReadonlySet<string>, value: unknown): boolean => typeof value === 'string' && set.has(value);
const num = (value: unknown): number | undefined => (typeof value === 'number' && Number.isFinite(value) ? value : undefined);
const nonNegative = (value: unknown): number | undefined => {
  const n = num(value);
  return n !== undefined && n >= 0 ? n : undefined;
};

function headersOf(value: unknown, keepPseudo: boolean): Header[] {
  if (!Array.isArray(value)) return [];
  const headers: Header[] = [];
  for (const item of value) {
    if (!isObject(item)) continue;
    const name = str(item.name);
    if (name === undefined || (!keepPseudo && name.startsWith(':'))) continue;
    headers.push({ name, value: scalarText(item.value) });
  }
  return headers;
}

function authtraceExt(value: unknown): AuthtraceEntryExt | undefined {
  if (!isObject(value)) return undefined;
  const ok =
    typeof value.id === 'string' &&
    oneOf(STEPS, value.step) &&
    oneOf(ROLES, value.role) &&
    oneOf(ORIGINS, value.origin) &&
    oneOf(OUTCOMES, value.outcome);
  if (!ok) return undefined;
  // Only the fields import reads, each of its own type: the rest of a hostile file stays behind.
  const ext: AuthtraceEntryExt = {
    id: value.id as string,
    step: value.step as AuthtraceEntryExt['step'],
    role: value.role as ExchangeRole,
    origin: value.origin as ExchangeOrigin,
    outcome: value.outcome as AuthtraceEntryExt['outcome'],
    diagnostics: [],
  };
  if (typeof value.purpose === 'string') ext.purpose = value.purpose;
  const original = isObject(value.edited) ? httpRequestOf(value.edited.original) : undefined;
  if (original) ext.edited = { original };
  if (isObject(value.error) && oneOf(NETWORK_ERROR_CODES, value.error.code) && typeof value.error.message === 'string') {
    ext.error = { code: value.error.code as NetworkErrorCode, message: value.error.message };
  }
  if (value.truncated === true) ext.truncated = true;
  const total = num(value.total);
  if (total !== undefined) ext.total = total;
  return ext;
}

/** Every code, so that a code added to the model must be added here. */
const NETWORK_ERROR_CODE_LIST: Record<NetworkErrorCode, true> = {
  'connection-refused': true,
  dns: true,
  timeout: true,
  tls: true,
  reset: true,
  'invalid-url': true,
  blocked: true,
  other: true,
};
const NETWORK_ERROR_CODES: ReadonlySet<string> = new Set(Object.keys(NETWORK_ERROR_CODE_LIST));

/** An HttpRequest as Authtrace writes one (a step's prepared request, an edited original), or undefined. */
export function httpRequestOf(value: unknown): HttpRequest | undefined {
  if (!isObject(value) || typeof value.method !== 'string' || typeof value.url !== 'string' || !Array.isArray(value.headers)) return undefined;
  if (!value.headers.every((h) => isObject(h) && typeof h.name === 'string' && typeof h.value === 'string')) return undefined;
  if (value.body !== undefined && typeof value.body !== 'string') return undefined;
  const request: HttpRequest = { method: value.method, url: value.url, headers: (value.headers as Header[]).map((h) => ({ name: h.name, value: h.value })) };
  if (value.body !== undefined) request.body = value.body;
  return request;
}

function bodyOf(postData: unknown): string | undefined {
  if (!isObject(postData)) return undefined;
  const text = str(postData.text);
  if (text !== undefined) return text;
  if (!Array.isArray(postData.params)) return '';
  return postData.params
    .filter(isObject)
    .map((p) => `${encodeURIComponent(str(p.name) ?? '')}=${encodeURIComponent(str(p.value) ?? '')}`)
    .join('&');
}

/** Base64 bodies that are not valid UTF-8 (images, say) are decoded with replacement characters. */
function contentText(content: Obj): string {
  const text = str(content.text) ?? '';
  if (str(content.encoding)?.toLowerCase() !== 'base64') return text;
  return decodeBase64(text.replace(/\s+/g, ''), { lossy: true }) ?? text;
}

/** Chromium's net::ERR_* names → the model's codes. */
export function networkErrorCode(message: string): NetworkErrorCode {
  if (/CONNECTION_REFUSED|ECONNREFUSED/i.test(message)) return 'connection-refused';
  if (/NAME_NOT_RESOLVED|NAME_RESOLUTION|ENOTFOUND|EAI_AGAIN/i.test(message)) return 'dns';
  if (/TIMED_OUT|TIMEOUT|ETIMEDOUT/i.test(message)) return 'timeout';
  if (/CERT|SSL|TLS/i.test(message)) return 'tls';
  if (/CONNECTION_RESET|ECONNRESET|CONNECTION_CLOSED/i.test(message)) return 'reset';
  if (/INVALID_URL/i.test(message)) return 'invalid-url';
  return 'other';
}

export function readEntry(raw: unknown, index: number, fallbackTime: string): ReadEntry | { skip: string } {
  const label = `entry ${index + 1}`;
  if (!isObject(raw) || !isObject(raw.request)) return { skip: `${label}: no request` };
  const method = str(raw.request.method);
  const url = str(raw.request.url);
  if (!method || !url) return { skip: `${label}: the request has no method or URL` };
  if (!/^https?:/i.test(url)) return { skip: `${label} (${method} ${url.slice(0, 40)}): not an HTTP request` };
  if (!URL.canParse(url)) return { skip: `${label} (${method} ${url.slice(0, 40)}): the URL does not parse` };

  const ext = authtraceExt(raw._authtrace);
  const startedDateTime = str(raw.startedDateTime);
  const badTime = startedDateTime === undefined || Number.isNaN(Date.parse(startedDateTime));
  const request: HttpRequest = { method, url, headers: headersOf(raw.request.headers, ext !== undefined) };
  const body = bodyOf(raw.request.postData);
  if (body !== undefined) request.body = body;

  const base = {
    id: ext?.id ?? `e${index + 1}`,
    step: ext?.step ?? 'unrelated',
    role: ext?.role ?? 'other',
    startedAt: badTime ? fallbackTime : startedDateTime,
    origin: ext?.origin ?? 'imported',
    request,
  } as const;
  const extras: Partial<Pick<Exchange, 'purpose' | 'edited'>> = {};
  if (ext?.purpose !== undefined) extras.purpose = ext.purpose;
  if (ext?.edited !== undefined) extras.edited = ext.edited;
  const fromCache = raw._fromCache !== undefined && raw._fromCache !== false;
  if (fromCache && !ext) extras.purpose = `served from the browser cache (${scalarText(raw._fromCache) || 'yes'})`;

  const response = isObject(raw.response) ? raw.response : {};
  const timingsRaw = isObject(raw.timings) ? raw.timings : {};
  const wait = nonNegative(timingsRaw.wait) ?? 0;
  const receive = nonNegative(timingsRaw.receive) ?? 0;
  const timings: Timings = { wait, receive, total: num(ext?.total) ?? nonNegative(raw.time) ?? wait + receive };
  const read = { index, ext, resourceType: str(raw._resourceType), fromCache, badTime };

  // Chromium writes status 0 for a failed request, Playwright -1 (with _failureText).
  const outcome = ext?.outcome ?? ((num(response.status) ?? 0) > 0 ? 'response' : 'network-error');
  if (outcome === 'opened-in-browser') {
    return { ...read, bodyCut: false, bodyElsewhere: false, exchange: { ...base, ...extras, outcome } };
  }
  if (outcome === 'network-error') {
    const message = str(response._error) || str(response._failureText) || str(raw._failureText) || 'No response was recorded.';
    const error = ext?.error ?? { code: networkErrorCode(message), message };
    return { ...read, bodyCut: false, bodyElsewhere: false, exchange: { ...base, ...extras, outcome, error, timings } };
  }

  const content = isObject(response.content) ? response.content : {};
  let text = contentText(content);
  const bodyCut = text.length > MAX_BODY_BYTES;
  if (bodyCut) text = text.slice(0, MAX_BODY_BYTES);
  const httpResponse: HttpResponse = {
    status: num(response.status) ?? 0,
    statusText: str(response.statusText) ?? '',
    headers: headersOf(response.headers, ext !== undefined),
    body: text,
    truncated: ext?.truncated === true || bodyCut,
    bodySize: nonNegative(content.size) ?? nonNegative(response.bodySize) ?? utf8Length(text),
    httpVersion: str(response.httpVersion) ?? '',
  };
  const bodyElsewhere = content.text === undefined && typeof content._file === 'string';
  return { ...read, bodyCut, bodyElsewhere, exchange: { ...base, ...extras, outcome: 'response', response: httpResponse, timings } };
}
