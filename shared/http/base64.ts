// Environment-neutral base64 (atob/btoa exist in browsers and Node 16+) with UTF-8.

export function decodeBase64(value: string): string | undefined {
  try {
    const padded = value + '='.repeat((4 - (value.length % 4)) % 4);
    const binary = atob(padded);
    const bytes = Uint8Array.from(binary, (ch) => ch.charCodeAt(0));
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

export function encodeBase64(value: string): string {
  const bytes = new TextEncoder().encode(value);
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary);
}

export function decodeBase64Url(value: string): string | undefined {
  return decodeBase64(value.replace(/-/g, '+').replace(/_/g, '/'));
}
