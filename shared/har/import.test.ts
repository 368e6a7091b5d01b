import { describe, expect, it } from 'vitest';
import { authMethodPicture } from '../interpret/auth-method.js';
import { runDiagnostics } from '../diagnostics/index.js';
import type { Har } from './types.js';
import { exportHar } from './export.js';
import { importHar } from './import.js';
import { redactionMarker } from './redact.js';
import { CHROME_ROLES, chromeHar } from './test-support/chrome-har.js';
import { fullSession, SECRETS } from './test-support/session.js';

function imported(text: string) {
  const result = importHar(text);
  if (!result.ok) throw new Error(result.error);
  return result;
}

describe('importHar: round trip of an Authtrace export', () => {
  it('gives back the same session, steps and exchanges, with secrets included', () => {
    const session = fullSession();
    const text = JSON.stringify(exportHar(session, { diagnostics: [], includeSecrets: true }));
    const result = imported(text);
    expect(result.skipped).toEqual([]);
    expect(result.warnings).toEqual([]);
    expect(result.session.steps).toEqual(session.steps);
    expect(result.session.exchanges).toEqual(session.exchanges);
    expect(result.session).toEqual(session);
  });

  it('keeps ids, roles and steps of a redacted export, with markers in place of secrets', () => {
    const session = fullSession();
    const key = new Uint8Array(32).fill(1);
    const text = JSON.stringify(exportHar(session, { diagnostics: [], includeSecrets: false, redactionKey: key }));
    const { session: back } = imported(text);
    expect(back.steps).toEqual(session.steps.map((s) => (s.prepared ? { ...s, prepared: back.steps.find((b) => b.name === s.name)!.prepared } : s)));
    expect(back.exchanges.map((e) => [e.id, e.role, e.step, e.outcome])).toEqual(session.exchanges.map((e) => [e.id, e.role, e.step, e.outcome]));
    expect(back.client?.client_secret).toBe(redactionMarker(SECRETS.clientSecret, key));
    expect(JSON.stringify(back)).not.toContain(SECRETS.accessToken);
  });

  it('reads the flow from the requests when the Authtrace data is damaged', () => {
    const har = exportHar(fullSession(), { diagnostics: [], includeSecrets: true });
    delete har.log.entries[2]!._authtrace;
    const result = imported(JSON.stringify(har));
    expect(result.warnings.join(' ')).toMatch(/Authtrace data is incomplete/);
    expect(result.session.exchanges.find((e) => e.id === 'x8')?.role).toBe('token');
    expect(result.session.exchanges.find((e) => e.id === 'e3')?.role).toBe('as-metadata');
  });
});

