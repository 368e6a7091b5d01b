import { describe, expect, it } from 'vitest';
import type { Exchange } from '../../shared/model.js';
import { MASK, maskBody, maskHeaderValue } from './mask.js';
import { sweepFor } from './screen-secrets.js';

const exchange = (id: string, requestBody: string, responseBody: string, headers: [string, string][] = []): Exchange => ({
  id,
  step: 'token',
  role: 'token',
  startedAt: '2026-11-30T00:00:00.000Z',
  origin: 'engine',
  request: { method: 'POST', url: 'https://as.example/token', headers: headers.map(([name, value]) => ({ name, value })), body: requestBody },
  outcome: 'response',
  response: { status: 200, statusText: 'OK', headers: [{ name: 'Content-Type', value: 'application/json' }], body: responseBody, truncated: false, bodySize: responseBody.length, httpVersion: 'HTTP/1.1' },
  timings: { wait: 1, receive: 1, total: 2 },
});

describe('screen secrets', () => {
  it('masks the keys HAR redaction treats as secrets: camelCase tokens, api keys, token headers', () => {
    const body = '{"accessToken":"at-camel-123456","api_key":"key-123456789","id_token_hint":"hint-123456789"}';
    const masked = maskBody(body);
    for (const secret of ['at-camel-123456', 'key-123456789', 'hint-123456789']) expect(masked).not.toContain(secret);
    for (const name of ['X-Auth-Token', 'Api-Key', 'Private-Token', 'DPoP']) expect(maskHeaderValue(name, 'value-123456789')).toBe(MASK);
    expect(maskHeaderValue('DPoP', 'eyJh.eyJw.c2ln')).toBe(`eyJh.eyJw.${MASK}`);
    expect(maskHeaderValue('Location', 'https://c.example/cb?code=abc123456&state=s')).toBe(`https://c.example/cb?code=${MASK}&state=s`);
  });

  it('hides a secret where a server echoed it in free text, after it was seen in its own field', () => {
    const session = { id: 's1', exchanges: [exchange('x1', 'grant_type=refresh_token&refresh_token=rt-0123456789abcdef', '{"error":"invalid_grant","error_description":"refresh token rt-0123456789abcdef was revoked"}')] };
    const sweep = sweepFor(session);
    expect(sweep('refresh token rt-0123456789abcdef was revoked')).toBe(`refresh token ${MASK} was revoked`);
    expect(sweep('nothing secret here')).toBe('nothing secret here');
  });

  it('reads each exchange once and learns the secrets of exchanges added later', () => {
    const first = exchange('x1', 'client_secret=first-secret-12345', '{}');
    const sweep1 = sweepFor({ id: 's2', exchanges: [first] });
    expect(sweep1('second-secret-67890')).toBe('second-secret-67890');
    const sweep2 = sweepFor({ id: 's2', exchanges: [first, exchange('x2', 'client_secret=second-secret-67890', '{}')] });
    expect(sweep2('first-secret-12345 second-secret-67890')).toBe(`${MASK} ${MASK}`);
    expect(sweepFor({ id: 's3', exchanges: [] })('first-secret-12345')).toBe('first-secret-12345');
  });
});
