// A value checked against a zod schema, and what is wrong with it in words: the first problem,
// as a field path ("options.timeoutMs") and a predicate ("must be a whole number ...") that each
// caller puts into its own sentence (an Api request, a command-line option, a HAR's config).
import * as z from 'zod';

export type Checked<T> = { ok: true; value: T } | { ok: false; path: PropertyKey[]; problem: string };

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return 'a string';
  if (typeof value === 'object') return 'an object';
  return typeof value;
}

const EXPECTED: Partial<Record<string, string>> = {
  object: 'an object',
  record: 'an object',
  array: 'an array',
  string: 'a string',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
};

const quoted = (values: readonly unknown[]) => values.map((v) => JSON.stringify(v)).join(', ');

/** Every problem as a predicate; schemas that say something more precise (refinements) keep theirs. */
const problemOf: z.core.$ZodErrorMap = (issue) => {
  switch (issue.code) {
    case 'invalid_type':
      return `must be ${EXPECTED[issue.expected] ?? issue.expected}, not ${describe(issue.input)}`;
    case 'invalid_value':
      return `must be one of ${issue.values.join(', ')}`;
    case 'invalid_union':
      return issue.discriminator !== undefined && Array.isArray(issue.options) ? `must be one of ${issue.options.join(', ')}` : 'has none of the accepted shapes';
    case 'unrecognized_keys':
      return `has unknown field${issue.keys.length > 1 ? 's' : ''} ${quoted(issue.keys)}`;
    case 'too_small':
      return `must be at least ${issue.minimum}`;
    case 'too_big':
      return `must be at most ${issue.maximum}`;
    default:
      return undefined;
  }
};

/** `edited.headers[0].value`; empty for the value itself. */
export function pathText(path: readonly PropertyKey[]): string {
  return path.map((key, i) => (typeof key === 'number' ? `[${key}]` : `${i > 0 ? '.' : ''}${String(key)}`)).join('');
}

export function check<T>(schema: z.ZodType<T>, value: unknown): Checked<T> {
  const result = schema.safeParse(value, { error: problemOf });
  if (result.success) return { ok: true, value: result.data };
  const [issue] = result.error.issues;
  return { ok: false, path: issue?.path ?? [], problem: issue?.message ?? 'is not valid' };
}
