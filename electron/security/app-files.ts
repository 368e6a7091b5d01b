// Maps an app:// URL to a file under the built UI, refusing anything that escapes it.
import path from 'node:path';
import { isAppUrl } from './origin.js';

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.map': 'application/json; charset=utf-8',
};

export function mimeType(file: string): string {
  return MIME[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
}

/** The file to serve for `url` (app://authtrace/... or a plain URL path), or null if it is outside `root`. */
export function resolveUiFile(root: string, urlOrPath: string): string | null {
  let pathname: string;
  if (urlOrPath.startsWith('/')) {
    pathname = urlOrPath.split(/[?#]/, 1)[0] ?? '/';
  } else {
    if (!isAppUrl(urlOrPath)) return null;
    pathname = new URL(urlOrPath).pathname;
  }
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return null;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return null;
  const relative = decoded === '/' || decoded === '' ? 'index.html' : decoded.replace(/^\/+/, '');
  const base = path.resolve(root);
  const file = path.resolve(base, relative);
  if (file !== base && !file.startsWith(base + path.sep)) return null;
  return file;
}