describe('importHar: a browser recording', () => {
  const result = imported(JSON.stringify(chromeHar()));
  const { session } = result;

  it('classifies every entry into its role', () => {
    expect(session.exchanges.map((e) => e.role)).toEqual(CHROME_ROLES);
    expect(session.exchanges.every((e) => e.origin === 'imported')).toBe(true);
    expect(session.exchanges.find((e) => e.role === 'other')?.step).toBe('unrelated');
  });

  it('skips what is not HTTP and says so', () => {
    expect(result.skipped).toEqual([expect.stringMatching(/^entry 17 .*data:image\/png.*not an HTTP request$/)]);
  });

  it('rebuilds the steps with statuses and exchange ids', () => {
    const summary = Object.fromEntries(session.steps.map((s) => [s.name, [s.status, s.exchangeIds]]));
    expect(summary).toEqual({
      probe: ['done', ['e1']],
      'resource-metadata': ['done', ['e3']],
      'authorization-server-metadata': ['done', ['e4']],
      registration: ['done', ['e5']],
      authorize: ['done', ['e6', 'e7', 'e9', 'e10', 'e11']],
      token: ['done', ['e12']],
      mcp: ['done', ['e13', 'e14']],
      refresh: ['failed', ['e16']],
    });
    expect(session.steps.find((s) => s.name === 'refresh')?.error?.message).toContain('400 (invalid_grant: refresh token expired)');
  });

  it('rebuilds target, client, method report, revision and scope', () => {
    expect(session.config.target).toEqual({ kind: 'mcp', url: 'https://mcp.example.test/mcp' });
    expect(session.config.registration).toBe('dcr');
    expect(session.config.scope).toBe('mcp offline_access');
    expect(session.issuer).toBe('https://auth.example.test');
    expect(session.client).toMatchObject({ client_id: 'dyn-client-42', source: 'imported', token_endpoint_auth_method: 'none', requestedMethod: 'none', issuer: 'https://auth.example.test', grant_types: ['authorization_code', 'refresh_token'] });
    expect(authMethodPicture(session)).toMatchObject({ advertised: ['client_secret_post', 'client_secret_basic'], registered: 'none', used: 'none' });
    expect(session.revision).toBe('2025-06-18');
  });

  it('reads base64 bodies, drops HTTP/2 pseudo-headers, notes cached entries, keeps timings', () => {
    const metadata = session.exchanges[2]!;
    if (metadata.outcome !== 'response') throw new Error('expected a response');
    expect(JSON.parse(metadata.response.body)).toMatchObject({ resource: 'https://mcp.example.test/mcp' });
    expect(metadata.request.headers.map((h) => h.name)).toEqual(['accept']);
    expect(metadata.timings).toEqual({ wait: 35.5, receive: 3.4, total: 41.2 });
    expect(session.exchanges[3]!.purpose).toBe('served from the browser cache (disk)');
  });

  it('takes the hop whose Location carries the code as the callback when the redirect_uri was not recorded', () => {
    const custom = imported(JSON.stringify(chromeHar({ customScheme: true }))).session;
    const roles = custom.exchanges.map((e) => e.role);
    expect(roles.slice(5, 11)).toEqual(['authorize', 'authorize-redirect', 'other', 'authorize-redirect', 'callback', 'token']);
    expect(custom.steps.find((s) => s.name === 'authorize')?.status).toBe('done');
  });

  it('reads entries in time order even when the file lists them otherwise', () => {
    const har = chromeHar();
    har.log.entries.reverse();
    const back = imported(JSON.stringify(har)).session;
    expect(back.exchanges.map((e) => e.role)).toEqual(CHROME_ROLES);
  });

  it('marks a failed authorization and a network error', () => {
    const har = chromeHar() as unknown as Har;
    const entries = har.log.entries;
    entries[9]!.response.headers = [{ name: 'location', value: 'http://localhost:6274/oauth/callback?error=access_denied&state=xyz' }];
    entries[10]!.request.url = 'http://localhost:6274/oauth/callback?error=access_denied&state=xyz';
    entries[11]!.response = { ...entries[11]!.response, status: 0, _error: 'net::ERR_CONNECTION_REFUSED' };
    const back = imported(JSON.stringify(har)).session;
    expect(back.steps.find((s) => s.name === 'authorize')).toMatchObject({ status: 'failed', error: { message: 'The authorization server answered error=access_denied.' } });
    const token = back.exchanges[11]!;
    expect(token.outcome === 'network-error' && token.error).toEqual({ code: 'connection-refused', message: 'net::ERR_CONNECTION_REFUSED' });
    expect(back.steps.find((s) => s.name === 'token')?.status).toBe('failed');
  });

  it('reads what Playwright writes: status -1 with _failureText, bodies in separate files', () => {
    const har = chromeHar() as unknown as Har;
    const entries = har.log.entries as unknown as Record<string, Record<string, unknown>>[];
    entries[11]!.response = { ...entries[11]!.response, status: -1, _error: undefined, _failureText: 'net::ERR_NAME_NOT_RESOLVED' };
    entries[12]!.response!.content = { size: 80, mimeType: 'text/event-stream', _file: '75cbd1b0.txt' };
    const result = imported(JSON.stringify(har));
    const token = result.session.exchanges[11]!;
    expect(token.outcome === 'network-error' && token.error).toEqual({ code: 'dns', message: 'net::ERR_NAME_NOT_RESOLVED' });
    expect(result.warnings).toEqual(['1 response body was saved in separate files beside the HAR and is missing; record with the content embedded.']);
  });

  it('takes the client from the token request when nothing was registered', () => {
    const har = chromeHar();
    har.log.entries.splice(4, 1);
    const entries = har.log.entries as unknown as Har['log']['entries'];
    entries[10]!.request.headers.push({ name: 'Authorization', value: `Basic ${btoa('pre-reg:s3cret')}` });
    entries[10]!.request.postData = { mimeType: 'application/x-www-form-urlencoded', text: 'grant_type=authorization_code&code=the-code' };
    const back = imported(JSON.stringify(har)).session;
    expect(back.client).toMatchObject({ client_id: 'pre-reg', client_secret: 's3cret', token_endpoint_auth_method: 'unknown', source: 'imported' });
    expect(back.config).toMatchObject({ registration: 'pre-registered', clientId: 'pre-reg' });
    expect(authMethodPicture(back).attempts[0]?.used).toBe('client_secret_basic');
    expect(back.steps.find((s) => s.name === 'registration')?.status).toBe('skipped');
  });
});

