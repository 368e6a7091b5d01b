// The diagnostics of large sessions, every shape the benchmark measures and a mixed one where many
// rules fire many times, compared with the results recorded before the rules were made faster:
// a change in speed must not change a finding.
import { describe, expect, it } from 'vitest';
import { runDiagnostics } from './index.js';
import { longSession, mixedSession, repeatedSession, stepUpSession } from './large-sessions.js';

const SHAPES = {
  'one flow + MCP calls and refreshes': () => longSession(10_000),
  'whole flow repeated': () => repeatedSession(10_000),
  'step-up rounds': () => stepUpSession(10_000),
  mixed: () => mixedSession(10_000),
};

describe('diagnostics of 10,000-exchange sessions', () => {
  for (const [shape, build] of Object.entries(SHAPES)) {
    it(`are what they were: ${shape}`, async () => {
      const errors: string[] = [];
      const diagnostics = runDiagnostics(build(), { onRuleError: (rule) => errors.push(rule) });
      expect(errors).toEqual([]);
      await expect(`${JSON.stringify(diagnostics, null, 1)}\n`).toMatchFileSnapshot(`./__snapshots__/large-${shape.replace(/[^a-z0-9]+/gi, '-')}.json`);
    });
  }
});
