// docs/ERRORS.md lists every error code with its meaning; this keeps it equal to shared/errors.
// After adding a code: AUTHTRACE_WRITE_DOCS=1 npx vitest run shared/errors/codes-doc.test.ts
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { HAR_CODES } from './har.js';
import { ERROR_CODES, INTERNAL_CODES } from './index.js';
import { STEP_CODES } from './step.js';
import { USAGE_CODES } from './usage.js';

const file = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../docs/ERRORS.md');

function table(codes: Readonly<Record<string, string>>): string {
  return ['| code | meaning |', '| --- | --- |', ...Object.entries(codes).map(([code, meaning]) => `| \`${code}\` | ${meaning} |`)].join('\n');
}

function render(): string {
  return `# Error codes

Every error Authtrace reports carries one of these codes, in \`--json\` (\`error.code\`, and
\`steps[].error.code\`), over the app's Api, and in a HAR's recorded steps. The code is stable; the
message and the hint are for people and may change.

## Steps of the flow

${table(STEP_CODES)}

## Command line and Api requests

${table(USAGE_CODES)}

## HAR files

${table(HAR_CODES)}

## Anything else

${table(INTERNAL_CODES)}
`;
}

describe('docs/ERRORS.md', () => {
  it('lists every code with its meaning', () => {
    if (process.env.AUTHTRACE_WRITE_DOCS === '1') writeFileSync(file, render());
    expect(readFileSync(file, 'utf8')).toBe(render());
    for (const code of Object.keys(ERROR_CODES)) expect(render()).toContain(`\`${code}\``);
  });
});
