// The client authentication a token request carries (RULES.md "Used"): every method present,
// the client_id as sent, and the parts evidence needs. The only reading of "used" in Authtrace.
import { AUTH_METHODS, headerValue, type AuthMethod, type HttpRequest } from '../model.js';
import { decodeBasic, isBasic, isFormUrlEncoded, jwtAlg, type BasicCredentials } from './credentials.js';

export interface ClientAuthReading {
  /** Every method present, in a fixed order; more than one is itself an error (RFC 6749 §2.3). */
  methods: AuthMethod[];
  /** The one method used; null when the request carries none or several. */
  used: AuthMethod | null;
  /** The client_id as sent (Basic user name, else the form field). */
  clientId?: string;
  /** The body is JSON, not a form: nothing in it authenticates the client (RFC 6749 §2.3.1, §4.1.3). */
  jsonBody?: boolean;
  form?: URLSearchParams;
  basic?: BasicCredentials;
  /** The Basic credential was not form-urlencoded before base64 (RFC 6749 §2.3.1). */
  basicNotUrlEncoded?: boolean;
  assertionAlg?: string;
}

const JSON_START = /^\s*[[{]/;

function isJsonBody(body: string | undefined): boolean {
  if (body === undefined || !JSON_START.test(body)) return false;
  try {
    const value: unknown = JSON.parse(body);
    return typeof value === 'object' && value !== null;
  } catch {
    return false;
  }
}

export function readClientAuth(request: HttpRequest): ClientAuthReading {
  const methods: AuthMethod[] = [];
  const reading: Omit<ClientAuthReading, 'methods' | 'used'> = {};
  const authorization = headerValue(request.headers, 'authorization');
  if (isBasic(authorization)) {
    methods.push('client_secret_basic');
    const basic = decodeBasic(authorization!);
    if (basic) {
      reading.basic = basic;
      reading.clientId = basic.id;
      reading.basicNotUrlEncoded = !isFormUrlEncoded(basic.rawId) || !isFormUrlEncoded(basic.rawSecret);
    }
  }
  // A JSON token request is not a form: a string inside it holding `&client_secret=` must not
  // count as client_secret_post. Only the Authorization header authenticates it.
  if (isJsonBody(request.body)) reading.jsonBody = true;
  else if (request.body !== undefined && request.body.trim() !== '') {
    const form = new URLSearchParams(request.body.trim());
    reading.form = form;
    if (form.has('client_secret')) methods.push('client_secret_post');
    const assertion = form.get('client_assertion');
    if (assertion) {
      const alg = jwtAlg(assertion);
      if (alg) reading.assertionAlg = alg;
      methods.push(alg?.toUpperCase().startsWith('HS') ? 'client_secret_jwt' : 'private_key_jwt');
    }
    const formId = form.get('client_id');
    if (formId !== null) {
      reading.clientId ??= formId;
      if (methods.length === 0) methods.push('none');
    }
  }
  const ordered = AUTH_METHODS.filter((m) => methods.includes(m));
  return { methods: ordered, used: ordered.length === 1 ? ordered[0]! : null, ...reading };
}
