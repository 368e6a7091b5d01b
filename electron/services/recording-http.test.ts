import diagnosticsChannel from 'node:diagnostics_channel';
import http from 'node:http';
import { describe, expect, it } from 'vitest';
import { serve } from '../test-support/misbehaving-server.js';
import { waitFor } from '../test-support/wait.js';
import { createRecordingHttpClient } from './recording-http.js';

const client = createRecordingHttpClient();
const opts = { timeoutMs: 2000, maxBodyBytes: 1024 };
const sse = (_req: http.IncomingMessage, res: http.ServerResponse) => {
  res.writeHead(200, { 'Content-Type': 'text/event-stream' });
  res.write('event: message\ndata: {}\n\n');
};

/**
 * Watches the HTTP clients of this process for a response to a request for path; the returned
 * check is true once that response's body has shown text.
 */
function bodyShows(path: string, text: string): () => boolean {
  let body = '';
  const onResponse = (message: unknown) => {
    const { request, response } = message as { request: http.ClientRequest; response: http.IncomingMessage };
    if (request.path !== path) return;
    diagnosticsChannel.unsubscribe('http.client.response.finish', onResponse);
    response.on('data', (chunk: Buffer) => void (body += chunk.toString('utf8')));
  };
  diagnosticsChannel.subscribe('http.client.response.finish', onResponse);
  return () => body.includes(text);
}

describe('recording HTTP client', () => {
  it('records the request as sent, with the headers Node would add, and raw response headers in order', async () => {
    const origin = await serve({ '/x': (_req, res) => void res.writeHead(201, ['B-Header', '1', 'a-header', '2']).end('ok') });
    const r = await client.send({ method: 'POST', url: `${origin}/x`, headers: [{ name: 'X-Mine', value: 'v' }], body: 'é' }, opts);
    expect(r.sent.headers.map((h) => h.name)).toEqual(['Host', 'X-Mine', 'User-Agent', 'Content-Length', 'Connection']);
    expect(r.sent.headers.find((h) => h.name === 'Content-Length')?.value).toBe('2');
    if (r.outcome !== 'response') throw new Error(r.error.message);
    expect(r.response.status).toBe(201);
    expect(r.response.headers.slice(0, 2)).toEqual([{ name: 'B-Header', value: '1' }, { name: 'a-header', value: '2' }]);
  });

  it('caps the body and says it was truncated', async () => {
    const origin = await serve({ '/big': (_req, res) => void res.end('a'.repeat(5000)) });
    const r = await client.send({ method: 'GET', url: `${origin}/big`, headers: [] }, opts);
    if (r.outcome !== 'response') throw new Error('expected a response');
    expect(r.response).toMatchObject({ truncated: true, bodySize: 5000 });
    expect(r.response.body).toHaveLength(1024);
  });

  it('an abort after the response head records what arrived (a client closing an SSE stream)', async () => {
    const origin = await serve({ '/sse': sse });
    const abort = new AbortController();
    const received = bodyShows('/sse', 'event: message');
    const pending = client.send({ method: 'GET', url: `${origin}/sse`, headers: [] }, { ...opts, signal: abort.signal });
    // The client under test reads each chunk in the same emit as the watcher.
    await waitFor(received, { what: 'the first event of the stream to reach the client' });
    abort.abort();
    const r = await pending;
    if (r.outcome !== 'response') throw new Error(`expected a response, got ${r.error.message}`);
    expect(r.response.status).toBe(200);
    expect(r.response.body).toContain('event: message');
    expect(r.response.truncated).toBe(true);
    expect(r.response.incomplete).toEqual({ reason: 'aborted' });
  });

  it('a stream that goes silent past the timeout keeps its status and headers', async () => {
    const origin = await serve({ '/sse': sse });
    const r = await client.send({ method: 'GET', url: `${origin}/sse`, headers: [] }, { ...opts, timeoutMs: 200 });
    if (r.outcome !== 'response') throw new Error(`expected a response, got ${r.error.message}`);
    expect(r.response.status).toBe(200);
    expect(r.response.truncated).toBe(true);
    expect(r.response.incomplete).toEqual({ reason: 'timeout', afterMs: 200 });
  });

  it('does not send a request whose signal is already aborted', async () => {
    let hits = 0;
    const origin = await serve({ '/x': (_req, res) => void (hits++, res.end()) });
    const abort = new AbortController();
    abort.abort();
    const r = await client.send({ method: 'GET', url: `${origin}/x`, headers: [] }, { ...opts, signal: abort.signal });
    expect(r.outcome).toBe('network-error');
    expect(hits).toBe(0);
  });

  it.each([
    ['a header value with a line break', { name: 'X', value: 'a\r\nInjected: 1' }, 'GET'],
    ['a header name with a space', { name: 'Bad Name', value: 'x' }, 'GET'],
    ['a bad method', { name: 'X', value: 'y' }, 'GE T'],
  ])('records %s as a request that cannot be sent, without throwing', async (_label, header, method) => {
    const origin = await serve({});
    const r = await client.send({ method, url: `${origin}/x`, headers: [header] }, opts);
    expect(r.outcome).toBe('network-error');
    if (r.outcome === 'network-error') expect(r.error.message).toMatch(/the request cannot be sent/);
  });

  it('sends no credentials of the URL that it would not record', async () => {
    const origin = new URL(await serve({ '/x': (req, res) => void res.end(req.headers.authorization ?? 'none') }));
    const r = await client.send({ method: 'GET', url: `http://user:pass@${origin.host}/x`, headers: [] }, opts);
    expect(r).toMatchObject({ outcome: 'response', response: { body: 'none' } });
    expect(r.sent.headers.some((h) => h.name.toLowerCase() === 'authorization')).toBe(false);
  });

  it('refuses a non-http URL with a clear message', async () => {
    const r = await client.send({ method: 'GET', url: 'file:///etc/passwd', headers: [] }, opts);
    expect(r).toMatchObject({ outcome: 'network-error', error: { code: 'invalid-url' } });
  });
});
