import { describe, expect, it } from 'vitest';
import type { Exchange } from '../../shared/model.js';
import { sequenceOf } from './sequence.js';

const response = (status: number) => ({
  outcome: 'response' as const,
  response: { status, statusText: '', headers: [], body: '', truncated: false, bodySize: 0, httpVersion: '1.1' },
  timings: { wait: 1, receive: 1, total: 2 },
});
const base = { startedAt: '2026-01-01T00:00:00Z', origin: 'engine' as const };

describe('sequenceOf', () => {
  it('draws each role between the right lifelines', () => {
    const exchanges: Exchange[] = [
      { ...base, id: 'a', step: 'probe', role: 'mcp-probe', request: { method: 'POST', url: 'http://rs/mcp', headers: [] }, ...response(401) },
      { ...base, id: 'b', step: 'token', role: 'token', request: { method: 'POST', url: 'http://as/token', headers: [] }, ...response(200) },
      { ...base, id: 'c', step: 'authorize', role: 'authorize', origin: 'browser', request: { method: 'GET', url: 'http://as/authorize?x=1', headers: [] }, outcome: 'opened-in-browser' },
      { ...base, id: 'd', step: 'authorize', role: 'callback', origin: 'browser', request: { method: 'GET', url: 'http://127.0.0.1/callback?code=1', headers: [] }, ...response(200) },
    ];
    const arrows = sequenceOf(exchanges).map((a) => `${a.exchangeId} ${a.from}->${a.to} ${a.label} ${a.tone}`);
    expect(arrows).toEqual([
      'a client->rs POST /mcp neutral',
      'a rs->client 401 client-error',
      'b client->as POST /token neutral',
      'b as->client 200 ok',
      'c client->browser open authorization URL neutral',
      'c browser->as GET /authorize?… neutral',
      'd browser->client GET /callback?… neutral',
      'd client->browser 200 ok',
    ]);
  });
});
