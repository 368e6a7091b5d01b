// The one base64 codec (UTF-8 text), environment-neutral: atob/btoa exist in browsers and Node.

/** Standard or URL-safe base64, padded or not; undefined for anything else. */
export function decodeBase64Bytes(value: string): Uint8Array | undefined {
  const text = value.replace(/-/g, '+').replace(/_/g, '/');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(text) || text.replace(/=+$/, '').length % 4 === 1) return undefined;
  try {
    const unpadded = text.replace(/=+$/, '');
    const binary = atob(unpadded + '='.repeat((4 - (unpadded.length % 4)) % 4));
    return Uint8Array.from(binary, (ch) => ch.charCodeAt(0));
  } catch {
    return undefined;
  }
}

/**
 * Base64 of UTF-8 text; undefined when it is not base64, or (unless `lossy`) when the bytes are
 * not UTF-8. `lossy` decodes other bytes with replacement characters (a HAR's binary body).
 */
export function decodeBase64(value: string, { lossy = false }: { lossy?: boolean } = {}): string | undefined {
  const bytes = decodeBase64Bytes(value);
  if (!bytes) return undefined;
  try {
    return new TextDecoder('utf-8', { fatal: !lossy }).decode(bytes);
  } catch {
    return undefined;
  }
}

export function encodeBase64(value: string): string {
  let binary = '';
  for (const byte of new TextEncoder().encode(value)) binary += String.fromCharCode(byte);
  return btoa(binary);
}

export function encodeBase64Url(value: string): string {
  return encodeBase64(value).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}
