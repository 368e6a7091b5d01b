// Bad servers and bad input: a clear one-paragraph error naming the URL and what was expected,
// never a stack trace, and the exchanges still written with --har.
import { readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { runJson, tempDir } from '../test-support/cli.js';
import { json, serve } from '../test-support/misbehaving-server.js';

async function run(url: string, ...extra: string[]) {
  const har = `${tempDir()}/run.har`;
  const result = await runJson(url, '--headless', '--data-dir', tempDir(), '--har', har, ...extra);
  const entries = (JSON.parse(readFileSync(har, 'utf8')) as { log: { entries: { request: { url: string }; response: { status: number } }[] } }).log.entries;
  const failed = result.report.steps.find((s) => s.status === 'failed');
  return { ...result, entries, failed };
}

const challenge = (resourceMetadata?: string) => (_req: http.IncomingMessage, res: http.ServerResponse, origin: string) => {
  res.writeHead(401, { 'WWW-Authenticate': `Bearer resource_metadata="${resourceMetadata ?? `${origin}/.well-known/oauth-protected-resource/mcp`}"` }).end();
};

function noStack(text: string): void {
  expect(text).not.toMatch(/\n\s+at .+:\d+:\d+/);
}

describe('bad input', () => {
  it('connection refused names the URL and says nothing listens there', async () => {
    const closed = http.createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((r) => closed.close(() => r()));
    const { code, failed, entries, stderr } = await run(`http://127.0.0.1:${port}/mcp`);
    expect(code).toBe(1);
    expect(failed?.name).toBe('probe');
    expect(failed?.error?.message).toBe(`http://127.0.0.1:${port}/mcp: connection refused by 127.0.0.1:${port}`);
    expect(failed?.error?.hint).toMatch(/Nothing is listening/);
    expect(entries).toHaveLength(1);
    expect(entries[0]!.response.status).toBe(0);
    noStack(stderr);
  });

  it('a DNS failure says the host name does not resolve', async () => {
    const { failed, entries } = await run('http://authtrace-test.invalid/mcp');
    expect(failed?.error?.message).toMatch(/authtrace-test\.invalid could not be resolved/);
    expect(failed?.error?.hint).toMatch(/DNS/);
    expect(entries).toHaveLength(1);
  });

  it('a request that gets no answer times out after --timeout', async () => {
    const origin = await serve({ '/mcp': () => undefined });
    const { failed, entries } = await run(`${origin}/mcp`, '--timeout', '300');
    expect(failed?.error?.message).toMatch(/no answer from 127\.0\.0\.1:\d+ within 300 ms/);
    expect(failed?.error?.hint).toMatch(/--timeout/);
    expect(entries).toHaveLength(1);
  });

  it('HTML where JSON was expected: every well-known URL is tried and each answer is named', async () => {
    const html = (_req: http.IncomingMessage, res: http.ServerResponse) => void res.writeHead(200, { 'Content-Type': 'text/html' }).end('<html>login</html>');
    const origin = await serve({ '/mcp': challenge(), '*': html });
    const { failed, entries } = await run(`${origin}/mcp`);
    expect(failed?.name).toBe('resource-metadata');
    expect(entries.map((e) => new URL(e.request.url).pathname)).toEqual(['/mcp', '/.well-known/oauth-protected-resource/mcp', '/.well-known/oauth-protected-resource']);
    expect(failed?.error?.message).toMatch(/oauth-protected-resource\/mcp: it answered with HTML \(text\/html\), not JSON/);
    expect(failed?.error?.hint).toMatch(/application\/json/);
  });

  it('non-JSON metadata says so', async () => {
    const origin = await serve({
      '/mcp': challenge(),
      '/.well-known/oauth-protected-resource/mcp': (_q, res, o) => json(200, { resource: `${o}/mcp`, authorization_servers: [o] })(_q, res, o),
      '*': (_req, res) => void res.writeHead(200, { 'Content-Type': 'application/json' }).end('{"issuer": '),
    });
    const { failed } = await run(`${origin}/mcp`);
    expect(failed?.error?.message).toMatch(/the body is not JSON/);
  });

  it('a redirect on a well-known URL is recorded, not followed, and the next URL is tried', async () => {
    const origin = await serve({
      '/mcp': challenge(),
      '/.well-known/oauth-protected-resource/mcp': (_req, res) => void res.writeHead(301, { Location: '/elsewhere' }).end(),
      '/.well-known/oauth-protected-resource': (_q, res, o) => json(200, { resource: `${o}/mcp`, authorization_servers: [`${o}/as`] })(_q, res, o),
      '/.well-known/oauth-authorization-server/as': (_req, res) => void res.writeHead(302, { Location: '/x' }).end(),
    });
    const { failed, entries } = await run(`${origin}/mcp`);
    expect(entries[1]!.response.status).toBe(301);
    expect(entries[2]!.response.status).toBe(200);
    expect(entries.some((e) => e.request.url.endsWith('/elsewhere'))).toBe(false);
    expect(failed?.error?.message).toMatch(/302 Found redirect \(not followed\)/);
  });

  it('a body over the 5 MB cap is kept truncated and reported', async () => {
    const big = Buffer.alloc(6 * 1024 * 1024, 'a');
    const origin = await serve({
      '/mcp': challenge(),
      '/.well-known/oauth-protected-resource/mcp': (_req, res) => void res.writeHead(200, { 'Content-Type': 'application/json' }).end(big),
    });
    const { failed, report } = await run(`${origin}/mcp`);
    expect(report.exchanges[1]!.status).toBe(200);
    expect(failed?.error?.message).toMatch(/the body was cut short \(over the cap of 5 MB: 6291456 bytes received\)/);
  });

  it('a malformed WWW-Authenticate is kept as evidence and the flow goes on', async () => {
    const origin = await serve({
      '/mcp': (_req, res, o) => void res.writeHead(401, { 'WWW-Authenticate': `Bearer resource_metadata="${o}/prm` }).end(),
      '/.well-known/oauth-protected-resource/mcp': (_q, res, o) => json(200, { resource: `${o}/mcp`, authorization_servers: [o] })(_q, res, o),
    });
    const { report } = await run(`${origin}/mcp`);
    const probe = report.steps.find((s) => s.name === 'probe');
    expect(probe?.status).toBe('done');
    expect(probe?.summary).toMatch(/does not parse \(unterminated quoted-string/);
    expect(report.steps.find((s) => s.name === 'resource-metadata')?.status).toBe('done');
  });

  it('an authorization server that is not a URL is the server\'s fault, said as such', async () => {
    const origin = await serve({
      '/mcp': challenge(),
      '/.well-known/oauth-protected-resource/mcp': (_q, res, o) => json(200, { resource: `${o}/mcp`, authorization_servers: ['as.example'] })(_q, res, o),
    });
    const { failed } = await run(`${origin}/mcp`);
    expect(failed?.name).toBe('resource-metadata');
    expect(failed?.error?.message).toMatch(/authorization_servers\[0\] in .* is "as\.example", which is not an absolute http\(s\) URL/);
    expect(failed?.error?.hint).not.toMatch(/bug in Authtrace/);
  });

  it('a headless run against a login page says a person must log in', async () => {
    const origin = await serve({
      '/mcp': challenge(),
      '/.well-known/oauth-protected-resource/mcp': (_q, res, o) => json(200, { resource: `${o}/mcp`, authorization_servers: [o] })(_q, res, o),
      '/.well-known/oauth-authorization-server': (_q, res, o) =>
        json(200, { issuer: o, authorization_endpoint: `${o}/authorize`, token_endpoint: `${o}/token`, registration_endpoint: `${o}/register`, response_types_supported: ['code'], code_challenge_methods_supported: ['S256'] })(_q, res, o),
      '/register': (_q, res) => json(201, { client_id: 'c1', token_endpoint_auth_method: 'none', redirect_uris: [] }, { 'Cache-Control': 'no-store' })(_q, res, ''),
      '/authorize': (_req, res) => void res.writeHead(200, { 'Content-Type': 'text/html' }).end('<form>password</form>'),
    });
    const { failed } = await run(`${origin}/mcp`);
    expect(failed?.name).toBe('authorize');
    expect(failed?.error?.message).toMatch(/wants a person to log in/);
    expect(failed?.error?.hint).toMatch(/without --headless/);
  });
});
