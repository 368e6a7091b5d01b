// shell.openExternal is a way to run programs; only plain web URLs may pass.
export type ExternalUrlVerdict = { ok: true; url: string } | { ok: false; reason: string };

const MAX_URL_LENGTH = 8192;

export function checkExternalUrl(value: unknown): ExternalUrlVerdict {
  if (typeof value !== 'string' || value.length === 0) return { ok: false, reason: 'not a URL' };
  if (value.length > MAX_URL_LENGTH) return { ok: false, reason: 'URL too long' };
  let parsed: URL;
  try {
    parsed = new URL(value);
  } catch {
    return { ok: false, reason: 'not a valid URL' };
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    return { ok: false, reason: `only http and https URLs may be opened, not ${parsed.protocol}` };
  }
  if (parsed.username || parsed.password) return { ok: false, reason: 'URLs with credentials are refused' };
  if (!parsed.hostname) return { ok: false, reason: 'URL has no host' };
  return { ok: true, url: parsed.href };
}
