// Reads the client authentication actually present in a token request (RULES.md: "Used").
import { headerValue, type AuthMethod, type HttpRequest } from '../model.js';
import { decodeBase64, decodeBase64Url } from './base64.js';

export interface DetectedClientAuth {
  /** Every method present; more than one is itself an error (RFC 6749 §2.3). */
  methods: AuthMethod[];
  /** The client_id as sent (Basic user name, form field, or assertion subject). */
  clientId?: string;
  /** True when a Basic credential looks not form-urlencoded before base64 (RFC 6749 §2.3.1). */
  basicNotUrlEncoded?: boolean;
}

export function detectClientAuth(request: HttpRequest): DetectedClientAuth {
  const form = new URLSearchParams(request.body ?? '');
  const methods: AuthMethod[] = [];
  let clientId: string | undefined;
  let basicNotUrlEncoded: boolean | undefined;

  const authorization = headerValue(request.headers, 'authorization');
  if (authorization && /^basic\s+/i.test(authorization)) {
    methods.push('client_secret_basic');
    const decoded = decodeBase64(authorization.replace(/^basic\s+/i, '').trim());
    if (decoded !== undefined) {
      const colon = decoded.indexOf(':');
      const rawId = colon >= 0 ? decoded.slice(0, colon) : decoded;
      const rawSecret = colon >= 0 ? decoded.slice(colon + 1) : '';
      basicNotUrlEncoded = !isFormUrlEncoded(rawId) || !isFormUrlEncoded(rawSecret);
      clientId = safeDecode(rawId);
    }
  }
  if (form.has('client_secret')) methods.push('client_secret_post');
  const assertion = form.get('client_assertion');
  if (assertion) {
    methods.push(assertionAlg(assertion)?.startsWith('HS') ? 'client_secret_jwt' : 'private_key_jwt');
  }
  clientId ??= form.get('client_id') ?? undefined;
  if (methods.length === 0 && form.has('client_id')) methods.push('none');
  return { methods, ...(clientId !== undefined && { clientId }), ...(basicNotUrlEncoded !== undefined && { basicNotUrlEncoded }) };
}

/** The single method a request used, or null when it used none or several. */
export function usedMethod(request: HttpRequest): AuthMethod | null {
  const { methods } = detectClientAuth(request);
  return methods.length === 1 ? (methods[0] ?? null) : null;
}

// application/x-www-form-urlencoded output never contains these raw.
function isFormUrlEncoded(value: string): boolean {
  return !/[^A-Za-z0-9*\-._~%+]/.test(value);
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value.replace(/\+/g, ' '));
  } catch {
    return value;
  }
}

function assertionAlg(jwt: string): string | undefined {
  const header = jwt.split('.')[0];
  if (!header) return undefined;
  const json = decodeBase64Url(header);
  if (!json) return undefined;
  try {
    const alg = (JSON.parse(json) as { alg?: unknown }).alg;
    return typeof alg === 'string' ? alg : undefined;
  } catch {
    return undefined;
  }
}
