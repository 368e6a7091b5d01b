// Decoders of the credentials a request carries: HTTP Basic (RFC 7617, with RFC 6749 §2.3.1's
// form-urlencoding) and JWTs (client assertions, access tokens, DPoP proofs).
import { decodeBase64 } from './base64.js';

export interface BasicCredentials {
  /** As they stand between base64 and the colon, before form-url-decoding. */
  rawId: string;
  rawSecret: string;
  /** Form-url-decoded, as RFC 6749 §2.3.1 asks a server to read them. */
  id: string;
  secret: string;
}

/** The credentials of an `Authorization: Basic …` value; undefined when it is not one or does not decode. */
export function decodeBasic(authorization: string): BasicCredentials | undefined {
  const match = /^basic\s+(\S+)\s*$/i.exec(authorization);
  const decoded = match ? decodeBase64(match[1]!) : undefined;
  const colon = decoded?.indexOf(':') ?? -1;
  if (decoded === undefined || colon < 0) return undefined;
  const rawId = decoded.slice(0, colon);
  const rawSecret = decoded.slice(colon + 1);
  return { rawId, rawSecret, id: formDecode(rawId), secret: formDecode(rawSecret) };
}

export function isBasic(authorization: string | undefined): boolean {
  return authorization !== undefined && /^basic(\s|$)/i.test(authorization);
}

/** application/x-www-form-urlencoded component decoding; the text itself when it is not valid. */
export function formDecode(value: string): string {
  try {
    return decodeURIComponent(value.replace(/\+/g, ' '));
  } catch {
    return value;
  }
}

/** Form-urlencoded output never holds these characters raw (RFC 6749 Appendix B). */
export function isFormUrlEncoded(value: string): boolean {
  return !/[^A-Za-z0-9*\-._~%+]/.test(value);
}

export type JsonObject = Record<string, unknown>;

export interface DecodedJwt {
  header: JsonObject;
  payload: JsonObject;
}

const isObject = (value: unknown): value is JsonObject => typeof value === 'object' && value !== null && !Array.isArray(value);

function parseObject(text: string | undefined): JsonObject | undefined {
  if (text === undefined) return undefined;
  try {
    const value: unknown = JSON.parse(text);
    return isObject(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

/** Header and claims of a compact JWS; the signature is not checked. */
export function decodeJwt(token: string): DecodedJwt | undefined {
  const parts = token.split('.');
  if (parts.length !== 3 || parts.some((p) => p === '')) return undefined;
  const header = parseObject(decodeBase64(parts[0]!));
  const payload = parseObject(decodeBase64(parts[1]!));
  return header && payload ? { header, payload } : undefined;
}

/** The `alg` of a JWT's header, read without requiring a readable payload. */
export function jwtAlg(token: string): string | undefined {
  const alg = parseObject(decodeBase64(token.split('.')[0] ?? ''))?.alg;
  return typeof alg === 'string' ? alg : undefined;
}
