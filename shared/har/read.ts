// Text → the HAR's log object, or one sentence saying why the file cannot be read.
import type { HarCode } from '../errors/har.js';
import { utf8Length } from './http-text.js';

export const DEFAULT_MAX_BYTES = 200 * 1024 * 1024;
const READABLE_VERSIONS = new Set(['1.1', '1.2']);

export type ReadResult =
  | { ok: true; log: Record<string, unknown>; entries: unknown[]; warnings: string[] }
  | { ok: false; code: HarCode; error: string };

export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
  if (bytes >= 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${bytes} bytes`;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** UTF-8 takes at least one byte per UTF-16 unit and at most three, so most files need no count. */
function exceeds(text: string, maxBytes: number): number | undefined {
  if (text.length > maxBytes) return text.length;
  if (text.length * 3 <= maxBytes) return undefined;
  const bytes = utf8Length(text);
  return bytes > maxBytes ? bytes : undefined;
}

function jsonError(text: string, error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const trimmed = text.trimEnd();
  const position = /position (\d+)/.exec(message);
  const atEnd = position ? Number(position[1]) >= trimmed.length - 1 : /end of (json )?input|unterminated/i.test(message);
  if (/^\s*[[{]/.test(text) && atEnd) return 'The file ends in the middle of the JSON; it looks truncated (an interrupted download or copy?).';
  const where = position ? ` (invalid at character ${Number(position[1]) + 1})` : '';
  return `The file is not JSON${where}; a HAR file is a JSON document.`;
}

/** A version as the file wrote it; only its type when it is not a scalar. */
function versionText(version: unknown): string {
  if (typeof version === 'string' || typeof version === 'number' || typeof version === 'boolean' || version === null) return JSON.stringify(version);
  return Array.isArray(version) ? 'an array' : 'an object';
}

export function readHar(text: string, maxBytes: number = DEFAULT_MAX_BYTES): ReadResult {
  const size = exceeds(text, maxBytes);
  if (size !== undefined) {
    return { ok: false, code: 'HAR_FILE_TOO_LARGE', error: `The file is over ${formatBytes(maxBytes)} (at least ${formatBytes(size)}), the import limit; nothing was imported.` };
  }
  const source = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (source.trim() === '') return { ok: false, code: 'HAR_NOT_JSON', error: 'The file is empty.' };

  let parsed: unknown;
  try {
    parsed = JSON.parse(source);
  } catch (error) {
    return { ok: false, code: 'HAR_NOT_JSON', error: jsonError(source, error) };
  }
  if (!isObject(parsed) || !isObject(parsed.log)) {
    return { ok: false, code: 'HAR_NOT_HAR', error: 'The file is JSON but not a HAR: it has no "log" object.' };
  }
  const log = parsed.log;
  if (!Array.isArray(log.entries)) {
    return { ok: false, code: 'HAR_NOT_HAR', error: 'The file is JSON but not a HAR: its log has no "entries" list.' };
  }
  const warnings: string[] = [];
  if (log.version === undefined) warnings.push('The HAR does not say its version; read as HAR 1.2.');
  else if (typeof log.version !== 'string' || !READABLE_VERSIONS.has(log.version)) {
    return { ok: false, code: 'HAR_NOT_HAR', error: `The file is a HAR of version ${versionText(log.version)}; Authtrace reads HAR 1.1 and 1.2.` };
  }
  if (log.entries.length === 0) warnings.push('The HAR has no entries.');
  return { ok: true, log, entries: log.entries, warnings };
}
