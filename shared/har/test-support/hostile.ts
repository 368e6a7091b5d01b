// Generators of what a hostile server or file sends: JSON nested thousands deep, documents
// thousands wide, cut JSON, odd strings, values of the wrong type in any field of a HAR.
import fc from 'fast-check';
import { stringifyJson } from '../../interpret/json-depth.js';

/** Every fuzz property: bounded in runs and in time (an interrupted run that found nothing passes). */
export const FUZZ_PARAMETERS: fc.Parameters<unknown> = { numRuns: 200, plugins: [fc.interruptAfterTimeLimit(10_000)] };
/** Vitest's own limit for one fuzz test, above FUZZ_PARAMETERS' time limit. */
export const FUZZ_TEST_TIMEOUT_MS = 30_000;

const OPENERS: readonly [string, string][] = [
  ['[', ']'],
  ['{"a":', '}'],
  ['[{"access_token":"tok","b":', '}]'],
  ['{"result":[', ']}'],
];

/** JSON text of arrays and objects nested up to 6,000 deep (a few KB), sometimes cut short. */
export const deepJsonText: fc.Arbitrary<string> = fc
  .record({
    depth: fc.integer({ min: 1, max: 6000 }),
    shape: fc.integer({ min: 0, max: OPENERS.length - 1 }),
    inner: fc.constantFrom('1', '"s"', '[]', '{}', 'null', '{"refresh_token":"rt"}'),
    cut: fc.option(fc.nat(), { nil: undefined }),
  })
  .map(({ depth, shape, inner, cut }) => {
    const [open, close] = OPENERS[shape]!;
    const text = open.repeat(depth) + inner + close.repeat(depth);
    return cut === undefined ? text : text.slice(0, cut % (text.length + 1));
  });

/** A parsed document nested up to 6,000 deep. */
export const deepJsonValue: fc.Arbitrary<unknown> = fc
  .record({ depth: fc.integer({ min: 200, max: 6000 }), shape: fc.integer({ min: 0, max: OPENERS.length - 1 }) })
  .map(({ depth, shape }) => {
    const [open, close] = OPENERS[shape]!;
    return JSON.parse(open.repeat(depth) + '1' + close.repeat(depth)) as unknown;
  });

/** Arrays and objects with thousands of members. */
export const wideJsonValue: fc.Arbitrary<unknown> = fc
  .record({ width: fc.integer({ min: 1000, max: 5000 }), objects: fc.boolean() })
  .map(({ width, objects }) =>
    objects ? Object.fromEntries(Array.from({ length: width }, (_, i) => [`k${i}`, i % 7 === 0 ? { access_token: `t${i}` } : i])) : Array.from({ length: width }, (_, i) => [i]),
  );

export const hostileString: fc.Arbitrary<string> = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom('', '__proto__', 'constructor', '[redacted]', '[redacted:sha256:0123abcd]', '%ZZ%', '\u0000', '\ud800', '{"', '"]', 'Basic !!', 'Bearer', 'a=b&c', '<input name="code" value="x">'),
  deepJsonText,
);

/** Any value where a HAR or a server's document has one: of the right type or not. */
export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.jsonValue({ maxDepth: 4 }),
  hostileString,
  deepJsonValue,
  wideJsonValue,
  fc.constantFrom(null, true, false, 0, -1, 1e308, [], {}, [null], { name: null, value: null }),
);

/** A body: JSON of any shape and depth, cut JSON, a form, or text. */
export const hostileBody: fc.Arbitrary<string> = fc.oneof(
  deepJsonText,
  wideJsonValue.map(stringifyJson),
  fc.jsonValue({ maxDepth: 6 }).map((v) => JSON.stringify(v)),
  hostileString,
  fc.string({ maxLength: 200 }),
);

/** Where an edit lands: the n-th (modulo) value of the tree, found breadth first. */
export interface Edit {
  at: number;
  value: unknown;
  remove: boolean;
}

export const edits: fc.Arbitrary<Edit[]> = fc.array(fc.record({ at: fc.nat(), value: hostileValue, remove: fc.boolean() }), { minLength: 1, maxLength: 6 });

type Slot = { parent: Record<string, unknown> | unknown[]; key: string | number };

/** A copy of a JSON tree of small depth with each edit applied; text built without recursion. */
export function applyEdits(tree: unknown, list: readonly Edit[]): string {
  const copy = structuredClone(tree);
  for (const edit of list) {
    const slots: Slot[] = [];
    const queue: unknown[] = [copy];
    while (queue.length > 0 && slots.length < 5000) {
      const node = queue.shift();
      if (node === null || typeof node !== 'object') continue;
      for (const [key, child] of Object.entries(node)) {
        slots.push({ parent: node as Slot['parent'], key: Array.isArray(node) ? Number(key) : key });
        // a value an earlier edit put there is not walked into
        if (child !== null && typeof child === 'object' && slots.length < 5000 && !list.some((e) => e.value === child)) queue.push(child);
      }
    }
    const slot = slots[edit.at % Math.max(1, slots.length)];
    if (!slot) continue;
    if (edit.remove && !Array.isArray(slot.parent)) delete (slot.parent as Record<string, unknown>)[slot.key];
    else (slot.parent as Record<string | number, unknown>)[slot.key] = edit.value;
  }
  return stringifyJson(copy);
}
