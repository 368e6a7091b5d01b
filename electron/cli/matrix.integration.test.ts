// `authtrace matrix` as a user runs it: the real CLI against a sandbox on loopback.
import { describe, expect, it } from 'vitest';
import { CLIENT_PROFILES } from '../../shared/clients/index.js';
import { cli, runJson, sandbox, tempDir } from '../test-support/cli.js';
import type { MatrixJson } from './matrix.js';

describe('authtrace matrix', () => {
  it('--json: every chosen client with its sessions, the C# cached pass failing at the token step against none-first', async () => {
    const s = await sandbox('none-first');
    const dataDir = tempDir();
    const r = await cli('matrix', s.mcpUrl, '--clients', 'reference,mcp-csharp-sdk-1.3.0', '--json', '--data-dir', dataDir);
    expect(r.code).toBe(1);
    const json = JSON.parse(r.stdout) as MatrixJson;
    expect(json.server).toBe(s.mcpUrl);
    expect(json.clients.map((c) => [c.id, c.version])).toEqual([
      ['reference', 'MCP 2026-07-28'],
      ['mcp-csharp-sdk-1.3.0', '1.3.0'],
    ]);
    expect(json.clients[0]!.sessions).toEqual([{ pass: 'first', flow: 'completed', rules: [], sessionId: expect.any(String) }]);
    expect(json.clients[1]!.sessions.map((x) => [x.pass, x.flow, x.failedStep])).toEqual([
      ['first', 'completed', undefined],
      ['cached', 'failed', 'token'],
    ]);
    expect(json.clients[1]!.sessions[1]!.message).toMatch(/401 Unauthorized \(invalid_client/);
    // Each cell is a saved session, listed like the app's own.
    const listed = await cli('sessions', 'list', '--data-dir', dataDir, '--json');
    const ids = (JSON.parse(listed.stdout) as { id: string }[]).map((x) => x.id);
    for (const c of json.clients) for (const x of c.sessions) expect(ids).toContain(x.sessionId);
  });

  it('prints the grid with what the client tells its user, and exits 0 when every client works', async () => {
    const s = await sandbox('lenient-methods');
    const r = await cli('matrix', s.mcpUrl, '--clients', 'codex,mcp-ts-sdk-v2', '--data-dir', tempDir());
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/✓ OpenAI Codex .* works/);
    expect(r.stdout).toMatch(/✓ MCP TypeScript SDK client \(v2/);
  });

  it('--markdown: a table a bug report can paste', async () => {
    const s = await sandbox('correct');
    const r = await cli('matrix', s.mcpUrl, '--clients', 'codex', '--markdown', '--data-dir', tempDir());
    expect(r.stdout).toContain('| client | version | pass | outcome | what the user sees |');
    expect(r.stdout).toMatch(/\| OpenAI Codex \| CLI \(2026\) \| first \| fails at token \(AM-03, PRM-04\) \| .*invalid\\_client/);
  });

  it('--list names every profile; mistakes exit 2 and say what to do', async () => {
    const list = await cli('matrix', '--list');
    expect(list.code).toBe(0);
    for (const p of CLIENT_PROFILES) expect(list.stdout).toContain(p.id);
    const unknown = await cli('matrix', 'http://127.0.0.1:1/mcp', '--clients', 'netscape');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/unknown client profile "netscape"[\s\S]*--list/);
    expect((await cli('matrix')).stderr).toMatch(/give an MCP server URL, or --issuer/);
    expect((await cli('matrix', 'http://127.0.0.1:1/mcp', '--parallel', '0')).stderr).toMatch(/--parallel must be a whole number from 1 to 16/);
  });

  it('--show prints one profile with its citations; an unknown one exits 2', async () => {
    const shown = await cli('matrix', '--show', 'mcp-ts-sdk-v1');
    expect(shown.code).toBe(0);
    expect(shown.stdout).toMatch(/403 insufficient_scope\s+refresh-then-stop\n\s+modelcontextprotocol\/typescript-sdk#2255/);
    expect(shown.stdout).toContain('MCP TypeScript SDK client (v1, @modelcontextprotocol/sdk) 1.32.2');
    const unknown = await cli('matrix', '--show', 'netscape');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/unknown client profile "netscape"/);
  });
});

describe('authtrace run --client', () => {
  it('behaves as the named client: the C# 1.3.0 profile registers with client_secret_post', async () => {
    const s = await sandbox('correct');
    const { report } = await runJson(s.mcpUrl, '--headless', '--data-dir', tempDir(), '--client', 'mcp-csharp-sdk-1.3.0');
    expect(report.flow).toBe('completed');
    expect(report.authMethod).toMatchObject({ registered: 'client_secret_post', used: 'client_secret_post' });
  });

  it('refuses an unknown profile', async () => {
    expect((await cli('run', 'http://127.0.0.1:1/mcp', '--client', 'nope')).stderr).toMatch(/unknown client profile "nope"/);
  });

  it('Goose registers through a client ID metadata document, served on loopback and said to be simulated, then fails on the iss it drops', async () => {
    const s = await sandbox('correct');
    const { report } = await runJson(s.mcpUrl, '--headless', '--data-dir', tempDir(), '--client', 'goose');
    expect(report.steps.find((st) => st.name === 'registration')?.summary).toMatch(/^client ID metadata document http:\/\/127\.0\.0\.1:\d+\/clients\/[\w-]+\.json \(none\); served on loopback as goose's document \(simulated/);
    expect(report.steps.find((st) => st.name === 'authorize')).toMatchObject({ status: 'failed', error: { message: expect.stringMatching(/"iss" \(issuer\) missing/) } });
  });
});

describe('authtrace explain', () => {
  it('prints the causes, the side, the rules and the command that checks', async () => {
    const r = await cli('explain', 'Existing OAuth client information is required when exchanging an authorization code');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/likely causes:[\s\S]*server side; detected by AM-02/);
    expect(r.stdout).toContain('check: authtrace matrix URL --clients');
    const json = JSON.parse((await cli('explain', 'invalid_client', '--json')).stdout) as { id: string; causes: { rules: string[] }[] }[];
    expect(json[0]).toMatchObject({ id: 'invalid-client' });
  });

  it('says so when it knows nothing, and exits 1; no text is a usage error', async () => {
    const r = await cli('explain', 'the printer is on fire');
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/No known cause[\s\S]*authtrace run/);
    expect((await cli('explain')).code).toBe(2);
  });
});

describe('a simulated part of a client is said in the session', () => {
  it('Cursor registers its cursor:// redirect URI, and the registration step says the callback comes back on loopback', async () => {
    const s = await sandbox('correct');
    const { report } = await runJson(s.mcpUrl, '--headless', '--data-dir', tempDir(), '--client', 'cursor');
    expect(report.flow).toBe('completed');
    expect(report.steps.find((st) => st.name === 'registration')?.summary).toMatch(/also registered cursor:\/\/anysphere\.cursor-mcp\/oauth\/callback as cursor does \(simulated: the callback comes back on loopback\)/);
  });
});
