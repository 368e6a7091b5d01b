import type http from 'node:http';
import { describe, expect, it } from 'vitest';
import { readJsonObject } from '../../shared/flow/responses.js';
import { requestDeadline } from '../../shared/model.js';
import { serve } from '../test-support/misbehaving-server.js';
import { createRecordingHttpClient } from './recording-http.js';

const client = createRecordingHttpClient({ env: {} });
const get = (url: string) => ({ method: 'GET', url, headers: [] });

/** Answers at once, then sends one byte every 20 ms for as long as the client listens. */
const trickle = (_req: http.IncomingMessage, res: http.ServerResponse) => {
  res.writeHead(200, { 'Content-Type': 'application/json' });
  res.write('{');
  const timer = setInterval(() => res.write(' '), 20);
  res.on('close', () => clearInterval(timer));
};

/** Sends chunks as fast as the client takes them, forever. */
const endless = (_req: http.IncomingMessage, res: http.ServerResponse) => {
  res.writeHead(200, { 'Content-Type': 'text/plain' });
  const chunk = Buffer.alloc(16 * 1024, 'x');
  const pump = () => {
    while (!res.destroyed && res.write(chunk));
    if (!res.destroyed) res.once('drain', pump);
  };
  pump();
};

describe('recording HTTP client: the deadline of a whole request', () => {
  it('ends a trickling body at the deadline with what arrived, marked incomplete', async () => {
    const origin = await serve({ '/slow': trickle });
    const r = await client.send(get(`${origin}/slow`), { timeoutMs: 5000, deadlineMs: 300, maxBodyBytes: 1024 });
    if (r.outcome !== 'response') throw new Error(r.error.message);
    expect(r.response).toMatchObject({ status: 200, truncated: true, incomplete: { reason: 'deadline', afterMs: 300 } });
    expect(r.response.body.startsWith('{ ')).toBe(true);
    expect(r.response.bodySize).toBe(r.response.body.length);
    expect(r.timings.total).toBeGreaterThanOrEqual(290);
    expect(r.timings.total).toBeLessThan(5000);
    expect(readJsonObject(r.response)).toEqual({ ok: false, reason: `the body was cut short (still arriving at the deadline of 300 ms, after ${r.response.bodySize} bytes)` });
  });

  it('by default the deadline is four times the timeout', async () => {
    const origin = await serve({ '/slow': trickle });
    // A timeout well above the trickle's pace, so that only the deadline can end it.
    const r = await client.send(get(`${origin}/slow`), { timeoutMs: 400, maxBodyBytes: 1024 });
    expect(requestDeadline({ timeoutMs: 400 })).toBe(1600);
    expect(r).toMatchObject({ outcome: 'response', response: { incomplete: { reason: 'deadline', afterMs: 1600 } } });
  });

  it('ends an endless body at the deadline, kept to the cap but counted whole', async () => {
    const origin = await serve({ '/endless': endless });
    const r = await client.send(get(`${origin}/endless`), { timeoutMs: 5000, deadlineMs: 300, maxBodyBytes: 1024 });
    if (r.outcome !== 'response') throw new Error(r.error.message);
    expect(r.response).toMatchObject({ status: 200, truncated: true, incomplete: { reason: 'deadline', afterMs: 300 } });
    expect(r.response.body).toHaveLength(1024);
    expect(r.response.bodySize).toBeGreaterThan(1024);
  });

  it('a head that does not come before the deadline is a timeout naming the deadline', async () => {
    const origin = await serve({ '/never': () => undefined });
    const r = await client.send(get(`${origin}/never`), { timeoutMs: 5000, deadlineMs: 200, maxBodyBytes: 1024 });
    expect(r).toMatchObject({ outcome: 'network-error', error: { code: 'timeout', message: `no answer from ${new URL(origin).host} within the deadline of 200 ms` } });
  });
});

describe('recording HTTP client: why a body is incomplete', () => {
  it('a server that closes mid-body: closed, and readJsonObject says so', async () => {
    const origin = await serve({
      '/cut': (_req, res) => {
        res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': '100' });
        res.write('{"issuer": "', () => res.socket?.destroy());
      },
    });
    const r = await client.send(get(`${origin}/cut`), { timeoutMs: 2000, maxBodyBytes: 1024 });
    if (r.outcome !== 'response') throw new Error(r.error.message);
    expect(r.response).toMatchObject({ status: 200, truncated: true, bodySize: 12, incomplete: { reason: 'closed' } });
    expect(readJsonObject(r.response)).toEqual({ ok: false, reason: 'the body was cut short (the server closed the connection after 12 bytes)' });
  });

  it('a body that goes silent: timeout, with the timeout in the message', async () => {
    const origin = await serve({ '/silent': (_req, res) => void res.writeHead(200, { 'Content-Type': 'application/json' }).write('{"a":') });
    const r = await client.send(get(`${origin}/silent`), { timeoutMs: 200, maxBodyBytes: 1024 });
    if (r.outcome !== 'response') throw new Error(r.error.message);
    expect(r.response.incomplete).toEqual({ reason: 'timeout', afterMs: 200 });
    expect(readJsonObject(r.response)).toEqual({ ok: false, reason: 'the body was cut short (no more data within 200 ms, after 5 bytes)' });
  });

  it('a whole body is not marked, even past the cap', async () => {
    const origin = await serve({ '/big': (_req, res) => void res.end('a'.repeat(2000)), '/ok': (_req, res) => void res.end('{}') });
    const big = await client.send(get(`${origin}/big`), { timeoutMs: 2000, maxBodyBytes: 1024 });
    const ok = await client.send(get(`${origin}/ok`), { timeoutMs: 2000, maxBodyBytes: 1024 });
    expect(big.outcome === 'response' && big.response.incomplete).toBe(undefined);
    expect(big).toMatchObject({ response: { truncated: true, bodySize: 2000 } });
    expect(ok.outcome === 'response' && 'incomplete' in ok.response).toBe(false);
  });
});
