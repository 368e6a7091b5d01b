// Secrets are masked wherever they are displayed, until the user reveals them.
const SECRET_FIELDS = new Set([
  'client_secret',
  'access_token',
  'refresh_token',
  'id_token',
  'code',
  'code_verifier',
  'client_assertion',
  'assertion',
  'password',
  'registration_access_token',
  'subject_token',
  'actor_token',
]);

const SECRET_HEADERS = new Set(['authorization', 'proxy-authorization', 'cookie', 'set-cookie', 'x-api-key', 'dpop']);

export const MASK = '••••••••';

export function isSecretField(name: string): boolean {
  return SECRET_FIELDS.has(name.toLowerCase());
}

export function isSecretHeader(name: string): boolean {
  return SECRET_HEADERS.has(name.toLowerCase());
}

/** Keeps the scheme of an Authorization value ("Bearer ••••••••"), hides the credential. */
export function maskHeaderValue(name: string, value: string): string {
  if (!isSecretHeader(name)) return value;
  const scheme = /^(Bearer|Basic|DPoP|Digest)\s+/i.exec(value);
  return scheme ? `${scheme[1]} ${MASK}` : MASK;
}

export function maskFieldValue(name: string, value: string): string {
  return isSecretField(name) && value.length > 0 ? MASK : value;
}

/** Masks secret query parameters, leaving the rest of the URL readable. */
export function maskUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return url;
  }
  let changed = false;
  for (const key of [...parsed.searchParams.keys()]) {
    if (isSecretField(key)) {
      parsed.searchParams.set(key, 'MASKED');
      changed = true;
    }
  }
  return changed ? parsed.href.replace(/MASKED/g, MASK) : url;
}

/** Masks secrets in a body that is JSON or form-encoded; other text passes through. */
export function maskBody(body: string): string {
  const trimmed = body.trimStart();
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
    return body.replace(/("([^"\\]*)"\s*:\s*)"((?:[^"\\]|\\.)*)"/g, (whole, prefix: string, key: string, value: string) =>
      isSecretField(key) && value.length > 0 ? `${prefix}"${MASK}"` : whole,
    );
  }
  if (/^[\w.~%+-]+=/.test(trimmed) && !/\s/.test(trimmed)) {
    return body
      .split('&')
      .map((pair) => {
        const eq = pair.indexOf('=');
        if (eq < 0) return pair;
        const key = safeDecode(pair.slice(0, eq));
        return isSecretField(key) && eq < pair.length - 1 ? `${pair.slice(0, eq)}=${MASK}` : pair;
      })
      .join('&');
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
