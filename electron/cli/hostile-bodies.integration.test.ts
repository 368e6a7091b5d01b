// What a hostile server sends cannot erase its own recording: through the real CLI, a body nested
// thousands deep, a body that trickles forever, and an Authtrace HAR with a broken step.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { exportHar } from '../../shared/har/export.js';
import { fullSession } from '../../shared/har/test-support/session.js';
import { cli, tempDir } from '../test-support/cli.js';
import { serve } from '../test-support/misbehaving-server.js';

describe('hostile bodies through authtrace run and lint', () => {
  it('a resource metadata body nested 3,000 deep: the run ends, the summary and the HAR are written', async () => {
    const deep = `${'['.repeat(3000)}"deep-secret-0123456789"${']'.repeat(3000)}`;
    const origin = await serve({
      '/mcp': (_q, res, o) => void res.writeHead(401, { 'WWW-Authenticate': `Bearer resource_metadata="${o}/prm"` }).end(),
      '/prm': (_q, res) => void res.writeHead(200, { 'Content-Type': 'application/json' }).end(`{"resource":"x","authorization_servers":${deep}}`),
    });
    const har = path.join(tempDir(), 'deep.har');
    const r = await cli('run', `${origin}/mcp`, '--headless', '--data-dir', tempDir(), '--har', har);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/The flow failed at resource-metadata/);
    expect(r.stderr).not.toMatch(/Maximum call stack/);
    const file = JSON.parse(readFileSync(har, 'utf8')) as { log: { entries: unknown[] } };
    expect(file.log.entries.length).toBeGreaterThanOrEqual(2);
  });

  // Without the deadline the body never falls silent for --timeout, and the run never ends (the test times out).
  it('a body that trickles a byte at a time ends at --request-deadline, with what arrived recorded', async () => {
    const origin = await serve({
      '/mcp': (_q, res) => {
        res.writeHead(401, { 'Content-Type': 'text/plain' });
        const timer = setInterval(() => res.write('.'), 50);
        res.on('close', () => clearInterval(timer));
      },
    });
    const r = await cli('run', `${origin}/mcp`, '--headless', '--json', '--data-dir', tempDir(), '--timeout', '5000', '--request-deadline', '800');
    const report = JSON.parse(r.stdout) as { exchanges: { role: string; status: number | null }[] };
    expect(report.exchanges[0]).toMatchObject({ role: 'mcp-probe', status: 401 });
  });

  it('lint reads an Authtrace HAR whose steps hold a null, with a note instead of a crash', async () => {
    const har = exportHar(fullSession(), { diagnostics: [], includeSecrets: false }) as unknown as { log: { _authtrace: { steps: unknown[] } } };
    har.log._authtrace.steps.splice(1, 0, null);
    const file = path.join(tempDir(), 'null-step.har');
    writeFileSync(file, JSON.stringify(har));
    const r = await cli('lint', file);
    expect(r.stderr).not.toMatch(/bug in Authtrace|TypeError|Cannot read/);
    expect(`${r.stdout}${r.stderr}`).toMatch(/step/i);
    expect([0, 1]).toContain(r.code);
  });
});
