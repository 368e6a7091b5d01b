// A hostile server's bytes reach the terminal only as visible text: the real CLI against loopback
// servers that put escape sequences, bidi overrides and line breaks in every field it prints.
import { writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { chromeHar } from '../../shared/har/test-support/chrome-har.js';
import { main } from '../cli.js';
import type { RunReport } from './report.js';
import { cli, tempDir } from '../test-support/cli.js';
import { serve, type Handler } from '../test-support/misbehaving-server.js';

/** Clears the screen, sets the window title, returns the cursor and forges a line, reversed. */
const HOSTILE = '\u001b[2J\u001b]0;owned\u0007\r\nThe flow completed.\u202E\u009b2J';
/** Any character a terminal acts on, but the line feeds between our own lines. */
const RAW = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

function inert(text: string): void {
  expect(text).not.toMatch(RAW);
  expect(text).toContain('⟨ESC⟩[2J');
}

const jsonAnswer = (status: number, body: unknown): Handler => (_req, res) =>
  void res.writeHead(status, { 'Content-Type': 'application/json' }).end(JSON.stringify(body));

/** An authorization server that registers, authorizes and answers the token request as `token` says. */
async function authorizationServer(token: Handler, clientId = 'c1'): Promise<string> {
  return serve({
    '/.well-known/oauth-authorization-server': (_q, r, o) =>
      jsonAnswer(200, { issuer: o, authorization_endpoint: `${o}/authorize`, token_endpoint: `${o}/token`, registration_endpoint: `${o}/register`, code_challenge_methods_supported: ['S256'] })(_q, r, o),
    '/register': jsonAnswer(201, { client_id: clientId, token_endpoint_auth_method: 'none', redirect_uris: [] }),
    '/authorize': (req, res, o) => {
      const q = new URL(req.url ?? '/', o).searchParams;
      res.writeHead(302, { Location: `${q.get('redirect_uri')}?code=the-code-1234&state=${q.get('state')}` }).end();
    },
    '/token': token,
  });
}

async function runHuman(...argv: string[]) {
  return cli('run', ...argv, '--headless', '--timeout', '5000', '--data-dir', tempDir());
}

/** The CLI on a terminal: colour and spinner on. */
async function onTerminal(...argv: string[]): Promise<{ code: number; stderr: string }> {
  let stderr = '';
  const code = await main(argv, { stdout: () => undefined, stderr: (s) => void (stderr += s), tty: true });
  return { code, stderr };
}

/** What is left once Authtrace's own colour codes and spinner redraws are taken out. */
const withoutOurCodes = (text: string) => text.replace(/\r(?=[⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏]|\u001b\[K)/g, '').replace(/\u001b\[(?:\d+m|K)/g, '');

describe('terminal escape injection', () => {
  it('a status reason phrase with escapes is shown escaped in the progress line and the summary; --json stays JSON', async () => {
    const head = Buffer.concat([Buffer.from('HTTP/1.1 404 Nope\u001b[2J\u001b]0;owned\u0007 ', 'latin1'), Buffer.from('\u202Egone', 'utf8'), Buffer.from('\r\nContent-Length: 0\r\nConnection: close\r\n\r\n')]);
    const origin = await serve({ '/mcp': (req) => void req.socket.end(head) });
    const human = await runHuman(`${origin}/mcp`);
    expect(human.code).toBe(1);
    inert(human.stderr);
    expect(human.stderr).toContain('404 Nope⟨ESC⟩[2J⟨ESC⟩]0;owned⟨BEL⟩');

    const json = await cli('run', '--json', `${origin}/mcp`, '--headless', '--data-dir', tempDir());
    expect(json.stdout).not.toContain('\u001b');
    const report = JSON.parse(json.stdout) as RunReport;
    expect(report.error?.message).toContain('404 Nope\u001b[2J');
  });

  it('error_description, the registered client_id and the stored client in `clients list` and `show`', async () => {
    const origin = await authorizationServer(jsonAnswer(400, { error: 'invalid_grant', error_description: HOSTILE }), `c1${HOSTILE}`);
    const dir = tempDir();
    const run = await cli('run', '--issuer', origin, '--headless', '--timeout', '5000', '--data-dir', dir);
    expect(run.code).toBe(1);
    inert(run.stderr);
    expect(run.stderr).toContain('invalid_grant: ⟨ESC⟩[2J⟨ESC⟩]0;owned⟨BEL⟩⟨CR⟩⟨LF⟩The flow completed.⟨U+202E⟩⟨U+009B⟩2J');
    expect(run.stderr).toContain(`client c1⟨ESC⟩[2J`);
    expect(run.stderr.split('\n')).not.toContain('The flow completed.');

    const list = await cli('clients', 'list', '--data-dir', dir);
    inert(list.stdout);
    expect(list.stdout).toContain(`${origin}  c1⟨ESC⟩[2J`);
    const show = await cli('clients', 'show', origin, '--data-dir', dir);
    inert(show.stdout);
    const listJson = await cli('clients', 'list', '--json', '--data-dir', dir);
    expect(listJson.stdout).not.toContain('\u001b');
    expect((JSON.parse(listJson.stdout) as { client_id: string }[])[0]?.client_id).toBe(`c1${HOSTILE}`);
  });

  it('token_type and scope in the token step line, with our own colours still on a terminal', async () => {
    const origin = await authorizationServer(jsonAnswer(200, { access_token: 'at-0123456789', token_type: `Bearer${HOSTILE}`, scope: `mcp${HOSTILE}` }));
    const { stderr } = await onTerminal('run', '--issuer', origin, '--headless', '--timeout', '5000', '--data-dir', tempDir());
    expect(stderr).toContain('\u001b[32m✓\u001b[0m');
    const rest = withoutOurCodes(stderr);
    inert(rest);
    expect(rest).toContain('access token received (Bearer⟨ESC⟩[2J');
    expect(rest).toContain('scope "mcp⟨ESC⟩[2J');
  });

  it('a body excerpt quoted by a JSON parse error', async () => {
    const origin = await serve({ '*': (_q, r) => void r.writeHead(200, { 'Content-Type': 'application/json' }).end(`${HOSTILE}{`) });
    const { code, stderr } = await runHuman('--issuer', origin);
    expect(code).toBe(1);
    inert(stderr);
    expect(stderr).toMatch(/not JSON/);
  });

  it('URLs, reason phrases and OAuth errors in `lint` output', async () => {
    const har = chromeHar();
    const refresh = har.log.entries[15]!;
    refresh.request.url = `${refresh.request.url}?x=${HOSTILE}`;
    refresh.response.statusText = HOSTILE;
    const file = `${tempDir()}/hostile.har`;
    writeFileSync(file, JSON.stringify(har));
    const { stdout } = await cli('lint', file);
    inert(stdout);
    expect(stdout).toContain('answered 400');
  });

  it('error lines of printError: an unknown command and an unknown issuer', async () => {
    const unknown = await cli(`x${HOSTILE}`);
    expect(unknown.code).toBe(2);
    inert(unknown.stderr.split('\nUsage:')[0]!);
    const missing = await cli('clients', 'show', `http://x${HOSTILE}`, '--data-dir', tempDir());
    expect(missing.code).toBe(1);
    inert(missing.stderr);
  });
});
