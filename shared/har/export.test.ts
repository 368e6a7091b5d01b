import { describe, expect, it } from 'vitest';
import { authMethodPicture } from '../interpret/auth-method.js';
import type { Diagnostic } from '../model.js';
import { BROWSER_NOTE, exportHar } from './export.js';
import { harValidator } from '../../electron/test-support/har-schema.js';
import { fullSession, SECRETS } from './test-support/session.js';

const diagnostic: Diagnostic = {
  rule: 'token-auth-method-mismatch',
  severity: 'error',
  title: 'The client sent client_secret_basic.',
  message: 'Explained.',
  evidence: [
    { exchangeId: 'x8', location: { kind: 'request-header', name: 'authorization' }, value: 'Basic xyz' },
    { exchangeId: 'x8', location: { kind: 'request-form', name: 'client_secret' }, value: SECRETS.clientSecret },
    { exchangeId: 'x3', location: { kind: 'response-json', pointer: '/token_endpoint_auth_methods_supported' } },
  ],
  spec: { ref: 'RFC 8414 §2', url: 'https://www.rfc-editor.org/rfc/rfc8414#section-2' },
};

describe('exportHar', () => {
  const validate = harValidator();

  it('produces a HAR 1.2 that validates against har-schema, redacted or not', () => {
    for (const includeSecrets of [false, true]) {
      const har = exportHar(fullSession(), { diagnostics: [diagnostic], includeSecrets });
      expect(validate(JSON.parse(JSON.stringify(har)))).toEqual([]);
      expect(har.log.version).toBe('1.2');
    }
  });

  it('the validator does reject a broken HAR', () => {
    const har = JSON.parse(JSON.stringify(exportHar(fullSession(), { diagnostics: [], includeSecrets: false })));
    delete har.log.entries[0].request.headers;
    har.log.entries[1].startedDateTime = 'yesterday';
    expect(validate(har).length).toBeGreaterThanOrEqual(2);
  });

  it('writes one page and one entry per exchange, with headers in order and the exchange in _authtrace', () => {
    const session = fullSession();
    const har = exportHar(session, { diagnostics: [diagnostic], includeSecrets: true, creator: { name: 'test', version: '9' } });
    expect(har.log.creator).toEqual({ name: 'test', version: '9' });
    expect(har.log.pages).toHaveLength(1);
    expect(har.log.entries).toHaveLength(session.exchanges.length);
    const token = har.log.entries[7]!;
    expect(token.pageref).toBe(har.log.pages![0]!.id);
    expect(token.request.headers.map((h) => h.name)).toEqual(['content-type', 'authorization']);
    expect(token.request.postData?.mimeType).toBe('application/x-www-form-urlencoded');
    expect(token.request.postData?.params?.map((p) => p.name)).toEqual(['grant_type', 'code', 'redirect_uri', 'code_verifier']);
    expect(token.request.postData?.params?.[2]?.value).toBe('http://127.0.0.1:33418/callback');
    const tokenExchange = session.exchanges[7]!;
    if (tokenExchange.outcome !== 'response') throw new Error('fixture');
    expect(token.response.content).toEqual({ mimeType: 'application/json', size: tokenExchange.response.bodySize, text: tokenExchange.response.body });
    expect(token.timings).toMatchObject({ send: 0, wait: 12, receive: 3, dns: -1, connect: -1 });
    expect(token.time).toBe(15);
    expect(token._authtrace).toMatchObject({ id: 'x8', step: 'token', role: 'token', origin: 'engine', outcome: 'response' });
    expect(token._authtrace?.diagnostics).toEqual([{ rule: diagnostic.rule, severity: 'error', title: diagnostic.title }]);
    expect(har.log.entries[2]!._authtrace?.diagnostics).toHaveLength(1);
    expect(har.log.entries[0]!._authtrace?.diagnostics).toEqual([]);
    expect(har.log.entries[1]!._authtrace?.purpose).toBe('path-inserted well-known URL');

    const callback = har.log.entries[6]!;
    expect(callback.request.queryString).toEqual([
      { name: 'code', value: SECRETS.code },
      { name: 'state', value: 'st8' },
      { name: 'iss', value: 'https://auth.example.test' },
    ]);
    const login = har.log.entries[5]!;
    expect(login.response.status).toBe(302);
    expect(login.response.redirectURL).toContain('/callback?code=');
    expect(login.request.cookies.map((c) => c.name)).toEqual(['as_session', 'theme']);
    expect(har.log.entries[3]!.response.cookies[0]).toMatchObject({ name: 'as_session', path: '/', httpOnly: true, secure: true });
  });

  it('writes a network error as status 0 with _error, and a browser navigation as status 0 with a note', () => {
    const har = exportHar(fullSession(), { diagnostics: [], includeSecrets: false });
    const failed = har.log.entries[11]!;
    expect(failed.response.status).toBe(0);
    expect(failed.response._error).toBe('connect ECONNREFUSED 127.0.0.1:443');
    expect(failed._authtrace?.error).toEqual({ code: 'connection-refused', message: 'connect ECONNREFUSED 127.0.0.1:443' });
    const browser = har.log.entries[4]!;
    expect(browser.response.status).toBe(0);
    expect(browser._authtrace?.note).toBe(BROWSER_NOTE);
    expect(browser.time).toBe(0);
  });

  it('writes the session in log._authtrace: config, revision, issuer, client, method report, steps, diagnostics', () => {
    const session = fullSession();
    const har = exportHar(session, { diagnostics: [diagnostic], includeSecrets: false });
    const ext = har.log._authtrace!;
    expect(ext).toMatchObject({ format: 1, sessionId: 'sess-1', secretsIncluded: false, revision: '2025-11-25', issuer: session.issuer, methodChoice: session.methodChoice });
    expect(ext.authMethod).toEqual(authMethodPicture(session));
    expect(ext.config.target).toEqual(session.config.target);
    expect(ext.config.clientSecret).toMatch(/^\[redacted:hmac:[0-9a-f]{8}\]$/);
    expect(ext.client?.client_id).toBe(session.client!.client_id);
    expect(ext.client?.client_secret).toBe(ext.config.clientSecret);
    expect(ext.steps.map((s) => s.name)).toEqual(session.steps.map((s) => s.name));
    expect(ext.diagnostics[0]!.evidence[1]!.value).toBe(ext.config.clientSecret);
  });

  it('keeps a truncated body with its full size and says so', () => {
    const session = fullSession();
    const ex = session.exchanges[8]!;
    if (ex.outcome !== 'response') throw new Error('fixture');
    ex.response = { ...ex.response, truncated: true, bodySize: 9_000_000 };
    const entry = exportHar(session, { diagnostics: [], includeSecrets: true }).log.entries[8]!;
    expect(entry.response.content.size).toBe(9_000_000);
    expect(entry.response.bodySize).toBe(9_000_000);
    expect(entry._authtrace?.truncated).toBe(true);
  });

  it('does not modify the session', () => {
    const session = fullSession();
    const before = JSON.stringify(session);
    exportHar(session, { diagnostics: [diagnostic], includeSecrets: false });
    exportHar(session, { diagnostics: [diagnostic], includeSecrets: true });
    expect(JSON.stringify(session)).toBe(before);
  });
});
