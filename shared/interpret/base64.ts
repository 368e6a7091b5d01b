// The one base64 codec (UTF-8 text), environment-neutral: atob/btoa exist in browsers and Node.

/** Standard or URL-safe base64, padded or not; undefined for anything else. */
export function decodeBase64Bytes(value: string): Uint8Array | undefined {
  const binary = decodeBinary(value);
  return binary === undefined ? undefined : bytesOf(binary);
}

function bytesOf(binary: string): Uint8Array {
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** The decoded bytes as a string of char codes 0-255 (what atob gives). */
function decodeBinary(value: string): string | undefined {
  const text = value.replace(/-/g, '+').replace(/_/g, '/');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(text)) return undefined;
  const unpadded = text.replace(/=+$/, '');
  if (unpadded.length % 4 === 1) return undefined;
  try {
    return atob(unpadded + '='.repeat((4 - (unpadded.length % 4)) % 4));
  } catch {
    return undefined;
  }
}

const ASCII = /^[\x00-\x7f]*$/;

/**
 * Base64 of UTF-8 text; undefined when it is not base64, or (unless `lossy`) when the bytes are
 * not UTF-8. `lossy` decodes other bytes with replacement characters (a HAR's binary body).
 */
export function decodeBase64(value: string, { lossy = false }: { lossy?: boolean } = {}): string | undefined {
  const binary = decodeBinary(value);
  if (binary === undefined) return undefined;
  // ASCII bytes are their own UTF-8 decoding (most tokens and JSON).
  if (ASCII.test(binary)) return binary;
  try {
    return new TextDecoder('utf-8', { fatal: !lossy }).decode(bytesOf(binary));
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
