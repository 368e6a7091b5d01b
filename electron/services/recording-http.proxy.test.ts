import http from 'node:http';
import net, { type AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { serve } from '../test-support/misbehaving-server.js';
import { waitFor } from '../test-support/wait.js';
import { createRecordingHttpClient } from './recording-http.js';
import { createTestCa, serveHttps } from './test-support/test-ca.js';
import { startRecordingProxy } from './test-support/recording-proxy.js';

const opts = { timeoutMs: 5000, maxBodyBytes: 1024 };
const get = (url: string) => ({ method: 'GET', url, headers: [] });
const basic = (credentials: string) => `Basic ${Buffer.from(credentials).toString('base64')}`;

async function closedPort(): Promise<number> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('recording HTTP client through a proxy', () => {
  it('sends http in absolute form to the proxy and records the request to the origin as meant', async () => {
    const origin = await serve({ '/x': (req, res) => void res.writeHead(200, { 'X-Seen-Target': req.url ?? '' }).end('from origin') });
    const proxy = await startRecordingProxy();
    const client = createRecordingHttpClient({ env: { HTTP_PROXY: proxy.url } });
    const r = await client.send(get(`${origin}/x?q=1`), opts);
    if (r.outcome !== 'response') throw new Error(r.error.message);
    expect(proxy.asked).toEqual([expect.objectContaining({ method: 'GET', target: `${origin}/x?q=1` })]);
    expect(proxy.asked[0]!.headers.host).toBe(new URL(origin).host);
    expect(r.response.body).toBe('from origin');
    expect(r.sent.url).toBe(`${origin}/x?q=1`);
    expect(r.sent.headers.map((h) => h.name)).toEqual(['Host', 'User-Agent', 'Connection']);
    expect(client.describeTransport(origin)).toBe(`via proxy ${proxy.url}`);
  });

  it('tunnels https with CONNECT, and the origin sees an ordinary request', async () => {
    const ca = await createTestCa();
    const seen: string[] = [];
    const origin = await serveHttps(ca, (req, res) => {
      seen.push(`${req.method} ${req.url}`);
      res.end('secret stuff');
    });
    const proxy = await startRecordingProxy();
    const client = createRecordingHttpClient({ env: { https_proxy: proxy.url }, caFile: ca.caFile });
    const r = await client.send(get(`${origin}/x`), opts);
    if (r.outcome !== 'response') throw new Error(r.error.message);
    expect(r.response.body).toBe('secret stuff');
    const authority = new URL(origin).host;
    expect(proxy.asked).toEqual([expect.objectContaining({ method: 'CONNECT', target: authority })]);
    expect(proxy.asked[0]!.headers.host).toBe(authority);
    expect(seen).toEqual(['GET /x']);
    expect(r.sent.headers.map((h) => h.name)).toEqual(['Host', 'User-Agent', 'Connection']);
  });

  it('checks the certificate of the origin inside the tunnel: without the CA file, a TLS error', async () => {
    const ca = await createTestCa();
    const origin = await serveHttps(ca, (_req, res) => void res.end('never'));
    const proxy = await startRecordingProxy();
    const r = await createRecordingHttpClient({ env: { HTTPS_PROXY: proxy.url } }).send(get(`${origin}/x`), opts);
    expect(r).toMatchObject({ outcome: 'network-error', error: { code: 'tls' } });
    expect(proxy.asked.map((a) => a.method)).toEqual(['CONNECT']);
  });

  it('keeps a tunnel alive for the next request to the same origin', async () => {
    const ca = await createTestCa();
    const origin = await serveHttps(ca, (_req, res) => void res.end('ok'));
    const proxy = await startRecordingProxy();
    const client = createRecordingHttpClient({ env: { HTTPS_PROXY: proxy.url }, caFile: ca.caFile });
    for (const path of ['/a', '/b']) {
      const r = await client.send(get(`${origin}${path}`), opts);
      expect(r.outcome).toBe('response');
    }
    expect(proxy.asked.map((a) => a.method)).toEqual(['CONNECT']);
  });

  it('sends the credentials of the proxy URL as Proxy-Authorization, and records them nowhere', async () => {
    const ca = await createTestCa();
    const secure = await serveHttps(ca, (_req, res) => void res.end('tls ok'));
    const plain = await serve({ '/x': (req, res) => void res.end(req.headers['proxy-authorization'] ?? 'no proxy header reached the origin') });
    const proxy = await startRecordingProxy({ credentials: basic('user:p@ss') });
    const proxyUrl = `http://user:p%40ss@127.0.0.1:${proxy.port}`;
    const client = createRecordingHttpClient({ env: { HTTPS_PROXY: proxyUrl, HTTP_PROXY: proxyUrl }, caFile: ca.caFile });

    const tunnelled = await client.send(get(`${secure}/x`), opts);
    const forwarded = await client.send(get(`${plain}/x`), opts);
    if (tunnelled.outcome !== 'response' || forwarded.outcome !== 'response') throw new Error('expected two responses');
    expect(tunnelled.response.body).toBe('tls ok');
    expect(forwarded.response.body).toBe('no proxy header reached the origin');
    expect(proxy.asked.map((a) => a.headers['proxy-authorization'])).toEqual([basic('user:p@ss'), basic('user:p@ss')]);
    for (const r of [tunnelled, forwarded]) expect(r.sent.headers.some((h) => /^proxy-/i.test(h.name))).toBe(false);
    expect(client.describeTransport(secure)).not.toContain('p%40ss');
  });

  it('a tunnel the proxy refuses is a network error naming the proxy and its answer; over http the answer is what came back', async () => {
    const ca = await createTestCa();
    const secure = await serveHttps(ca, (_req, res) => void res.end('never'));
    const plain = await serve({ '/x': (_req, res) => void res.end('never') });
    const proxy = await startRecordingProxy({ credentials: basic('user:right') });
    const proxyUrl = `http://user:wrong@127.0.0.1:${proxy.port}`;
    const client = createRecordingHttpClient({ env: { HTTPS_PROXY: proxyUrl, HTTP_PROXY: proxyUrl }, caFile: ca.caFile });

    const tunnelled = await client.send(get(`${secure}/x`), opts);
    expect(tunnelled).toMatchObject({
      outcome: 'network-error',
      error: { code: 'other', message: `the proxy ${proxy.url} refused the tunnel to ${new URL(secure).host}: 407 Proxy Authentication Required` },
    });
    const forwarded = await client.send(get(`${plain}/x`), opts);
    expect(forwarded).toMatchObject({ outcome: 'response', response: { status: 407 } });
  });

  it('goes direct to hosts NO_PROXY names, and through the proxy for a port it does not', async () => {
    const origin = await serve({ '/x': (_req, res) => void res.end('direct') });
    const proxy = await startRecordingProxy();
    const { port } = new URL(origin);
    const bypassing = createRecordingHttpClient({ env: { HTTP_PROXY: proxy.url, NO_PROXY: 'example.test, 127.0.0.1' } });
    expect(await bypassing.send(get(`${origin}/x`), opts)).toMatchObject({ outcome: 'response', response: { body: 'direct' } });
    expect(bypassing.describeTransport(origin)).toBe('direct (NO_PROXY)');

    const otherPort = createRecordingHttpClient({ env: { HTTP_PROXY: proxy.url, no_proxy: `127.0.0.1:${Number(port) + 1}` } });
    expect(await otherPort.send(get(`${origin}/x`), opts)).toMatchObject({ outcome: 'response', response: { body: 'direct' } });
    expect(proxy.asked.map((a) => a.target)).toEqual([`${origin}/x`]);
  });

  it('proxy: null ignores the environment', async () => {
    const origin = await serve({ '/x': (_req, res) => void res.end('direct') });
    const proxy = await startRecordingProxy();
    const client = createRecordingHttpClient({ env: { HTTP_PROXY: proxy.url }, proxy: null });
    expect(await client.send(get(`${origin}/x`), opts)).toMatchObject({ outcome: 'response', response: { body: 'direct' } });
    expect(proxy.asked).toEqual([]);
  });

  it('a proxy that never answers the CONNECT: a timeout, and the connection to it is closed', async () => {
    const open = new Set<net.Socket>();
    const silent = net.createServer((socket) => {
      socket.resume(); // reads, so that it sees the client close
      open.add(socket);
      socket.on('close', () => open.delete(socket));
    });
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const { port } = silent.address() as AddressInfo;
    try {
      const client = createRecordingHttpClient({ proxy: `http://127.0.0.1:${port}` });
      const r = await client.send(get('https://127.0.0.1:1/x'), { ...opts, timeoutMs: 300 });
      expect(r).toMatchObject({ outcome: 'network-error', error: { code: 'timeout', message: `no answer from 127.0.0.1:1 through the proxy http://127.0.0.1:${port} within 300 ms` } });
      await waitFor(() => open.size === 0, { what: 'the client to close its connection to the silent proxy' });
    } finally {
      for (const socket of open) socket.destroy();
      await new Promise<void>((resolve) => silent.close(() => resolve()));
    }
  });

  it('says when the proxy cannot be reached or used', async () => {
    const origin = await serve({ '/x': (_req, res) => void res.end('never') });
    const port = await closedPort();
    const refused = createRecordingHttpClient({ proxy: `http://127.0.0.1:${port}` });
    expect(await refused.send(get(`${origin}/x`), opts)).toMatchObject({
      outcome: 'network-error',
      error: { code: 'connection-refused', message: `connection refused by the proxy http://127.0.0.1:${port}` },
    });
    expect(await refused.send(get(`https://127.0.0.1:1/x`), opts)).toMatchObject({ outcome: 'network-error', error: { code: 'connection-refused' } });

    const socks = createRecordingHttpClient({ env: { HTTP_PROXY: 'socks5://127.0.0.1:1080' } });
    expect(await socks.send(get(`${origin}/x`), opts)).toMatchObject({
      outcome: 'network-error',
      error: { code: 'other', message: 'the request cannot be sent: HTTP_PROXY names a socks5 proxy: only http:// proxies are supported' },
    });
  });
});
