import { describe, expect, it } from 'vitest';
import { fullSession, SECRETS } from '../../shared/har/test-support/session.js';
import type { Diagnostic, Session } from '../../shared/model.js';
import { buildReport } from './report.js';

const echoing = (session: Session): Session => ({
  ...session,
  steps: session.steps.map((s) =>
    s.name === 'mcp' ? { ...s, summary: `saw ${SECRETS.newAccessToken}`, error: { code: 'MCP_REQUEST_FAILED', message: `rejected ${SECRETS.accessToken}`, hint: `see ${SECRETS.code}` } } : s,
  ),
});

const quoting: Diagnostic = {
  rule: 'X-01',
  severity: 'warning',
  title: 'A finding',
  message: `The callback http://127.0.0.1:33418/callback?code=${SECRETS.code}&state=st8 was seen.`,
  evidence: [{ exchangeId: 'x8', location: { kind: 'request-form', name: 'code_verifier' }, value: SECRETS.verifier }],
  spec: { ref: 'RFC 6749', url: 'https://www.rfc-editor.org/rfc/rfc6749' },
  symptom: `invalid_client for ${SECRETS.clientSecret}`,
};

const leaked = (text: string) => Object.values(SECRETS).filter((secret) => text.includes(secret));

describe('the --json report', () => {
  it('holds none of the secrets the HAR redacts: URLs, step texts, diagnostics and their evidence', () => {
    const text = JSON.stringify(buildReport(echoing(fullSession()), [quoting], 'error'));
    expect(leaked(text)).toEqual([]);
    expect(text).toContain('callback?code=%5Bredacted');
    expect(text).toContain('state=st8');
  });

  it('keeps them with includeSecrets, as the HAR does', () => {
    const report = buildReport(echoing(fullSession()), [quoting], 'error', { includeSecrets: true });
    expect(report.exchanges.find((e) => e.role === 'callback')?.url).toContain(`code=${SECRETS.code}`);
    expect(report.error?.message).toBe(`rejected ${SECRETS.accessToken}`);
  });
});
