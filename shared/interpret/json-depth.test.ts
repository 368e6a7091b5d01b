import { describe, expect, it } from 'vitest';
import { boundJson, isTooDeep, MAX_JSON_DEPTH, stringifyJson, textNestsDeeper, valueNestsDeeper } from './json-depth.js';
import { parseJson } from './json.js';

const nested = (depth: number): string => '['.repeat(depth) + ']'.repeat(depth);

describe('json depth', () => {
  it('measures text without parsing it, ignoring brackets inside strings', () => {
    expect(textNestsDeeper(nested(MAX_JSON_DEPTH))).toBe(false);
    expect(textNestsDeeper(nested(MAX_JSON_DEPTH + 1))).toBe(true);
    expect(textNestsDeeper(JSON.stringify({ a: '[[[[[[', b: '\\"[[[' }), 2)).toBe(false);
    expect(textNestsDeeper('{"a":{"b":[1]}}', 2)).toBe(true);
  });

  it('measures parsed values without recursion', () => {
    expect(valueNestsDeeper(JSON.parse(nested(100_000)))).toBe(true);
    expect(valueNestsDeeper(JSON.parse(nested(MAX_JSON_DEPTH)))).toBe(false);
    expect(valueNestsDeeper('text')).toBe(false);
  });

  it('serialises like JSON.stringify, at any depth', () => {
    const samples = [{ a: [1, 'x', null, true, { b: undefined, c: 2.5e-7 }], 'q"k': '\u2028' }, [undefined, () => 1], 'plain', -0, {}, [], { d: new Date(0) }];
    for (const sample of samples) expect(stringifyJson(sample)).toBe(JSON.stringify(sample));
    expect(stringifyJson(JSON.parse(nested(100_000)))).toBe(nested(100_000));
  });

  it('keeps a too deep value as its text, flagged, and anything else as it is', () => {
    const shallow = { a: [1] };
    expect(boundJson(shallow)).toBe(shallow);
    const bounded = boundJson(JSON.parse(`{"a":${nested(3000)}}`));
    expect(isTooDeep(bounded)).toBe(true);
    expect(bounded).toEqual({ tooDeep: true, text: `{"a":${nested(3000)}}` });
  });

  it('reads no JSON body deeper than the limit', () => {
    expect(parseJson(nested(3000))).toBeUndefined();
    expect(parseJson(nested(3))).toEqual([[[]]]);
  });
});
