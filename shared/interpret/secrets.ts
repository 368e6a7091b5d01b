// What is a secret: the one classifier behind HAR redaction, on-screen masking, the CLI's
// output and the diagnostics' evidence. A value is secret by where it sits: a header name, or a
// query, form or JSON key.

/** Query, form and JSON keys whose values are secrets. */
const SECRET_PARAMS = [
  'client_secret',
  'access_token',
  'refresh_token',
  'id_token',
  'id_token_hint',
  'logout_token',
  'code',
  'code_verifier',
  'client_assertion',
  'assertion',
  'subject_token',
  'actor_token',
  'device_code',
  'registration_access_token',
  'password',
  // RFC 7009 revocation and RFC 7662 introspection bodies
  'token',
  'api_key',
  'apikey',
] as const;

/**
 * Keys compare lower-cased without `_` and `-` and without a trailing `[...]`, so `accessToken`,
 * `Access-Token` and `client_secret[]` are the secrets they look like.
 */
function normaliseKey(key: string): string {
  return key.toLowerCase().replace(/\[[^\]]*\]$/, '').replace(/[_-]/g, '');
}

const PARAM_NAMES: ReadonlySet<string> = new Set(SECRET_PARAMS.map(normaliseKey));
/** In JSON bodies `code` is nearly always an error code (JSON-RPC, OAuth errors), not an authorization code. */
const JSON_NAMES: ReadonlySet<string> = new Set([...PARAM_NAMES].filter((k) => k !== 'code'));

/** A query, form or fragment parameter whose value is a secret. */
export function isSecretParam(name: string): boolean {
  return PARAM_NAMES.has(normaliseKey(name));
}

/** A JSON object key whose value (or every string inside it) is a secret. */
export function isSecretJsonKey(key: string): boolean {
  return JSON_NAMES.has(normaliseKey(key));
}

/** Passwords get a bare marker: a hash of one could confirm a guess. */
export function isPasswordKey(key: string | undefined): boolean {
  return key !== undefined && normaliseKey(key) === 'password';
}

/**
 * How a secret header holds its secret: `credentials` is `<scheme> <credentials>` (the scheme
 * stays readable), `token` the whole value, `cookie` and `set-cookie` their values.
 */
/** `proof`: a signed JWT whose header and claims are worth reading; only its signature is secret. */
export type SecretHeaderKind = 'credentials' | 'token' | 'proof' | 'cookie' | 'set-cookie';

const SECRET_HEADERS: ReadonlyMap<string, SecretHeaderKind> = new Map([
  ['authorization', 'credentials'],
  ['proxy-authorization', 'credentials'],
  ['cookie', 'cookie'],
  ['set-cookie', 'set-cookie'],
  ['x-api-key', 'token'],
  ['api-key', 'token'],
  ['x-auth-token', 'token'],
  ['private-token', 'token'],
  ['x-goog-api-key', 'token'],
  ['x-access-token', 'token'],
  ['x-amz-security-token', 'token'],
  // RFC 9449: a DPoP proof could be replayed within its lifetime; without its signature it cannot, and its
  // header and claims (htm, htu, ath, nonce) are what a reader debugs.
  ['dpop', 'proof'],
]);

export function secretHeaderKind(name: string): SecretHeaderKind | undefined {
  return SECRET_HEADERS.get(name.toLowerCase());
}

const URL_HEADERS: ReadonlySet<string> = new Set(['location', 'content-location', 'referer', ':path']);

/** A header whose value is a URL: its secret query and fragment parameters are secrets. */
export function isUrlHeader(name: string): boolean {
  return URL_HEADERS.has(name.toLowerCase());
}

export function isSecretHeader(name: string): boolean {
  return SECRET_HEADERS.has(name.toLowerCase());
}

/** Every parameter name the classifier knows, for tests and documentation. */
export const KNOWN_SECRET_PARAMS: readonly string[] = SECRET_PARAMS;
export const KNOWN_SECRET_HEADERS: readonly string[] = [...SECRET_HEADERS.keys()];
