// RFC 9449: what a DPoP proof says, checked against the request it rides on (§4.2, §4.3), and the
// nonce a server demands (§8 at the authorization server, §9 at the resource server).
import { sha256Base64Url } from '../crypto/sha256.js';
import { parseWwwAuthenticate } from '../http/www-authenticate.js';
import { headerValue, headerValues, type Header } from '../model.js';
import { decodeJwt, type JsonObject } from './credentials.js';

/** What is wrong with a proof, each with the field it is about. */
export type DpopProblem =
  | { kind: 'not-a-jwt' }
  | { kind: 'several-proofs' }
  | { kind: 'typ'; value: unknown }
  | { kind: 'alg'; value: unknown }
  | { kind: 'jwk'; reason: 'missing' | 'private' }
  | { kind: 'claim-missing'; claim: 'jti' | 'htm' | 'htu' | 'iat' }
  | { kind: 'htm'; value: string; expected: string }
  | { kind: 'htu'; value: string; expected: string }
  | { kind: 'ath'; reason: 'missing' | 'mismatch' };

export interface DpopProof {
  header: JsonObject;
  payload: JsonObject;
}

export type DpopReading = { ok: true; proof: DpopProof; problems: DpopProblem[] } | { ok: false; problems: DpopProblem[] };

/** §4.2: htu is the target URI without query and fragment. */
export function dpopHtu(url: string): string {
  const u = new URL(url);
  return `${u.origin}${u.pathname}`;
}

/** §4.2: `ath`, the base64url SHA-256 of the access token's ASCII. */
export function dpopAth(accessToken: string): string {
  return sha256Base64Url(accessToken);
}

const SYMMETRIC_OR_NONE = /^(none|HS\d+)$/i;
const PRIVATE_JWK_MEMBERS = ['d', 'p', 'q', 'dp', 'dq', 'qi', 'k'];

/**
 * Reads the DPoP header of a request. `accessToken` is the token the request presents with the DPoP
 * scheme, when it can be read (not redacted): then `ath` must be its hash.
 */
export function readDpopProof(headers: readonly Header[], request: { method: string; url: string }, accessToken?: string): DpopReading | undefined {
  const values = headerValues(headers, 'dpop');
  if (values.length === 0) return undefined;
  if (values.length > 1 || values[0]!.includes(',')) return { ok: false, problems: [{ kind: 'several-proofs' }] };
  // A HAR keeps the proof's header and claims and redacts its signature; both decode the same.
  const decoded = decodeJwt(values[0]!.replace(/\.\[redacted[^\]]*\]$/, '.x'));
  if (!decoded) return { ok: false, problems: [{ kind: 'not-a-jwt' }] };
  const { header, payload } = decoded;
  const problems: DpopProblem[] = [];
  if (header.typ !== 'dpop+jwt') problems.push({ kind: 'typ', value: header.typ });
  if (typeof header.alg !== 'string' || SYMMETRIC_OR_NONE.test(header.alg)) problems.push({ kind: 'alg', value: header.alg });
  const jwk = header.jwk;
  if (typeof jwk !== 'object' || jwk === null) problems.push({ kind: 'jwk', reason: 'missing' });
  else if (PRIVATE_JWK_MEMBERS.some((member) => member in jwk)) problems.push({ kind: 'jwk', reason: 'private' });
  for (const claim of ['jti', 'htm', 'htu', 'iat'] as const) if (payload[claim] === undefined) problems.push({ kind: 'claim-missing', claim });
  if (typeof payload.htm === 'string' && payload.htm !== request.method.toUpperCase()) problems.push({ kind: 'htm', value: payload.htm, expected: request.method.toUpperCase() });
  if (typeof payload.htu === 'string') {
    const expected = dpopHtu(request.url);
    if (!sameHtu(payload.htu, expected)) problems.push({ kind: 'htu', value: payload.htu, expected });
  }
  const ath = accessToken === undefined ? undefined : athProblem(payload, accessToken);
  if (ath) problems.push(ath);
  return { ok: true, proof: { header, payload }, problems };
}

/** What is wrong with a proof's `ath` for the token it rides with; `hash` computes dpopAth. */
export function athProblem(payload: JsonObject, accessToken: string, hash: (token: string) => string = dpopAth): DpopProblem | undefined {
  if (payload.ath === undefined) return { kind: 'ath', reason: 'missing' };
  return payload.ath !== hash(accessToken) ? { kind: 'ath', reason: 'mismatch' } : undefined;
}

/** §4.3 step 9: compared without query and fragment, after syntax-based normalisation (RFC 3986 §6.2.2). */
function sameHtu(htu: string, expected: string): boolean {
  try {
    const u = new URL(htu);
    return u.search === '' && u.hash === '' && `${u.origin}${u.pathname}` === expected;
  } catch {
    return false;
  }
}

/** The nonce a server demands: its DPoP-Nonce header, with `use_dpop_nonce` (§8: a 400 at the token endpoint; §9: a 401 DPoP challenge). */
export function demandedNonce(status: number, headers: readonly Header[], body: string): string | undefined {
  const nonce = headerValue(headers, 'dpop-nonce');
  if (!nonce || !asksForNonce(status, headers, body)) return undefined;
  return nonce;
}

/** Whether the answer is a `use_dpop_nonce` error, with or without the DPoP-Nonce header it must carry. */
export function asksForNonce(status: number, headers: readonly Header[], body: string, parse: typeof parseWwwAuthenticate = parseWwwAuthenticate): boolean {
  if (status === 400) return /"error"\s*:\s*"use_dpop_nonce"/.test(body);
  if (status !== 401) return false;
  const challenge = headerValue(headers, 'www-authenticate') ?? '';
  const parsed = parse(challenge);
  if (parsed.ok) return parsed.challenges.some((c) => c.scheme.toLowerCase() === 'dpop' && c.params.error === 'use_dpop_nonce');
  return /use_dpop_nonce/.test(challenge);
}
