import { describe, expect, it } from 'vitest';
import { replaceSecretValues } from './json-text-secrets.js';

const mark = (secret: string, key: string, nested: boolean): string => `<${key}${nested ? '*' : ''}:${secret}>`;

describe('replaceSecretValues', () => {
  it('replaces the string value of a secret key, keeping the rest of the text as written', () => {
    expect(replaceSecretValues('{ "access_token" :  "a\\"b", "code": "c", "x": "access_token" }', mark, 'CUT')).toBe(
      '{ "access_token" :  "<access_token:a\\"b>", "code": "c", "x": "access_token" }',
    );
  });

  it('replaces every string value inside an array or object under a secret key, not its keys', () => {
    const text = '{"refreshToken":[["r1"],{"value":"r2","n":3}],"after":"plain","id_token":{"k":["i1"]}}';
    expect(replaceSecretValues(text, mark, 'CUT')).toBe('{"refreshToken":[["<refreshToken*:r1>"],{"value":"<refreshToken*:r2>","n":3}],"after":"plain","id_token":{"k":["<id_token*:i1>"]}}');
  });

  it('marks a secret value cut by the end of the text, and leaves other cut text alone', () => {
    expect(replaceSecretValues('{"a":"b","client_secret":"abc', mark, 'CUT')).toBe('{"a":"b","client_secret":"CUT');
    expect(replaceSecretValues('{"access_token":["x","ab', mark, 'CUT')).toBe('{"access_token":["<access_token*:x>","CUT');
    expect(replaceSecretValues('{"note":"abc', mark, 'CUT')).toBe('{"note":"abc');
  });

  it('reads keys written with escapes, and text deeper than anyone parses', () => {
    expect(replaceSecretValues('{"access\\u005ftoken":"t"}', mark, 'CUT')).toBe('{"access\\u005ftoken":"<access_token:t>"}');
    const deep = `${'['.repeat(50_000)}{"api_key":"k"}${']'.repeat(50_000)}`;
    expect(replaceSecretValues(deep, mark, 'CUT')).toContain('{"api_key":"<api_key:k>"}');
  });
});
