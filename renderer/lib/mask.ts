// Secrets are masked wherever they are displayed, until the user reveals them. What is a secret
// is shared/interpret/secrets.ts's call, the same as for HAR redaction.
import type { HttpRequest } from '../../shared/model.js';
import { isSecretHeader, isSecretJsonKey, isSecretParam, isUrlHeader, secretHeaderKind } from '../../shared/interpret/secrets.js';

export { isSecretHeader, isSecretJsonKey, isSecretParam };

export const MASK = '••••••••';

/** Keeps the scheme of an Authorization value ("Bearer ••••••••"), hides the credential. */
export function maskHeaderValue(name: string, value: string): string {
  const kind = secretHeaderKind(name);
  if (kind === undefined) return isUrlHeader(name) ? maskUrl(value) : value;
  if (kind === 'proof') {
    const parts = value.split('.');
    return parts.length === 3 ? `${parts[0]}.${parts[1]}.${MASK}` : MASK;
  }
  const scheme = kind === 'credentials' ? /^(\S+)\s+\S/.exec(value) : null;
  return scheme ? `${scheme[1]} ${MASK}` : MASK;
}

export function maskFieldValue(name: string, value: string): string {
  return isSecretParam(name) && value.length > 0 ? MASK : value;
}

/**
 * Masks secret query and fragment parameters (`#access_token=…` of an implicit response), leaving
 * the rest of the URL exactly as written: the text is not re-serialised, so a masked value reads
 * as the mask, not as its percent-encoding. Works on a whole URL or on a path with its query.
 */
export function maskUrl(url: string): string {
  const hashAt = url.indexOf('#');
  const beforeHash = hashAt < 0 ? url : url.slice(0, hashAt);
  const queryAt = beforeHash.indexOf('?');
  let out = queryAt < 0 ? beforeHash : `${beforeHash.slice(0, queryAt + 1)}${maskPairs(beforeHash.slice(queryAt + 1))}`;
  if (hashAt >= 0) out += `#${maskPairs(url.slice(hashAt + 1))}`;
  return out;
}

/** `a=1&code=x` → `a=1&code=••••••••`: only pairs whose (decoded) name is a secret field with a value. */
function maskPairs(text: string): string {
  return text
    .split('&')
    .map((pair) => {
      const eq = pair.indexOf('=');
      if (eq < 0) return pair;
      const key = safeDecode(pair.slice(0, eq));
      return isSecretParam(key) && eq < pair.length - 1 ? `${pair.slice(0, eq)}=${MASK}` : pair;
    })
    .join('&');
}

/** Masks secrets in a body that is JSON or form-encoded; other text passes through. */
export function maskBody(body: string): string {
  const trimmed = body.trimStart();
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
    return body.replace(/("([^"\\]*)"\s*:\s*)"((?:[^"\\]|\\.)*)"/g, (whole, prefix: string, key: string, value: string) =>
      isSecretJsonKey(key) && value.length > 0 ? `${prefix}"${MASK}"` : whole,
    );
  }
  // A form body, possibly with whitespace or a newline around it (as typed or as some clients send it).
  const core = body.trim();
  if (/^[\w.~%+-]+=/.test(core) && !/\s/.test(core)) {
    const start = body.length - trimmed.length;
    return `${body.slice(0, start)}${maskPairs(core)}${body.slice(start + core.length)}`;
  }
  return body;
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value.replace(/\+/g, ' '));
  } catch {
    return value;
  }
}

/** A request as the screen shows it masked: what a redacted copy (URL, curl) is made from. */
export function maskRequest(request: HttpRequest): HttpRequest {
  return {
    ...request,
    url: maskUrl(request.url),
    headers: request.headers.map((h) => ({ name: h.name, value: maskHeaderValue(h.name, h.value) })),
    ...(request.body !== undefined && { body: maskBody(request.body) }),
  };
}