describe('importHar: files it cannot read', () => {
  const good = JSON.stringify(exportHar(fullSession(), { diagnostics: [], includeSecrets: true }));

  it.each([
    ['not JSON', 'GET /index.html HTTP/1.1', /^The file is not JSON/],
    ['empty', '  ', /^The file is empty\.$/],
    ['JSON, not a HAR', '{"hello":"world"}', /not a HAR: it has no "log" object/],
    ['a JSON array', '[1,2]', /not a HAR/],
    ['a log without entries', '{"log":{"version":"1.2"}}', /no "entries" list/],
    ['another version', '{"log":{"version":"2.0","entries":[]}}', /version "2\.0"; Authtrace reads HAR 1\.1 and 1\.2/],
    ['truncated', good.slice(0, Math.floor(good.length / 2)), /truncated/],
  ])('%s', (_name, text, error) => {
    const result = importHar(text);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error).toMatch(error);
      expect(result.error.split(/\.\s/).length).toBe(1); // one sentence
    }
  });

  it('refuses a file over maxBytes and says the size', () => {
    const result = importHar(good, { maxBytes: 1000 });
    expect(result).toEqual({ ok: false, code: 'HAR_FILE_TOO_LARGE', error: expect.stringMatching(/over 1000 bytes .*nothing was imported/) });
  });

  it('never throws, wherever the file is cut', () => {
    for (let cut = 0; cut < good.length; cut += 97) {
      const result = importHar(good.slice(0, cut));
      expect(result.ok).toBe(false);
    }
  });

  it('refuses a HAR with no request it can read, saying why, instead of showing an empty flow', () => {
    expect(importHar(JSON.stringify({ log: { version: '1.2', entries: [] } }))).toEqual({
      ok: false,
      code: 'HAR_EMPTY',
      error: 'The HAR has nothing to show: its log has no entries. Record the flow again with the network panel open from the start.',
    });
    const result = importHar(JSON.stringify({ log: { version: '1.2', entries: [null, { request: { method: 'GET', url: 'ftp://x/' } }] } }));
    expect(result.ok).toBe(false);
    expect(!result.ok && result.code).toBe('HAR_EMPTY');
    expect(!result.ok && result.error).toMatch(/none of its 2 entries is an HTTP request that can be read \(entry 1: no request; entry 2 \(GET ftp:\/\/x\/\): not an HTTP request\)/);
  });

  it('skips broken entries and keeps the rest', () => {
    const result = importHar(JSON.stringify({ log: { version: '1.2', entries: [null, { request: { method: 'GET' } }, 7, chromeHar().log.entries[2]] } }));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.skipped).toEqual(['entry 1: no request', 'entry 2: the request has no method or URL', 'entry 3: no request']);
    expect(result.session.exchanges.map((e) => e.role)).toEqual(['resource-metadata']);
  });

  it('accepts a byte-order mark, HAR 1.1, and a log without version (with a warning)', () => {
    const har = chromeHar();
    expect(importHar(`\uFEFF${JSON.stringify(har)}`).ok).toBe(true);
    expect(importHar(JSON.stringify({ log: { ...har.log, version: '1.1' } })).ok).toBe(true);
    const noVersion = importHar(JSON.stringify({ log: { entries: har.log.entries } }));
    expect(noVersion.ok && noVersion.warnings).toEqual(['The HAR does not say its version; read as HAR 1.2.']);
  });

  it('cuts bodies over the capture limit and says so', () => {
    const har = chromeHar();
    (har.log.entries[7]!.response.content as { text: string }).text = 'x'.repeat(5 * 1024 * 1024 + 10);
    const result = importHar(JSON.stringify(har));
    expect(result.ok && result.warnings).toEqual(['1 response body was over 5.0 MB and cut there.']);
    const script = result.ok ? result.session.exchanges[7]! : undefined;
    expect(script?.outcome === 'response' && script.response.truncated).toBe(true);
  });
});

