import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { describe, expect, it } from 'vitest';
import type { HttpRequest, HttpResponse } from '../model.js';
import type { StepRuntime } from './context.js';
import { recordingFetch } from './recording-fetch.js';

const CUT_AT_CAP: Partial<HttpResponse> = { truncated: true, bodySize: 6291456 };

/** A runtime whose every request is answered with a JSON-RPC body changed by `patch`. */
function runtime(patch: Partial<HttpResponse>): { rt: StepRuntime; sent: HttpRequest[] } {
  const sent: HttpRequest[] = [];
  const send = async (request: HttpRequest) => {
    sent.push(request);
    const response: HttpResponse = {
      status: 200,
      statusText: 'OK',
      headers: [{ name: 'Content-Type', value: 'application/json' }],
      body: '{"jsonrpc":"2.0","id":0,"result":{"protocolVersion":"2025-11-25","capabilities":{},"serverInfo":{"name":"s","version":"1"},"padding":"aaaa',
      truncated: false,
      bodySize: 120,
      httpVersion: 'HTTP/1.1',
      ...patch,
    };
    return { outcome: 'response' as const, sent: request, response, timings: { wait: 1, receive: 1, total: 2 }, startedAt: '', exchangeId: 'x' };
  };
  return { rt: { send } as unknown as StepRuntime, sent };
}

const post = { method: 'POST', body: '{"jsonrpc":"2.0","id":0,"method":"initialize"}', headers: { 'Content-Type': 'application/json' } };

describe('recordingFetch on a body cut short', () => {
  it('a POST answer cut at the cap fails naming the cap', async () => {
    const { rt } = runtime(CUT_AT_CAP);
    await expect(recordingFetch(rt, 'mcp')('http://mcp.test/mcp', post)).rejects.toThrow('fetch failed: the body was cut short (over the cap of 5 MB: 6291456 bytes received)');
  });

  it('a POST answer the server closed early fails saying so', async () => {
    const { rt } = runtime({ truncated: true, bodySize: 120, incomplete: { reason: 'closed' } });
    await expect(recordingFetch(rt, 'mcp')('http://mcp.test/mcp', post)).rejects.toThrow('the server closed the connection after 120 bytes');
  });

  it('the SSE stream (GET) and an abort of its own hand the SDK what arrived', async () => {
    const { rt } = runtime({ truncated: true, incomplete: { reason: 'timeout', afterMs: 15000 } });
    const streamed = await recordingFetch(rt, 'mcp')('http://mcp.test/mcp', { method: 'GET' });
    expect(streamed.status).toBe(200);
    const aborted = runtime({ truncated: true, incomplete: { reason: 'aborted' } });
    expect((await recordingFetch(aborted.rt, 'mcp')('http://mcp.test/mcp', post)).status).toBe(200);
  });

  it("the MCP client's error names the cap, not a JSON position", async () => {
    const { rt, sent } = runtime(CUT_AT_CAP);
    const client = new Client({ name: 'authtrace-test', version: '0' });
    const transport = new StreamableHTTPClientTransport(new URL('http://mcp.test/mcp'), { fetch: recordingFetch(rt, 'mcp') });
    const failure = await client.connect(transport, { timeout: 5000 }).then(
      () => undefined,
      (e: Error) => e,
    );
    await client.close().catch(() => undefined);
    expect(sent.length).toBeGreaterThan(0);
    expect(failure?.message).toMatch(/over the cap of 5 MB: 6291456 bytes received/);
    expect(failure?.message).not.toMatch(/JSON|position/);
  });
});
