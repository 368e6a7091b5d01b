import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { mimeType, resolveUiFile } from './app-files.js';

const root = path.resolve('/srv/ui');

describe('resolveUiFile', () => {
  it('maps app URLs and paths into the root', () => {
    expect(resolveUiFile(root, 'app://authtrace/')).toBe(path.join(root, 'index.html'));
    expect(resolveUiFile(root, 'app://authtrace/assets/a.js')).toBe(path.join(root, 'assets/a.js'));
    expect(resolveUiFile(root, '/assets/a.css?v=1')).toBe(path.join(root, 'assets/a.css'));
    expect(resolveUiFile(root, '/')).toBe(path.join(root, 'index.html'));
  });

  it('refuses traversal and foreign origins', () => {
    expect(resolveUiFile(root, '/../etc/passwd')).toBeNull();
    expect(resolveUiFile(root, '/%2e%2e/%2e%2e/etc/passwd')).toBeNull();
    expect(resolveUiFile(root, '/a%5c..%5c..%5cx')).toBeNull();
    expect(resolveUiFile(root, '/%00')).toBeNull();
    expect(resolveUiFile(root, '/%E0%A4%A')).toBeNull();
    expect(resolveUiFile(root, 'app://authtrace.evil/index.html')).toBeNull();
    expect(resolveUiFile(root, 'https://authtrace/index.html')).toBeNull();
  });

  it('knows the types it serves', () => {
    expect(mimeType('a.js')).toMatch(/javascript/);
    expect(mimeType('index.html')).toMatch(/text\/html/);
    expect(mimeType('x.bin')).toBe('application/octet-stream');
  });
});