describe('importHar: review findings', () => {
  const rulesOf = (session: Parameters<typeof runDiagnostics>[0]) => runDiagnostics(session).map((d) => d.rule);

  it('reads state and iss of a custom-scheme callback from the Location that carried it (no false CB-01/CB-02)', () => {
    const session = imported(JSON.stringify(chromeHar({ customScheme: true }))).session;
    expect(session.exchanges.some((e) => e.role === 'callback' && e.outcome === 'response' && e.response.status >= 300)).toBe(true);
    expect(rulesOf(session)).not.toEqual(expect.arrayContaining(['CB-01']));
    expect(rulesOf(session)).not.toContain('CB-02');
  });

  it('reports no AM-07/AM-08 for a client the recording never registered', () => {
    const har = chromeHar();
    har.log.entries.splice(4, 1);
    const entries = har.log.entries as unknown as Har['log']['entries'];
    entries[10]!.request.headers.push({ name: 'Authorization', value: `Basic ${btoa('pre-reg:s3cret')}` });
    entries[10]!.request.postData = { mimeType: 'application/x-www-form-urlencoded', text: 'grant_type=authorization_code&code=the-code' };
    const session = imported(JSON.stringify(har)).session;
    expect(session.client?.token_endpoint_auth_method).toBe('unknown');
    expect(rulesOf(session).filter((r) => r === 'AM-07' || r === 'AM-08')).toEqual([]);
  });

  it('drops a malformed stored client with a warning, and the diagnostics still run', () => {
    const text = JSON.stringify(exportHar(fullSession(), { diagnostics: [], includeSecrets: true }));
    const har = JSON.parse(text) as Har;
    har.log._authtrace!.client = { client_id: 'x', token_endpoint_auth_method: 'none' } as never;
    const result = importHar(JSON.stringify(har));
    if (!result.ok) throw new Error(result.error);
    expect(result.session.client).toBeUndefined();
    expect(result.warnings).toEqual([expect.stringContaining('stored client is malformed')]);
    expect(() => runDiagnostics(result.session)).not.toThrow();
  });

  it('skips an entry whose URL does not parse, and reads the rest', () => {
    const har = chromeHar();
    const entries = har.log.entries as unknown as Har['log']['entries'];
    entries.push({ ...entries[5]!, request: { ...entries[5]!.request, url: 'https://exa mple.com/authorize?client_id=a&response_type=code' } });
    const result = importHar(JSON.stringify(har));
    if (!result.ok) throw new Error(result.error);
    expect(result.session.exchanges).toHaveLength(CHROME_ROLES.length);
    expect(result.skipped).toEqual(expect.arrayContaining([expect.stringContaining('the URL does not parse')]));
  });
});
