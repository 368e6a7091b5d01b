// A private reading of the client authentication in a token request, until
// shared/http/client-auth.ts lands. RULES.md: Basic → client_secret_basic, client_secret in the
// form → client_secret_post, client_assertion → a JWT method, only client_id → none.
import type { AuthMethod, HttpRequest } from '../model.js';
import { headerValue } from '../model.js';
import { decodeBase64, decodeJwt, parseForm, str } from './util.js';

export interface BasicCredentials {
  /** As they appear between base64 and the colon, before form-url-decoding. */
  rawId: string;
  rawSecret: string;
}

export interface ClientAuthReading {
  methods: AuthMethod[];
  form?: URLSearchParams;
  basic?: BasicCredentials;
  /** Set when an Authorization: Basic header did not decode to id:secret. */
  basicMalformed?: boolean;
  assertionAlg?: string;
  clientId?: string;
}

export function readClientAuth(request: HttpRequest): ClientAuthReading {
  const methods: AuthMethod[] = [];
  const reading: ClientAuthReading = { methods };
  const form = parseForm(request.body);
  if (form) reading.form = form;

  const authorization = headerValue(request.headers, 'authorization');
  const basic = authorization ? /^basic\s+(\S*)\s*$/i.exec(authorization) : null;
  if (basic) {
    methods.push('client_secret_basic');
    const decoded = decodeBase64(basic[1] ?? '');
    const colon = decoded?.indexOf(':') ?? -1;
    if (decoded === undefined || colon < 0) reading.basicMalformed = true;
    else reading.basic = { rawId: decoded.slice(0, colon), rawSecret: decoded.slice(colon + 1) };
  }
  if (form?.has('client_secret')) methods.push('client_secret_post');
  const assertion = form?.get('client_assertion');
  if (assertion) {
    const alg = str(decodeJwt(assertion)?.header.alg);
    if (alg) reading.assertionAlg = alg;
    methods.push(alg?.toUpperCase().startsWith('HS') ? 'client_secret_jwt' : 'private_key_jwt');
  }
  const formId = form?.get('client_id') ?? undefined;
  if (methods.length === 0 && formId) methods.push('none');
  const id = formId ?? (reading.basic ? safeDecode(reading.basic.rawId) : undefined);
  if (id !== undefined) reading.clientId = id;
  return reading;
}

export function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return text;
  }
}
