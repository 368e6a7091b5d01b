// An Authtrace HAR whose `_authtrace` data was damaged or written by someone hostile: import
// repairs or leaves out what is malformed, with a warning, and never throws.
import { describe, expect, it } from 'vitest';
import { runDiagnostics } from '../diagnostics/index.js';
import { STEP_NAMES, type Session } from '../model.js';
import { exportHar } from './export.js';
import { importHar, type ImportResult } from './import.js';
import { fullSession } from './test-support/session.js';
import type { Har } from './types.js';

const nested = (depth: number): string => '['.repeat(depth) + ']'.repeat(depth);
const deep = (depth: number): unknown => JSON.parse(nested(depth));
/** Stands for a 5,000 deep array in the file's text (JSON.stringify cannot write one). */
const DEEP = '@deep@';
const deepText = (text: string): string => text.replaceAll(JSON.stringify(DEEP), nested(5000));
type Loose = Record<string, unknown>;

function importChanged(change: (log: Loose, ext: Loose) => void): Extract<ImportResult, { ok: true }> {
  const har = exportHar(fullSession(), { diagnostics: [], includeSecrets: true }) as Har;
  change(har.log as unknown as Loose, har.log._authtrace as unknown as Loose);
  const result = importHar(deepText(JSON.stringify(har)));
  if (!result.ok) throw new Error(result.error);
  return result;
}

const wellFormed = (session: Session): void => {
  for (const step of session.steps) {
    expect(STEP_NAMES).toContain(step.name);
    expect(Array.isArray(step.exchangeIds)).toBe(true);
  }
  expect(() => runDiagnostics(session)).not.toThrow();
};

describe('importHar: malformed Authtrace steps', () => {
  it('leaves out a null step with a warning', () => {
    const { session, warnings } = importChanged((_log, ext) => (ext.steps as unknown[]).push(null));
    expect(session.steps).toEqual(fullSession().steps);
    expect(warnings).toEqual([expect.stringMatching(/^1 step of the file's Authtrace data is malformed .* left out\.$/)]);
    wellFormed(session);
  });

  it('leaves out steps without a known name or status, and repeats; drops malformed fields of the others', () => {
    const { session, warnings } = importChanged((_log, ext) => {
      const steps = ext.steps as Loose[];
      const token = steps.findIndex((s) => s.name === 'token');
      steps[token] = { ...steps[token], exchangeIds: 'x8', error: 5, prepared: { method: 1 }, durationMs: 'long', summary: deep(10) };
      steps.unshift(1 as never, 'probe' as never, { name: 'nope', status: 'done' }, { name: 'probe', status: 'sleeping' }, [] as never);
      steps.push({ ...steps[steps.length - 1] });
    });
    expect(session.steps.map((s) => s.name)).toEqual([...STEP_NAMES]);
    expect(session.steps.find((s) => s.name === 'token')).toEqual({ name: 'token', status: 'done', exchangeIds: [], startedAt: expect.any(String) });
    expect(warnings).toEqual([expect.stringMatching(/^6 steps .* malformed/), expect.stringMatching(/^1 step .* had malformed fields/)]);
    wellFormed(session);
  });

  it('gives an error without a code the generic step code, as for files older than codes', () => {
    const { session, warnings } = importChanged((_log, ext) => {
      (ext.steps as Loose[])[0]!.error = { message: 'it broke', hint: 7 };
    });
    expect(session.steps[0]!.error).toEqual({ code: 'STEP_FAILED', message: 'it broke' });
    expect(warnings).toEqual([]);
  });

  it('keeps the steps empty when the file lists none that is readable', () => {
    const { session } = importChanged((_log, ext) => {
      ext.steps = [null, null];
    });
    expect(session.steps).toEqual([]);
    wellFormed(session);
  });
});

describe('importHar: other hostile Authtrace data', () => {
  it('keeps only the known fields of the stored client and of the method choice', () => {
    const { session } = importChanged((_log, ext) => {
      Object.assign(ext.client as Loose, { junk: DEEP, scope: DEEP, createdAt: 5 });
      ext.methodChoice = { method: 'none', chosenBy: 'registered', reason: 'r', junk: DEEP };
      ext.issuer = DEEP;
    });
    expect(session.client).not.toHaveProperty('junk');
    expect(session.client).not.toHaveProperty('scope');
    expect(session.client?.createdAt).toBe(fullSession().createdAt);
    expect(session.methodChoice).toEqual({ method: 'none', chosenBy: 'registered', reason: 'r' });
    expect(session.issuer).toBeUndefined();
    expect(() => structuredClone(session)).not.toThrow();
  });

  it('reads entries whose Authtrace fields, headers and cache flag are deep values', () => {
    const { session } = importChanged((log) => {
      const entries = log.entries as Loose[];
      const first = entries[0] as { _authtrace: Loose; request: { headers: Loose[] }; _fromCache?: unknown };
      Object.assign(first._authtrace, { purpose: DEEP, edited: { original: DEEP }, error: DEEP, step: DEEP });
      const second = entries[1] as { _authtrace: Loose; request: { headers: Loose[] } };
      Object.assign(second._authtrace, { purpose: DEEP, edited: { original: { method: 'GET', url: DEEP, headers: [] } } });
      second.request.headers.push({ name: 'x-deep', value: DEEP });
    });
    expect(() => structuredClone(session)).not.toThrow();
    wellFormed(session);
  });

  it('refuses a configuration whose tool arguments nest too deep', () => {
    const har = exportHar(fullSession(), { diagnostics: [], includeSecrets: true });
    har.log._authtrace!.config = { ...har.log._authtrace!.config, callTool: { name: 't', args: { a: deep(3000) } } };
    expect(importHar(JSON.stringify(har))).toMatchObject({ ok: false, code: 'HAR_CONFIG_INVALID', error: expect.stringMatching(/callTool\.args nests deeper than 256 levels/) });
  });

  it('names the version of a HAR without quoting a deep value', () => {
    const result = importHar(deepText(JSON.stringify({ log: { version: DEEP, entries: [] } })));
    expect(result).toEqual({ ok: false, code: 'HAR_NOT_HAR', error: 'The file is a HAR of version an array; Authtrace reads HAR 1.1 and 1.2.' });
  });
});
