// DPoP (RFC 9449) through oauth4webapi: one key pair per session, a fresh proof per request (§4.2),
// bound to the access token by `ath` at the resource (§7.1), and each server's nonce once it asks (§8, §9).
import * as oauth from 'oauth4webapi';
import { demandedNonce } from '../interpret/dpop.js';
import type { Header, HttpRequest } from '../model.js';
import type { HttpResult } from './ports.js';

/**
 * oauth4webapi's DPoP handle signs proofs and keeps the last nonce of each origin. Its typings expose
 * only the thumbprint; the two methods its own grant functions call are declared here, and
 * dpop.test.ts verifies the proofs they make, so an upgrade that changes them fails there.
 */
interface ProofSigner extends oauth.DPoPHandle {
  addProof(url: URL, headers: Headers, htm: string, accessToken?: string): Promise<void>;
  cacheNonce(response: Response, url: URL): void;
}

export interface DpopKey {
  readonly handle: ProofSigner;
  readonly thumbprint: string;
}

/** ES256, the algorithm every DPoP server supports; chosen when the authorization server advertises it. */
export async function createDpopKey(): Promise<DpopKey> {
  const keyPair = await oauth.generateKeyPair('ES256', { extractable: true });
  const handle = oauth.DPoP({}, keyPair) as ProofSigner;
  return { handle, thumbprint: await handle.calculateThumbprint() };
}

export function supportsEs256(algs: unknown): boolean {
  return Array.isArray(algs) && algs.includes('ES256');
}

/** Remembers the nonce a server sent (DPoP-Nonce), for every later proof to that origin. */
export function rememberNonce(key: DpopKey, url: string, headers: readonly Header[]): void {
  const response = new Response(null, { headers: headers.filter((h) => h.name.toLowerCase() === 'dpop-nonce').map((h): [string, string] => [h.name, h.value]) });
  key.handle.cacheNonce(response, new URL(url));
}

/** The request with a fresh proof in its DPoP header (any earlier one replaced). */
export async function withProof(request: HttpRequest, key: DpopKey, accessToken?: string): Promise<HttpRequest> {
  const signed = new Headers();
  await key.handle.addProof(new URL(request.url), signed, request.method.toUpperCase(), accessToken);
  const headers: Header[] = request.headers.filter((h) => h.name.toLowerCase() !== 'dpop');
  headers.push({ name: 'DPoP', value: signed.get('dpop') ?? '' });
  return { ...request, headers };
}

/**
 * Sends a request that carries a proof and keeps the nonce the server sends back. When the server
 * asks for its nonce (use_dpop_nonce: RFC 9449 §8 at the AS, §9 at the resource), `sign` makes the
 * request again with a fresh proof, which is sent once more. Without a key it only sends.
 */
export async function sendWithNonce<R extends HttpResult>(
  key: DpopKey | undefined,
  request: HttpRequest,
  send: (request: HttpRequest, again: boolean) => Promise<R>,
  sign: () => Promise<HttpRequest>,
): Promise<{ request: HttpRequest; result: R }> {
  const result = await send(request, false);
  if (!key || result.outcome !== 'response') return { request, result };
  rememberNonce(key, request.url, result.response.headers);
  if (!demandedNonce(result.response.status, result.response.headers, result.response.body)) return { request, result };
  const signed = await sign();
  const again = await send(signed, true);
  if (again.outcome === 'response') rememberNonce(key, signed.url, again.response.headers);
  return { request: signed, result: again };
}
