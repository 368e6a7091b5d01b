import { generateKeyPair, randomUUID, type KeyObject } from 'node:crypto';
import { promisify } from 'node:util';
import type { JWK } from 'jose';

export interface SigningKeys {
  /** Private keys in the form oidc-provider's `jwks` option takes. */
  privateJwks: { keys: JWK[] };
  /** The matching public keys, to verify access tokens. */
  publicJwks: { keys: JWK[] };
}

const generate = promisify(generateKeyPair);

function toJwk(key: KeyObject, kid: string, alg: string): JWK {
  return { ...(key.export({ format: 'jwk' }) as JWK), kid, alg, use: 'sig' };
}

async function createKeys(): Promise<SigningKeys> {
  // RS256 for ID tokens (the OpenID default), ES256 for the JWT access tokens.
  const [rsa, ec] = await Promise.all([
    generate('rsa', { modulusLength: 2048 }),
    generate('ec', { namedCurve: 'P-256' }),
  ]);
  const rsaKid = `rs-${randomUUID()}`;
  const ecKid = `es-${randomUUID()}`;
  return {
    privateJwks: { keys: [toJwk(rsa.privateKey, rsaKid, 'RS256'), toJwk(ec.privateKey, ecKid, 'ES256')] },
    publicJwks: { keys: [toJwk(rsa.publicKey, rsaKid, 'RS256'), toJwk(ec.publicKey, ecKid, 'ES256')] },
  };
}

let shared: Promise<SigningKeys> | undefined;

/** One key set per process: RSA generation is the slowest part of starting a sandbox. */
export function signingKeys(): Promise<SigningKeys> {
  shared ??= createKeys();
  return shared;
}
