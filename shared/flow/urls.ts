import { StepFailure } from './context.js';

/** Parses a URL the server gave, or fails naming the field and the document it came from. */
export function requireUrl(value: unknown, field: string, source: string, base?: string): URL {
  if (typeof value === 'string') {
    try {
      const url = base === undefined ? new URL(value) : new URL(value, base);
      if (url.protocol === 'http:' || url.protocol === 'https:') return url;
    } catch {
      // reported below
    }
  }
  throw new StepFailure(
    'URL_INVALID',
    `${field} in ${source} is ${JSON.stringify(value)}, which is not an absolute http(s) URL.`,
    'The server must publish absolute URLs here.',
  );
}
