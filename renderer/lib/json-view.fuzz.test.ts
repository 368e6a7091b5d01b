// Property tests of the JSON view with generated hostile documents: deep, wide, cut, odd.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_JSON_DEPTH } from '../../shared/interpret/json-depth.js';
import { FUZZ_PARAMETERS, FUZZ_TEST_TIMEOUT_MS, hostileBody, hostileValue } from '../../shared/har/test-support/hostile.js';
import { jsonLines, tryParseJson, type JsonLine } from './json-view.js';

const wellFormed = (lines: readonly JsonLine[]): void => {
  for (const line of lines) {
    expect(line.depth).toBeLessThanOrEqual(MAX_JSON_DEPTH);
    expect(typeof line.pointer).toBe('string');
    expect(line.tokens.every((t) => typeof t.text === 'string')).toBe(true);
  }
};

describe('fuzz: the JSON view', () => {
  it(
    'lays out any value, and any body it agrees to parse, without throwing',
    () => {
      fc.assert(
        fc.property(hostileValue, hostileBody, fc.boolean(), (value, body, mask) => {
          wellFormed(jsonLines(value, { mask }));
          const parsed = tryParseJson(body);
          if (parsed.ok) wellFormed(jsonLines(parsed.value, { mask, sweep: (t) => t }));
        }),
        FUZZ_PARAMETERS,
      );
    },
    FUZZ_TEST_TIMEOUT_MS,
  );

  it(
    'masks a secret however deep it sits',
    () => {
      const secret = fc.stringMatching(/^[A-Za-z0-9]{12,24}$/);
      fc.assert(
        fc.property(secret, fc.integer({ min: 0, max: 3000 }), fc.constantFrom('access_token', 'refreshToken', 'client_secret'), (token, depth, key) => {
          const value: unknown = JSON.parse(`${'['.repeat(depth)}{"${key}":"${token}","n":[{"id_token":["${token}"]}]}${']'.repeat(depth)}`);
          const shown = jsonLines(value, { mask: true }).map((l) => l.tokens.map((t) => t.text).join('')).join('\n');
          expect(shown).not.toContain(token);
        }),
        FUZZ_PARAMETERS,
      );
    },
    FUZZ_TEST_TIMEOUT_MS,
  );
});
