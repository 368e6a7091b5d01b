// What the token request's client authentication looks like: the methods come from
// shared/http/client-auth.ts (the one reading of "used"); the rest is what evidence needs.
import type { AuthMethod, HttpRequest } from '../model.js';
import { headerValue } from '../model.js';
import { decodeBase64 } from '../http/base64.js';
import { detectClientAuth } from '../http/client-auth.js';
import { decodeJwt, parseForm, parseJson, str } from './util.js';

const isObjectOrArray = (value: unknown): boolean => typeof value === 'object' && value !== null;

export interface BasicCredentials {
  /** As they appear between base64 and the colon, before form-url-decoding. */
  rawId: string;
  rawSecret: string;
}

export interface ClientAuthReading {
  methods: AuthMethod[];
  /** The body is JSON, not a form: nothing in it authenticates the client (RFC 6749 §2.3.1, §4.1.3). */
  jsonBody?: boolean;
  form?: URLSearchParams;
  basic?: BasicCredentials;
  assertionAlg?: string;
  clientId?: string;
}

export function readClientAuth(request: HttpRequest): ClientAuthReading {
  const detected = detectClientAuth(request);
  // shared/http/client-auth.ts reads every body as a form, so a JSON body whose strings hold
  // `&client_secret=` or `&client_id=` would count as client_secret_post or none, and AM-03 or
  // AM-05 would fire on a method that was never used. A JSON token request is not a form at
  // all (the catalogue has no rule for it); only the Authorization header is read.
  const jsonBody = isObjectOrArray(parseJson(request.body));
  const methods = jsonBody ? detected.methods.filter((m) => m === 'client_secret_basic') : detected.methods;
  const reading: ClientAuthReading = { methods };
  if (jsonBody) reading.jsonBody = true;
  if (detected.clientId !== undefined && (!jsonBody || methods.length > 0)) reading.clientId = detected.clientId;
  const form = parseForm(request.body);
  if (form) reading.form = form;
  const basic = /^basic\s+(\S*)\s*$/i.exec(headerValue(request.headers, 'authorization') ?? '');
  const decoded = basic ? decodeBase64(basic[1] ?? '') : undefined;
  const colon = decoded?.indexOf(':') ?? -1;
  if (decoded !== undefined && colon >= 0) reading.basic = { rawId: decoded.slice(0, colon), rawSecret: decoded.slice(colon + 1) };
  const assertion = form?.get('client_assertion');
  const alg = assertion ? str(decodeJwt(assertion)?.header.alg) : undefined;
  if (alg) reading.assertionAlg = alg;
  return reading;
}
