// Applies the chosen client authentication to a token request with oauth4webapi's ClientAuth
// functions, so the bytes on the wire are what a standards-following client sends.
import * as oauth from 'oauth4webapi';
import type { AuthMethod, ClientRecord, Header } from '../model.js';
import { encodeBase64 } from '../interpret/base64.js';
import { StepFailure, type AuthorizationServerMetadata } from './context.js';

export async function applyClientAuth(
  method: AuthMethod,
  as: AuthorizationServerMetadata,
  client: ClientRecord,
  body: URLSearchParams,
  privateKey: string | undefined,
): Promise<Header[]> {
  const headers = new Headers();
  const auth = await clientAuthFor(method, client, privateKey);
  await auth(as as oauth.AuthorizationServer, { client_id: client.client_id }, body, headers);
  const out: Header[] = [];
  headers.forEach((value, name) => out.push({ name: name === 'authorization' ? 'Authorization' : name, value }));
  return out;
}

async function clientAuthFor(method: AuthMethod, client: ClientRecord, privateKey: string | undefined): Promise<oauth.ClientAuth> {
  const secret = client.client_secret;
  const needSecret = (): string => {
    if (!secret) {
      throw new StepFailure(
        'CLIENT_SECRET_MISSING',
        `The method ${method} needs a client secret, but the client ${client.client_id} has none.`,
        'Choose --auth-method none, or give the secret with --client-secret.',
      );
    }
    return secret;
  };
  switch (method) {
    case 'none':
      return oauth.None();
    case 'client_secret_basic':
      return clientSecretBasic(needSecret());
    case 'client_secret_post':
      return oauth.ClientSecretPost(needSecret());
    case 'client_secret_jwt':
      return oauth.ClientSecretJwt(needSecret());
    case 'private_key_jwt': {
      if (!privateKey) throw new StepFailure('CONFIG_MISSING', 'private_key_jwt needs a private key.', 'Pass --private-key <file> (a JWK or PKCS#8 PEM).');
      return oauth.PrivateKeyJwt(await importPrivateKey(privateKey));
    }
  }
}

type Jwk = Parameters<typeof crypto.subtle.importKey>[1] & { kty?: string; crv?: string; kid?: string; alg?: string };
const RSA = { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' } as const;
const P256 = { name: 'ECDSA', namedCurve: 'P-256' } as const;
// The WebCrypto key type, named without the DOM library (shared/ builds without it).
type CryptoKey = Awaited<ReturnType<typeof crypto.subtle.importKey>>;

async function importKey(text: string, extractable: boolean): Promise<{ key: CryptoKey; kid?: string }> {
  try {
    return await importKeyUnchecked(text, extractable);
  } catch (e) {
    if (e instanceof StepFailure) throw e;
    throw new StepFailure('PRIVATE_KEY_INVALID', `Could not read the private key: ${(e as Error).message}.`, 'Give an RSA or P-256 private key as a JWK (JSON) or a PKCS#8 PEM.');
  }
}

async function importKeyUnchecked(text: string, extractable: boolean): Promise<{ key: CryptoKey; kid?: string }> {
  const trimmed = text.trim();
  if (trimmed.startsWith('{')) {
    const jwk = JSON.parse(trimmed) as Jwk;
    const algorithm = jwk.kty === 'EC' ? { name: 'ECDSA', namedCurve: jwk.crv ?? 'P-256' } : RSA;
    const key = await crypto.subtle.importKey('jwk', jwk as never, algorithm, extractable, ['sign']);
    return { key, ...(jwk.kid && { kid: jwk.kid }) };
  }
  const der = Uint8Array.from(atob(trimmed.replace(/-----[^-]+-----/g, '').replace(/\s+/g, '')), (c) => c.charCodeAt(0));
  for (const algorithm of [RSA, P256]) {
    try {
      return { key: await crypto.subtle.importKey('pkcs8', der, algorithm, extractable, ['sign']) };
    } catch {
      // try the next key type
    }
  }
  throw new StepFailure('PRIVATE_KEY_INVALID', 'The private key is neither an RSA nor a P-256 key (a JWK, or PKCS#8 PEM).');
}

async function importPrivateKey(text: string): Promise<oauth.PrivateKey> {
  return importKey(text, false);
}

/** The public half of the private key as a JWK, for the jwks of a private_key_jwt registration. */
export async function publicJwk(text: string): Promise<Record<string, unknown>> {
  const { key, kid } = await importKey(text, true);
  const jwk = (await crypto.subtle.exportKey('jwk', key)) as Record<string, unknown>;
  const pub: Record<string, unknown> = {};
  for (const field of ['kty', 'crv', 'x', 'y', 'n', 'e']) if (jwk[field] !== undefined) pub[field] = jwk[field];
  const alg = jwk.kty !== 'EC' ? 'RS256' : jwk.crv === 'P-384' ? 'ES384' : jwk.crv === 'P-521' ? 'ES512' : 'ES256';
  return { ...pub, use: 'sig', alg, ...(kid && { kid }) };
}

/**
 * RFC 6749 §2.3.1: id and secret are form-urlencoded, then joined by ":" and base64-encoded.
 * oauth4webapi also escapes "-", ".", "_", "*" and the like, which servers that compare the
 * decoded Basic value literally reject ("pre%2Dregistered" for "pre-registered"); URLSearchParams
 * encodes exactly what application/x-www-form-urlencoded requires.
 */
function clientSecretBasic(secret: string): oauth.ClientAuth {
  return (_as, client, _body, headers) => {
    const encode = (value: string) => new URLSearchParams([['', value]]).toString().slice(1);
    headers.set('authorization', `Basic ${encodeBase64(`${encode(client.client_id)}:${encode(secret)}`)}`);
  };
}
