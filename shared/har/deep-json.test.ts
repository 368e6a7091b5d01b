// A server's JSON nested far deeper than anyone writes it (6 KB of `[[[[` is 3,000 levels):
// export, import and redaction keep working, and keep such a document as text.
import { describe, expect, it } from 'vitest';
import { runDiagnostics } from '../diagnostics/index.js';
import { isTooDeep, MAX_JSON_DEPTH } from '../interpret/json-depth.js';
import type { Exchange, Session } from '../model.js';
import { exportHar } from './export.js';
import { importHar } from './import.js';
import { createRedactor } from './redact.js';
import { fullSession } from './test-support/session.js';

const SECRET = 'S3cr3t-deep-VALUE-0042';
const nested = (depth: number): string => '['.repeat(depth) + ']'.repeat(depth);
const DEEP = 3000;

function withTokenBody(body: string): Session {
  const session = fullSession();
  const exchanges = session.exchanges.map((e): Exchange => (e.id === 'x8' && e.outcome === 'response' ? { ...e, response: { ...e.response, body } } : e));
  return { ...session, exchanges };
}

describe('JSON nested deeper than MAX_JSON_DEPTH', () => {
  it('exports a session whose token response nests 3,000 deep, redacting the body by its text', () => {
    const session = withTokenBody(`{"access_token":"${SECRET}","junk":${nested(DEEP)}}`);
    const har = exportHar(session, { diagnostics: runDiagnostics(session), includeSecrets: false });
    const text = JSON.stringify(har);
    expect(text).not.toContain(SECRET);
    expect(har.log.entries[7]!.response.content.text).toContain(nested(DEEP));
  });

  it('keeps a stored client whose registration response nests 3,000 deep as its text, flagged', () => {
    const base = fullSession();
    const session: Session = { ...base, client: { ...base.client!, registrationResponse: JSON.parse(`{"client_secret":"${SECRET}","x":${nested(DEEP)}}`) } };
    const redacted = exportHar(session, { diagnostics: [], includeSecrets: false }).log._authtrace!.client!.registrationResponse;
    expect(isTooDeep(redacted)).toBe(true);
    expect(JSON.stringify(redacted)).not.toContain(SECRET);
    const full = exportHar(session, { diagnostics: [], includeSecrets: true }).log._authtrace!.client!.registrationResponse;
    expect(full).toEqual({ tooDeep: true, text: `{"client_secret":"${SECRET}","x":${nested(DEEP)}}` });
  });

  it('redacts a deep parsed value, a deep flagged text and a deep tree without throwing', () => {
    const r = createRedactor();
    const deepValue: unknown = JSON.parse(`{"refresh_token":"${SECRET}","x":${nested(100_000)}}`);
    expect(JSON.stringify(r.json(deepValue))).not.toContain(SECRET);
    expect(JSON.stringify(r.json({ tooDeep: true, text: `{"access_token":"${SECRET}"}` }))).not.toContain(SECRET);
    const swept = r.sweepTree({ a: [deepValue] });
    expect(JSON.stringify(swept)).not.toContain(SECRET);
  });

  it('imports an Authtrace HAR with a 3,000 deep registration response and body, and diagnoses it', () => {
    const session = withTokenBody(nested(DEEP));
    const har = exportHar(session, { diagnostics: [], includeSecrets: true });
    (har.log._authtrace!.client as unknown as Record<string, unknown>).registrationResponse = JSON.parse(nested(DEEP));
    const result = importHar(JSON.stringify(har));
    if (!result.ok) throw new Error(result.error);
    expect(result.session.client?.registrationResponse).toEqual({ tooDeep: true, text: nested(DEEP) });
    expect(() => runDiagnostics(result.session)).not.toThrow();
    expect(() => exportHar(result.session, { diagnostics: [], includeSecrets: false })).not.toThrow();
  });

  it('rebuilds a foreign recording whose registration response nests too deep, reading it as not JSON', () => {
    const har = exportHar(withTokenBody(nested(DEEP)), { diagnostics: [], includeSecrets: true });
    delete har.log._authtrace;
    for (const entry of har.log.entries) delete entry._authtrace;
    har.log.entries[3]!.response.content.text = `{"client_id":"c","x":${nested(MAX_JSON_DEPTH + 1)}}`;
    const result = importHar(JSON.stringify(har));
    if (!result.ok) throw new Error(result.error);
    expect(result.session.client?.registrationResponse).toBeUndefined();
    expect(() => runDiagnostics(result.session)).not.toThrow();
  });
});
