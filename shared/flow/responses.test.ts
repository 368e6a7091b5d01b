import { describe, expect, it } from 'vitest';
import { MAX_BODY_BYTES, type HttpResponse } from '../model.js';
import { bodyCutShort, readJsonObject } from './responses.js';

const response = (patch: Partial<HttpResponse>): HttpResponse => ({
  status: 200,
  statusText: 'OK',
  headers: [{ name: 'Content-Type', value: 'application/json' }],
  body: '{"issuer":',
  truncated: false,
  bodySize: 10,
  httpVersion: 'HTTP/1.1',
  ...patch,
});

describe('readJsonObject on a body cut short', () => {
  it.each<[string, Partial<HttpResponse>, string]>([
    ['the cap', { truncated: true, bodySize: 6291456 }, 'the body was cut short (over the cap of 5 MB: 6291456 bytes received)'],
    ['the cap, even when the deadline ended it later', { truncated: true, bodySize: MAX_BODY_BYTES + 1, incomplete: { reason: 'deadline', afterMs: 60000 } }, `the body was cut short (over the cap of 5 MB: ${MAX_BODY_BYTES + 1} bytes received)`],
    ['a closed connection', { truncated: true, incomplete: { reason: 'closed' } }, 'the body was cut short (the server closed the connection after 10 bytes)'],
    ['a silence', { truncated: true, incomplete: { reason: 'timeout', afterMs: 15000 } }, 'the body was cut short (no more data within 15000 ms, after 10 bytes)'],
    ['the deadline', { truncated: true, incomplete: { reason: 'deadline', afterMs: 60000 } }, 'the body was cut short (still arriving at the deadline of 60000 ms, after 10 bytes)'],
    ['an abort', { truncated: true, incomplete: { reason: 'aborted' } }, 'the body was cut short (the request was aborted after 10 bytes)'],
    ['a truncated body of unknown cause (an imported HAR)', { truncated: true }, 'the body was cut short (10 bytes received)'],
  ])('names %s', (_label, patch, reason) => {
    expect(readJsonObject(response(patch))).toEqual({ ok: false, reason });
    expect(bodyCutShort(response(patch))).toBe(reason);
  });

  it('a whole body is read as before', () => {
    expect(bodyCutShort(response({ body: '{}', bodySize: 2 }))).toBeUndefined();
    expect(readJsonObject(response({ body: '{}', bodySize: 2 }))).toEqual({ ok: true, value: {} });
  });
});
