// A URL a server hands over is not a licence to fetch it: a public target that points the client
// at the user's own network is refused unless the user consents. The target here runs on
// 127.0.0.1 and is judged as public (--treat-target-as-public); the "internal service" listens
// on another loopback address, 127.0.0.2, and counts what reaches it.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { runJson, tempDir } from '../test-support/cli.js';
import { closeAfterTest } from '../test-support/close-after.js';
import { serve } from '../test-support/misbehaving-server.js';


async function internalService(): Promise<{ origin: string; hits: () => number }> {
  let hits = 0;
  const server = http.createServer((_req, res) => {
    hits++;
    res.writeHead(200, { 'Content-Type': 'application/json' }).end('{"secret":"internal-only"}');
  });
  closeAfterTest(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.2', resolve));
  return { origin: `http://127.0.0.2:${(server.address() as AddressInfo).port}`, hits: () => hits };
}

/** An MCP server whose challenge points resource_metadata at `hint`. */
async function pointingAt(hint: string): Promise<string> {
  const origin = await serve({
    '/mcp': (_req, res) => void res.writeHead(401, { 'WWW-Authenticate': `Bearer resource_metadata="${hint}"` }).end(),
  });
  return `${origin}/mcp`;
}

describe('the network policy for server-directed URLs', () => {
  it('a public target pointing at the user network: not fetched, NET-01 names the URL and who handed it over', async () => {
    const service = await internalService();
    const hint = `${service.origin}/latest/meta-data`;
    const { code, report } = await runJson(await pointingAt(hint), '--headless', '--data-dir', tempDir(), '--treat-target-as-public');
    expect(code).toBe(1);
    expect(service.hits()).toBe(0);
    const blocked = report.exchanges.find((e) => e.url === hint);
    expect(blocked).toMatchObject({ status: null, error: expect.stringMatching(/^not fetched: .* a loopback address/) });
    const net = report.diagnostics.find((d) => d.rule === 'NET-01');
    expect(net?.message).toContain(hint);
    expect(net?.message).toContain('resource_metadata from the WWW-Authenticate challenge');
  });

  it('with --allow-private-targets the same URL is fetched', async () => {
    const service = await internalService();
    const hint = `${service.origin}/latest/meta-data`;
    const { report } = await runJson(await pointingAt(hint), '--headless', '--data-dir', tempDir(), '--treat-target-as-public', '--allow-private-targets');
    expect(service.hits()).toBe(1);
    expect(report.exchanges.find((e) => e.url === hint)?.status).toBe(200);
    expect(report.diagnostics.some((d) => d.rule === 'NET-01')).toBe(false);
  });

  it('a local target keeps its neighbours reachable, as today', async () => {
    const service = await internalService();
    const hint = `${service.origin}/prm`;
    await runJson(await pointingAt(hint), '--headless', '--data-dir', tempDir());
    expect(service.hits()).toBe(1);
  });
});
