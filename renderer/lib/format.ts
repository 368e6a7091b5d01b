export function formatDuration(ms: number | undefined): string {
  if (ms === undefined) return '';
  if (ms < 1) return '<1 ms';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  return `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} kB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

export function splitUrl(url: string): { origin: string; path: string } {
  try {
    const u = new URL(url);
    return { origin: u.origin, path: u.pathname + u.search };
  } catch {
    return { origin: '', path: url };
  }
}

export function contentType(headers: ReadonlyArray<{ name: string; value: string }>): string {
  const value = headers.find((h) => h.name.toLowerCase() === 'content-type')?.value ?? '';
  return value.split(';', 1)[0]?.trim().toLowerCase() ?? '';
}

export function isFormBody(headers: ReadonlyArray<{ name: string; value: string }>, body: string | undefined): boolean {
  return contentType(headers) === 'application/x-www-form-urlencoded' && body !== undefined;
}

/** A start time as the screen shows it; an imported HAR without times has none (the epoch stands in). */
export function formatStarted(iso: string): string {
  const t = Date.parse(iso);
  return Number.isNaN(t) || t === 0 ? 'unknown (the file gives no time)' : iso;
}
