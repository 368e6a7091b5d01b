import { describe, expect, it } from 'vitest';
import type { Diagnostic, Exchange, Header } from '../model.js';
import { exportHar } from './export.js';
import { createRedactor, isRedacted, PASSWORD_MARKER, redactionMarker } from './redact.js';
import { hmacSha256, sha256Hex } from '../crypto/sha256.js';
import { CLIENT_ID, fullSession, SECRETS } from './test-support/session.js';

const MARKER = /\[redacted:hmac:[0-9a-f]{8}\]/;
/** A fixed key, so that the tests can name the marker each secret gets. */
const KEY = new Uint8Array(32).fill(7);
const marker = (secret: string): string => redactionMarker(secret, KEY);

describe('sha256Hex', () => {
  it('matches the FIPS 180-4 test vectors', () => {
    expect(sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(sha256Hex('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(sha256Hex('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq')).toBe('248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1');
  });
});

describe('hmacSha256', () => {
  const bytes = (n: number, byte: number): Uint8Array => new Uint8Array(n).fill(byte);
  it('matches the RFC 4231 test vectors', () => {
    expect(hmacSha256(bytes(20, 0x0b))('Hi There')).toBe('b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7');
    expect(hmacSha256(new TextEncoder().encode('Jefe'))('what do ya want for nothing?')).toBe('5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843');
    // a key longer than the block is hashed first
    expect(hmacSha256(bytes(131, 0xaa))('Test Using Larger Than Block-Size Key - Hash Key First')).toBe('60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54');
  });
});

describe('keyed markers', () => {
  const session = fullSession();
  const exportOnce = (): string => JSON.stringify(exportHar(session, { diagnostics: [], includeSecrets: false }));
  const markersOf = (text: string): Set<string> => new Set([...text.matchAll(/"client_secret":"(\[redacted:[^\]]+\])"/g)].map((m) => m[1]!));

  it('gives equal values equal markers within one export, and unrelated markers in the next export', () => {
    const first = markersOf(exportOnce());
    const second = markersOf(exportOnce());
    expect(first.size).toBe(1);
    expect(second.size).toBe(1);
    expect([...first][0]).toMatch(MARKER);
    expect([...first][0]).not.toBe([...second][0]);
  });

  it('writes no plain hash of a secret, which a guess could be checked against', () => {
    const text = exportOnce();
    for (const secret of Object.values(SECRETS)) expect(text).not.toContain(sha256Hex(secret).slice(0, 8));
  });

  it('still recognises the plain-hash markers of older files and leaves them as they are', () => {
    const old = '[redacted:sha256:0123abcd]';
    expect(isRedacted(old)).toBe(true);
    const r = createRedactor(KEY);
    r.value('0123abcd-and-more');
    expect(r.value(old)).toBe(old);
    expect(r.header('Authorization', `Bearer ${old}`)).toBe(`Bearer ${old}`);
    expect(JSON.parse(r.body(JSON.stringify({ access_token: old }), 'application/json'))).toEqual({ access_token: old });
  });
});

describe('redacted export', () => {
  const session = fullSession();
  const har = exportHar(session, { diagnostics: [], includeSecrets: false, redactionKey: KEY });
  const text = JSON.stringify(har, null, 2);

  it.each(Object.entries(SECRETS))('contains no trace of %s', (_name, secret) => {
    expect(text).not.toContain(secret);
    expect(text).not.toContain(encodeURIComponent(secret));
    expect(text).not.toContain(JSON.stringify(secret).slice(1, -1));
  });

  it('contains no Basic credential that decodes to the secret', () => {
    const basics = [...text.matchAll(/Basic ([A-Za-z0-9+/=]{8,})/g)].map((m) => atob(m[1]!));
    expect(basics.filter((b) => b.includes(SECRETS.clientSecret))).toEqual([]);
  });

  it('gives equal secrets equal markers wherever they sit', () => {
    const secretMarker = marker(SECRETS.clientSecret);
    const entries = har.log.entries;
    // registered (JSON response), sent in Basic, sent in a form body, stored client, config
    expect(JSON.parse(entries[3]!.response.content.text!).client_secret).toBe(secretMarker);
    const basic = entries[7]!.request.headers[1]!;
    expect(basic.value).toMatch(/^Basic [A-Za-z0-9+/=]+$/);
    // form-urlencoded inside Basic, as RFC 6749 2.3.1 wants, so the marker is what a reader decodes
    expect(atob(basic.value.slice(6))).toBe(`client-abc+123:${encodeURIComponent(secretMarker)}`);
    expect(basic.comment).toBe(`client_id client-abc 123, client_secret ${secretMarker}`);
    expect(entries[10]!.request.postData?.params?.find((p) => p.name === 'client_secret')?.value).toBe(secretMarker);
    expect(har.log._authtrace?.client?.client_secret).toBe(secretMarker);
    expect(har.log._authtrace?.config.clientSecret).toBe(secretMarker);
    // the code in the Location header, the callback URL and the token request
    const code = marker(SECRETS.code);
    expect(entries[5]!.response.headers[0]!.value).toContain(`code=${code.replace('[', '%5B').replace(']', '%5D')}&state=st8`);
    expect(entries[6]!.request.queryString[0]).toEqual({ name: 'code', value: code });
    expect(entries[7]!.request.postData?.params?.[1]?.value).toBe(code);
    // a bearer token keeps its scheme
    expect(entries[8]!.request.headers[1]!.value).toBe(`Bearer ${marker(SECRETS.accessToken)}`);
  });

  it('gives different secrets different markers', () => {
    const markers = Object.values(SECRETS).filter((s) => s !== SECRETS.password).map(marker);
    expect(new Set(markers).size).toBe(markers.length);
    const edited = har.log.entries[10]!._authtrace?.edited?.original.body ?? '';
    expect(edited).toContain('client_secret=%5Bredacted:hmac:');
    expect(edited).not.toContain(marker(SECRETS.clientSecret).slice(1, -1));
  });

  it('keeps non-secret values and the JSON formatting of bodies', () => {
    const registration = har.log.entries[3]!.response.content.text!;
    expect(registration.split('\n').length).toBeGreaterThan(5);
    const parsed = JSON.parse(registration);
    expect(parsed.client_id).toBe(CLIENT_ID);
    expect(parsed.nested.deeper[0].refresh_token).toBe(marker(SECRETS.refreshToken));
    expect(har.log.entries[3]!.response.headers[1]!.value).toBe(`as_session=${marker(SECRETS.cookie)}; Path=/; HttpOnly; Secure`);
    expect(har.log.entries[5]!.request.postData?.text).toBe(`user=alice&password=${PASSWORD_MARKER.replace('[', '%5B').replace(']', '%5D')}`);
    expect(har.log.entries[8]!.request.headers[2]).toEqual({ name: 'mcp-protocol-version', value: '2025-11-25' });
    expect(har.log.entries[9]!.response.content.text).toBe(`token ${marker(SECRETS.accessToken)} is not valid for tool x`);
    expect(text).toMatch(MARKER);
  });

  it('keeps every secret with includeSecrets', () => {
    const full = JSON.stringify(exportHar(session, { diagnostics: [], includeSecrets: true }));
    for (const secret of Object.values(SECRETS)) expect(full).toContain(JSON.stringify(secret).slice(1, -1));
    expect(full).not.toMatch(MARKER);
  });
});

describe('createRedactor', () => {
  it('redacts URLs: query, fragment and userinfo, leaving the rest as written', () => {
    const r = createRedactor(KEY);
    expect(r.url('https://a.test/cb?state=1&code=xyz#access_token=abc&token_type=Bearer')).toBe(
      `https://a.test/cb?state=1&code=${r.value('xyz').replace('[', '%5B').replace(']', '%5D')}#access_token=${r.value('abc').replace('[', '%5B').replace(']', '%5D')}&token_type=Bearer`,
    );
    expect(r.url('https://user:pw@a.test/x')).toBe('https://user:%5Bredacted%5D@a.test/x');
    expect(r.url('https://a.test/x?y=%ZZ&&b')).toBe('https://a.test/x?y=%ZZ&&b');
  });

  it('redacts JSON recursively by key, leaves JSON-RPC error codes, and handles a truncated body', () => {
    const r = createRedactor(KEY);
    const body = '{"error":{"code":-32600,"message":"bad"},"a":[{"ID_Token":"t1"}],"code":"c"}';
    expect(JSON.parse(r.body(body, 'application/json'))).toEqual({ error: { code: -32600, message: 'bad' }, a: [{ ID_Token: r.value('t1') }], code: 'c' });
    expect(r.body('{"access_token":"abc","refresh_token":"defg', 'application/json')).toBe(`{"access_token":"${r.value('abc')}","refresh_token":"${PASSWORD_MARKER}`);
  });

  it('redacts the credential of any Authorization scheme and of a Basic that is not base64', () => {
    const r = createRedactor(KEY);
    expect(r.header('Authorization', 'DPoP tok')).toBe(`DPoP ${r.value('tok')}`);
    expect(r.header('authorization', 'Basic not-base64!')).toBe(`Basic ${r.value('not-base64!')}`);
    expect(r.header('authorization', 'lonely')).toBe(r.value('lonely'));
    expect(r.header('X-Api-Key', 'k')).toBe(r.value('k'));
    // A DPoP proof keeps its header and claims, readable for the DPOP rules; without its signature it cannot be replayed.
    expect(r.header('DPoP', 'eyJh.eyJw.c2ln')).toBe(`eyJh.eyJw.${r.value('c2ln')}`);
    expect(r.header('DPoP', 'not a proof')).toBe(r.value('not a proof'));
    expect(r.header('Accept', 'text/html')).toBe('text/html');
  });

  it('never redacts a marker twice', () => {
    const r = createRedactor(KEY);
    const marker = r.value('secret-value');
    expect(r.value(marker)).toBe(marker);
    expect(r.header('authorization', `Bearer ${marker}`)).toBe(`Bearer ${marker}`);
  });
});

describe('review findings: secrets that leaked', () => {
  const SECRET = 'S3cr3t-VALUE-xyz123';
  const inUrl = (marker: string): string => marker.replace('[', '%5B').replace(']', '%5D');

  /** A one-exchange session exported with redaction; the whole HAR as text. */
  function exported(request: Exchange['request'], response: { status?: number; headers?: Header[]; body?: string } = {}, diagnostics: Diagnostic[] = []): string {
    const session = fullSession();
    const exchange: Exchange = {
      id: 'r1',
      step: 'token',
      role: 'token',
      startedAt: session.createdAt,
      origin: 'engine',
      request,
      outcome: 'response',
      response: { status: response.status ?? 200, statusText: '', headers: response.headers ?? [], body: response.body ?? '', truncated: false, bodySize: 0, httpVersion: 'HTTP/1.1' },
      timings: { wait: 1, receive: 1, total: 2 },
    };
    return JSON.stringify(exportHar({ ...session, exchanges: [exchange] }, { diagnostics, includeSecrets: false, redactionKey: KEY }));
  }
  const post = (body: string, contentType?: string): Exchange['request'] => ({
    method: 'POST',
    url: 'https://as.example/token',
    headers: contentType ? [{ name: 'Content-Type', value: contentType }] : [],
    body,
  });

  it.each([
    ['a form sent as text/plain', `grant_type=client_credentials&client_id=a&client_secret=${SECRET}`, 'text/plain;charset=UTF-8'],
    ['a form without Content-Type', `grant_type=client_credentials&client_id=a&client_secret=${SECRET}`, undefined],
    ['a form labelled JSON', `grant_type=client_credentials&client_id=a&client_secret=${SECRET}`, 'application/json'],
    ['JSON labelled as a form', JSON.stringify({ client_id: 'a', client_secret: SECRET }), 'application/x-www-form-urlencoded'],
    ['multipart/form-data', `--X\r\nContent-Disposition: form-data; name="client_id"\r\n\r\na\r\n--X\r\nContent-Disposition: form-data; name="client_secret"\r\n\r\n${SECRET}\r\n--X--\r\n`, 'multipart/form-data; boundary=X'],
    ['multipart without its Content-Type', `--B0\r\nContent-Disposition: form-data; name="client_secret"\r\n\r\n${SECRET}\r\n--B0--`, undefined],
    ['an RFC 7009 revocation body (token=)', `token=${SECRET}&token_type_hint=refresh_token`, 'application/x-www-form-urlencoded'],
    ['a key with brackets', `grant_type=x&client_secret%5B%5D=${SECRET}`, 'application/x-www-form-urlencoded'],
  ])('reads the body by its shape: %s', (_name, body, contentType) => {
    const text = exported(post(body, contentType));
    expect(text).not.toContain(SECRET);
    expect(text).toContain(marker(SECRET).slice(1, -1));
  });

  it('keeps multipart parts that are not secret, and the part structure', () => {
    const r = createRedactor(KEY);
    const body = `--X\r\nContent-Disposition: form-data; name="client_id"\r\n\r\nabc\r\n--X\r\nContent-Disposition: form-data; name="client_secret"\r\n\r\n${SECRET}\r\n--X--\r\n`;
    expect(r.body(body, 'multipart/form-data; boundary=X')).toBe(body.replace(SECRET, marker(SECRET)));
  });

  it.each(['api_key', 'apikey', 'token', 'access_token'])('redacts %s in a query string', (key) => {
    const r = createRedactor(KEY);
    expect(r.url(`https://mcp.example/mcp?${key}=${SECRET}&x=1`)).toBe(`https://mcp.example/mcp?${key}=${inUrl(marker(SECRET))}&x=1`);
  });

  it('redacts camelCase JSON keys and every string under a secret key whose value is an object', () => {
    const r = createRedactor(KEY);
    const out = JSON.parse(r.body(JSON.stringify({ result: { accessToken: SECRET, refreshToken: `${SECRET}r`, nextCursor: 'c1' }, access_token: { value: `${SECRET}o`, parts: ['p1-longer-part'] } }), 'application/json'));
    expect(out.result).toEqual({ accessToken: marker(SECRET), refreshToken: marker(`${SECRET}r`), nextCursor: 'c1' });
    expect(out.access_token).toEqual({ value: marker(`${SECRET}o`), parts: [marker('p1-longer-part')] });
  });

  it.each(['Private-Token', 'X-Goog-Api-Key', 'X-Access-Token', 'X-Amz-Security-Token'])('redacts the %s header', (name) => {
    const text = exported({ method: 'POST', url: 'https://mcp.example/mcp', headers: [{ name, value: SECRET }], body: '{}' });
    expect(text).not.toContain(SECRET);
  });

  it('finds a secret inside a longer value (a session id built from a token)', () => {
    const text = exported({ method: 'POST', url: 'https://mcp.example/mcp', headers: [{ name: 'X-Api-Key', value: SECRET }, { name: 'Mcp-Session-Id', value: `sess-${SECRET}` }], body: '{}' });
    expect(text).not.toContain(SECRET);
  });

  it('redacts every cookie of a Set-Cookie joined with newlines or commas, and keeps an Expires date whole', () => {
    const r = createRedactor(KEY);
    expect(r.header('Set-Cookie', `a=1; Path=/\nsession=${SECRET}; HttpOnly`)).toBe(`a=${r.value('1')}; Path=/\nsession=${marker(SECRET)}; HttpOnly`);
    expect(r.header('Set-Cookie', `a=1; Expires=Wed, 21 Oct 2026 07:28:00 GMT; Path=/, session=${SECRET}; HttpOnly`)).toBe(
      `a=${r.value('1')}; Expires=Wed, 21 Oct 2026 07:28:00 GMT; Path=/, session=${marker(SECRET)}; HttpOnly`,
    );
  });

  it('does not sweep short cookie values out of other headers', () => {
    const text = exported({ method: 'GET', url: 'https://as.example/x', headers: [{ name: 'Cookie', value: 'lang=en-US' }, { name: 'Accept-Language', value: 'en-US' }] });
    expect(text).toContain('"Accept-Language","value":"en-US"');
  });

  it('sweeps remembered secrets with any characters and of four characters or more', () => {
    const odd = `${SECRET}!$`;
    const text = exported(post(`client_secret=${encodeURIComponent(odd)}&code=ab12`, 'application/x-www-form-urlencoded'), {
      status: 401,
      headers: [{ name: 'Content-Type', value: 'text/plain' }],
      body: `bad secret ${odd} for client; code ab12 was used`,
    });
    expect(text).not.toContain(odd);
    expect(text).not.toContain('ab12');
    expect(text).toContain(`bad secret ${marker(odd)} for client; code ${marker('ab12')} was used`);
  });

  it('redacts the secret hidden inputs of a response_mode=form_post page, not state', () => {
    const html = `<form method="post" action="https://app/cb"><input type="hidden" name="code" value="${SECRET}"><input value='${SECRET}2' name='id_token'><input type="hidden" name="state" value="st-1234"></form>`;
    const r = createRedactor(KEY);
    expect(r.body(html, 'text/html')).toBe(
      `<form method="post" action="https://app/cb"><input type="hidden" name="code" value="${marker(SECRET)}"><input value="${marker(`${SECRET}2`)}" name='id_token'><input type="hidden" name="state" value="st-1234"></form>`,
    );
  });

  it('redacts query credentials in URLs quoted by diagnostic messages and titles', () => {
    const diagnostic: Diagnostic = {
      rule: 'WWA-01',
      severity: 'error',
      title: `A 401 from https://mcp.example/mcp?api_key=${SECRET}`,
      message: `POST https://mcp.example/mcp?api_key=${SECRET}. answered 401`,
      evidence: [{ exchangeId: 'r1', location: { kind: 'response-status' }, value: `https://mcp.example/mcp?token=${SECRET}` }],
      spec: { ref: 'RFC 9110', url: 'https://www.rfc-editor.org/rfc/rfc9110' },
    };
    const text = exported(post('x=1'), {}, [diagnostic]);
    expect(text).not.toContain(SECRET);
    expect(text).toContain(`POST https://mcp.example/mcp?api_key=${inUrl(marker(SECRET))}. answered 401`);
  });
});

describe('review findings: step errors', () => {
  it('redacts query credentials in the URL a step error names', () => {
    const secret = 'S3cr3t-VALUE-step42';
    const session = fullSession();
    const steps = session.steps.map((s, i) => (i === 0 ? { ...s, error: { code: 'PROBE_UNEXPECTED_STATUS' as const, message: `POST https://mcp.example/mcp?api_key=${secret} answered 500.` } } : s));
    const text = JSON.stringify(exportHar({ ...session, steps }, { diagnostics: [], includeSecrets: false, redactionKey: KEY }));
    expect(text).not.toContain(secret);
  });
});
