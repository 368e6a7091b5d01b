// Proxy and CA settings through the real CLI: HTTP_PROXY / NO_PROXY from the environment, and
// --ca-file for a server whose certificate a private CA signed. The session says which it used.
import { afterEach, describe, expect, it } from 'vitest';
import { startRecordingProxy } from '../services/test-support/recording-proxy.js';
import { createTestCa, serveHttps } from '../services/test-support/test-ca.js';
import { cli, runJson, sandbox, tempDir } from '../test-support/cli.js';

const saved = { HTTP_PROXY: process.env.HTTP_PROXY, NO_PROXY: process.env.NO_PROXY, http_proxy: process.env.http_proxy, no_proxy: process.env.no_proxy };
afterEach(() => {
  for (const [key, value] of Object.entries(saved)) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
});

describe('network settings of authtrace run', () => {
  it('HTTP_PROXY: every request goes through the proxy, and the report says so', async () => {
    const s = await sandbox('correct');
    const proxy = await startRecordingProxy();
    delete process.env.http_proxy;
    delete process.env.no_proxy;
    delete process.env.NO_PROXY;
    process.env.HTTP_PROXY = proxy.url;
    const { report } = await runJson(s.mcpUrl, '--headless', '--data-dir', tempDir());
    expect(report.flow).toBe('completed');
    expect(report.transport).toBe(`via proxy ${proxy.url}`);
    expect(proxy.asked.map((a) => a.target)).toEqual(expect.arrayContaining([s.mcpUrl, expect.stringMatching(/\/token$/)]));
    expect(proxy.asked.length).toBeGreaterThanOrEqual(report.exchanges.filter((e) => e.role !== 'callback').length);
  });

  it('NO_PROXY keeps the target direct', async () => {
    const s = await sandbox('correct');
    const proxy = await startRecordingProxy();
    process.env.HTTP_PROXY = proxy.url;
    process.env.NO_PROXY = '127.0.0.1';
    const { report } = await runJson(s.mcpUrl, '--headless', '--data-dir', tempDir());
    expect(report.flow).toBe('completed');
    expect(report.transport).toMatch(/^direct/);
    expect(proxy.asked).toEqual([]);
  });

  it('--ca-file trusts a private CA; without it the TLS error says so', async () => {
    const ca = await createTestCa();
    const origin = await serveHttps(ca, (_req, res) => void res.writeHead(404).end());
    const without = await runJson(`${origin}/mcp`, '--headless', '--data-dir', tempDir());
    expect(without.report.error?.code).toBe('HTTP_TLS');
    const trusted = await runJson(`${origin}/mcp`, '--headless', '--data-dir', tempDir(), '--ca-file', ca.caFile);
    expect(trusted.report.error?.code).toBe('PROBE_UNEXPECTED_STATUS');
    expect(trusted.report.transport).toContain('extra CA from');
  });

  it('an unreadable --ca-file is a usage error that names the file', async () => {
    const r = await cli('run', 'http://127.0.0.1:9/mcp', '--json', '--ca-file', '/nonexistent/ca.pem');
    expect(r.code).toBe(2);
    const out = JSON.parse(r.stdout) as { error: { code: string; message: string } };
    expect(out.error.code).toBe('USAGE_FILE_UNREADABLE');
    expect(out.error.message).toContain('/nonexistent/ca.pem');
  });
});
