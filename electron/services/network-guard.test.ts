import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NetworkPolicy } from '../../shared/net/policy.js';
import { judgeLiteral, policyLookup, PolicyRefusal } from './network-guard.js';

let server: http.Server;
let port = 0;
let hits = 0;
beforeAll(async () => {
  server = http.createServer((_req, res) => {
    hits++;
    res.end('ok');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(() => new Promise((resolve) => server.close(resolve)));

/** A name that resolves to this machine's loopback server, as an internal host would. */
const resolve = async (hostname: string) => (hostname === 'internal.test' ? ['127.0.0.1'] : hostname === 'mcp.example.com' ? ['93.184.215.14'] : []);

function get(url: string, policy: NetworkPolicy): Promise<string> {
  return new Promise((done, fail) => {
    const req = http.get(url, { lookup: policyLookup(policy, new URL(url), resolve), agent: false }, (res) => {
      res.resume();
      res.on('end', () => done(String(res.statusCode)));
    });
    req.on('error', fail);
  });
}

describe('network guard', () => {
  const remote: NetworkPolicy = { target: 'https://mcp.example.com/mcp', allowPrivateTargets: false };

  it('refuses to connect to a name that resolves to the user network when the target is public, before anything is sent', async () => {
    const before = hits;
    const error = await get(`http://internal.test:${port}/secret`, remote).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PolicyRefusal);
    expect((error as PolicyRefusal).code).toBe('ENETPOLICY');
    expect((error as PolicyRefusal).message).toContain(`http://internal.test:${port}/secret`);
    expect((error as PolicyRefusal).message).toContain('127.0.0.1, a loopback address');
    expect(hits).toBe(before);
  });

  it('connects with the user consent', async () => {
    const before = hits;
    expect(await get(`http://internal.test:${port}/`, { ...remote, allowPrivateTargets: true })).toBe('200');
    expect(hits).toBe(before + 1);
  });

  it('judges address literals and localhost before connecting', async () => {
    expect(await judgeLiteral(remote, new URL('http://169.254.169.254/latest'), resolve)).toMatchObject({ ok: false, addressClass: 'link-local' });
    expect(await judgeLiteral(remote, new URL('http://localhost:6379/'), resolve)).toMatchObject({ ok: false, addressClass: 'loopback' });
    expect(await judgeLiteral(remote, new URL('https://auth.example.com/'), resolve)).toBeUndefined();
    const local: NetworkPolicy = { target: `http://127.0.0.1:${port}/mcp`, allowPrivateTargets: false };
    expect(await judgeLiteral(local, new URL('http://127.0.0.1:1/token'), resolve)).toEqual({ ok: true });
  });
});
