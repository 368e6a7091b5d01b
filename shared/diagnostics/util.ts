import type { Exchange, HttpResponse } from '../model.js';
import { headerValue } from '../model.js';
export { decodeJwt, type DecodedJwt } from '../interpret/credentials.js';
export { isObject, parseJson, str, stringArray, type JsonObject } from '../interpret/json.js';

export type Responded = Extract<Exchange, { outcome: 'response' }>;

export function responded(ex: Exchange | undefined): ex is Responded {
  return ex !== undefined && ex.outcome === 'response';
}

export function parseForm(text: string | undefined): URLSearchParams | undefined {
  if (text === undefined || text.trim() === '' || /^\s*[[{]/.test(text)) return undefined;
  return new URLSearchParams(text);
}

export function parseUrl(text: string | undefined): URL | undefined {
  if (!text) return undefined;
  try {
    return new URL(text);
  } catch {
    return undefined;
  }
}

export function is2xx(response: HttpResponse): boolean {
  return response.status >= 200 && response.status < 300;
}

export function isRedirect(response: HttpResponse): boolean {
  return response.status >= 300 && response.status < 400 && response.status !== 304;
}

export function responseHeader(ex: Responded, name: string): string | undefined {
  return headerValue(ex.response.headers, name);
}

const LOOPBACK_V4 = /^127(\.\d{1,3}){3}$/;

/** 127.0.0.0/8, [::1] and localhost (RFC 8252 §8.3 discourages the name, but it is still loopback). */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase();
  return host === 'localhost' || host === '[::1]' || host === '::1' || LOOPBACK_V4.test(host);
}

export function isLoopbackUrl(url: URL | undefined): boolean {
  return url !== undefined && isLoopbackHost(url.hostname);
}

export function scopeSet(scope: string | null | undefined): Set<string> {
  return new Set((scope ?? '').split(/\s+/).filter((s) => s !== ''));
}

export function setsEqual(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
  if (a.size !== b.size) return false;
  for (const v of a) if (!b.has(v)) return false;
  return true;
}

export function quote(value: unknown): string {
  const text = typeof value === 'string' ? JSON.stringify(value) : (JSON.stringify(value) ?? 'undefined');
  return text.length > 300 ? `${text.slice(0, 297)}...` : text;
}

export function list(values: readonly string[]): string {
  return values.length === 0 ? '[]' : `[${values.map((v) => JSON.stringify(v)).join(', ')}]`;
}

/** Never show a secret: only its kind and length. */
export function redact(secret: string): string {
  return `[redacted, ${secret.length} chars]`;
}

