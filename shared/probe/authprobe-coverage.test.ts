// docs/AUTHPROBE-COVERAGE.md maps every authprobe finding code to what Authtrace covers; this keeps
// its Authtrace column honest: real rule ids, real probe verdicts, and a count line that adds up.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { RULES } from '../diagnostics/index.js';

const root = path.resolve(import.meta.dirname, '../..');
const coverage = readFileSync(path.join(root, 'docs/AUTHPROBE-COVERAGE.md'), 'utf8');
const probeDoc = readFileSync(path.join(root, 'docs/PROBE.md'), 'utf8');


type Kind = 'rule' | 'probe' | 'not applicable' | 'not covered';

interface Row {
  code: string;
  checks: string;
  authtrace: string;
  why: string;
}

function cells(line: string): string[] {
  return line
    .trim()
    .replace(/^\|/, '')
    .replace(/\|$/, '')
    .split('|')
    .map((c) => c.trim());
}

const unquote = (text: string): string => text.replace(/`/g, '').trim();

function tableRows(markdown: string, firstHeader: string): string[][] {
  const lines = markdown.split('\n');
  const start = lines.findIndex((l) => l.trim().startsWith('|') && cells(l)[0] === firstHeader);
  if (start < 0) return [];
  const rows: string[][] = [];
  // Skip the header and the |---| line; the table ends at the first line that is not a row.
  for (const line of lines.slice(start + 2)) {
    if (!line.trim().startsWith('|')) break;
    rows.push(cells(line));
  }
  return rows;
}

function verdictIds(markdown: string): string[] {
  const section = markdown.slice(markdown.indexOf('## Verdicts'));
  return tableRows(section, 'id').map((r) => unquote(r[0] ?? ''));
}

const ruleIds = new Set(Object.keys(RULES));
const probeIds = new Set(verdictIds(probeDoc));

function kindOf(authtrace: string): Kind | undefined {
  const value = unquote(authtrace);
  if (value === 'not applicable' || value === 'not covered') return value;
  const ids = value.split(',').map((s) => s.trim());
  if (ids.length === 0 || ids.some((id) => id === '')) return undefined;
  if (ids.every((id) => ruleIds.has(id))) return 'rule';
  if (ids.every((id) => probeIds.has(id))) return 'probe';
  return undefined;
}

const header = tableRows(coverage, 'authprobe code');
const rows: Row[] = header.map((c) => ({ code: unquote(c[0] ?? ''), checks: c[1] ?? '', authtrace: c[2] ?? '', why: c[3] ?? '' }));

describe('docs/AUTHPROBE-COVERAGE.md', () => {
  it('reads the catalogue and the probe verdicts it checks against', () => {
    expect(ruleIds.has('DSC-01')).toBe(true);
    expect(ruleIds.has('PRM-05')).toBe(true);
    expect([...probeIds]).toEqual(expect.arrayContaining(['PRB-01', 'PRB-08', 'PRB-09', 'PRB-10', 'PRB-17']));
  });

  it('has the table with four columns and a row per authprobe code', () => {
    const headerLine = coverage.split('\n').find((l) => l.trim().startsWith('|') && cells(l)[0] === 'authprobe code');
    expect(headerLine && cells(headerLine)).toEqual(['authprobe code', 'what it checks', 'Authtrace', 'why']);
    expect(rows.length).toBeGreaterThan(60);
    for (const [i, c] of header.entries()) expect(c, `row ${i + 1}`).toHaveLength(4);
    for (const r of rows) {
      expect(r.code, 'an authprobe code is UPPER_SNAKE_CASE').toMatch(/^[A-Z][A-Z0-9]*(_[A-Z0-9]+)+$/);
      expect(r.checks, `${r.code}: what it checks`).not.toBe('');
    }
  });

  it('names each authprobe code once', () => {
    const seen = new Set<string>();
    const twice = rows.filter((r) => (seen.has(r.code) ? true : (seen.add(r.code), false))).map((r) => r.code);
    expect(twice).toEqual([]);
  });

  it('cites only known rule ids, known probe verdicts, "not applicable" or "not covered"', () => {
    const unknown = rows.filter((r) => kindOf(r.authtrace) === undefined).map((r) => `${r.code}: ${r.authtrace}`);
    expect(unknown).toEqual([]);
  });

  it('says why for every row that is not applicable or not covered', () => {
    const silent = rows.filter((r) => (kindOf(r.authtrace) === 'not applicable' || kindOf(r.authtrace) === 'not covered') && r.why === '').map((r) => r.code);
    expect(silent).toEqual([]);
  });

  it('ends with a count line that matches the rows', () => {
    const match = /^(\d+) codes, (\d+) by a rule, (\d+) by a probe, (\d+) not applicable, (\d+) not covered\.?$/m.exec(coverage);
    expect(match, 'count line').not.toBeNull();
    const [codes, rule, probe, notApplicable, notCovered] = (match ?? []).slice(1).map(Number);
    const count = (kind: Kind): number => rows.filter((r) => kindOf(r.authtrace) === kind).length;
    expect({ codes, rule, probe, notApplicable, notCovered }).toEqual({
      codes: rows.length,
      rule: count('rule'),
      probe: count('probe'),
      notApplicable: count('not applicable'),
      notCovered: count('not covered'),
    });
  });
});
