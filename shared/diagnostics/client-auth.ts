// What the token request's client authentication looks like: the methods come from
// shared/http/client-auth.ts (the one reading of "used"); the rest is what evidence needs.
import type { AuthMethod, HttpRequest } from '../model.js';
import { headerValue } from '../model.js';
import { decodeBase64 } from '../http/base64.js';
import { detectClientAuth } from '../http/client-auth.js';
import { decodeJwt, parseForm, str } from './util.js';

export interface BasicCredentials {
  /** As they appear between base64 and the colon, before form-url-decoding. */
  rawId: string;
  rawSecret: string;
}

export interface ClientAuthReading {
  methods: AuthMethod[];
  form?: URLSearchParams;
  basic?: BasicCredentials;
  assertionAlg?: string;
  clientId?: string;
}

export function readClientAuth(request: HttpRequest): ClientAuthReading {
  const detected = detectClientAuth(request);
  const reading: ClientAuthReading = { methods: detected.methods };
  if (detected.clientId !== undefined) reading.clientId = detected.clientId;
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
