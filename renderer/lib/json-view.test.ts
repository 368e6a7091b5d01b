import { describe, expect, it } from 'vitest';
import { MAX_JSON_DEPTH } from '../../shared/interpret/json-depth.js';
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

describe('JSON nested deeper than MAX_JSON_DEPTH', () => {
  const nested = (depth: number): string => '['.repeat(depth) + ']'.repeat(depth);

  it('shows the part below the limit as its text on one flagged line', () => {
    const lines = jsonLines(JSON.parse(nested(3000)));
    expect(lines).toHaveLength(2 * MAX_JSON_DEPTH + 1);
    const flagged = lines.filter((l) => l.tooDeep);
    expect(flagged).toHaveLength(1);
    expect(flagged[0]!.depth).toBe(MAX_JSON_DEPTH);
    expect(text(flagged[0]!)).toContain(nested(3000 - MAX_JSON_DEPTH));
  });

  it('masks secrets in that text when asked', () => {
    const value = JSON.parse(`{"a":${'['.repeat(300)}{"access_token":"tok-123456"}${']'.repeat(300)},"refresh_token":${nested(300)}}`);
    const shown = jsonLines(value, { mask: true, sweep: (t) => t.replaceAll('tok-', 'swept-') }).map(text).join('\n');
    expect(shown).not.toContain('tok-123456');
    expect(shown).toContain('"access_token":"••••••••"');
    const underSecretKey = jsonLines({ refresh_token: JSON.parse(nested(300)) }, { mask: true }).find((l) => l.tooDeep)!;
    expect(underSecretKey.tokens.at(-1)).toEqual({ kind: 'text', text: '••••••••' });
  });

  it('does not parse a body deeper than the limit', () => {
    expect(tryParseJson(nested(3000))).toEqual({ ok: false, tooDeep: true });
    expect(tryParseJson(nested(MAX_JSON_DEPTH)).ok).toBe(true);
  });
});
