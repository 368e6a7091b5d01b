import { describe, expect, it } from 'vitest';
import { jsonLines, lineMatches, tryParseJson } from './json-view.js';

const text = (line: { tokens: Array<{ text: string }> }) => line.tokens.map((t) => t.text).join('');

describe('jsonLines', () => {
  const doc = { issuer: 'https://as', token_endpoint_auth_methods_supported: ['client_secret_post', 'none'], 'a/b': { '~x': 1 }, empty: [] };
  const lines = jsonLines(doc);

  it('pretty-prints with one pointer per line', () => {
    expect(lines.map(text)).toEqual([
      '{',
      '"issuer": "https://as",',
      '"token_endpoint_auth_methods_supported": [',
      '"client_secret_post",',
      '"none"',
      '],',
      '"a/b": {',
      '"~x": 1',
      '},',
      '"empty": []',
      '}',
    ]);
    expect(lines[3]!.pointer).toBe('/token_endpoint_auth_methods_supported/0');
    expect(lines[7]!.pointer).toBe('/a~1b/~0x');
    expect(lines[7]!.depth).toBe(2);
  });

  it('highlights a field and everything inside it', () => {
    const marked = lines.filter((l) => lineMatches(l, '/token_endpoint_auth_methods_supported')).map(text);
    expect(marked).toEqual(['"token_endpoint_auth_methods_supported": [', '"client_secret_post",', '"none"', '],']);
    expect(lines.filter((l) => lineMatches(l, '/issue')).length).toBe(0);
  });

  it('masks secret values when asked', () => {
    const masked = jsonLines({ access_token: 'abc', expires_in: 3600 }, { mask: true }).map(text);
    expect(masked[1]).toBe('"access_token": "••••••••",');
    expect(masked[2]).toBe('"expires_in": 3600');
  });

  it('parses only JSON documents', () => {
    expect(tryParseJson('{"a":1}')).toEqual({ ok: true, value: { a: 1 } });
    expect(tryParseJson('a=1&b=2').ok).toBe(false);
    expect(tryParseJson('42').ok).toBe(false);
    expect(tryParseJson(undefined).ok).toBe(false);
  });
});
