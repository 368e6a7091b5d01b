// The probe's verdicts are written twice: in docs/PROBE.md for people, in probe-rules.ts for the
// reports. This keeps the ids and severities of the two the same.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PROBE_RULES } from './probe-rules.js';

const doc = readFileSync(new URL('../../docs/PROBE.md', import.meta.url), 'utf8');
const documented = [...doc.matchAll(/^\| (PRB-\d\d) \| ([a-z /]+) \|/gm)].map(([, id, severities]) => ({ id: id!, severities: severities!.split(' / ').sort() }));

describe('PROBE_RULES', () => {
  it('names every verdict docs/PROBE.md documents, with its severities, and no other', () => {
    expect(documented.length).toBeGreaterThanOrEqual(17);
    const inCode = PROBE_RULES.map((r) => ({ id: r.id, severities: [...r.severities].sort() }));
    expect(inCode.sort((a, b) => a.id.localeCompare(b.id))).toEqual(documented.sort((a, b) => a.id.localeCompare(b.id)));
  });
});
