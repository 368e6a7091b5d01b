// Every code a command line can end with, through the real main(): with --json, the error is the
// one object on stdout, {"error": {code, message, hint?}}; the exit code is the usual one.
import { chmodSync, mkdirSync, truncateSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { HAR_CODES } from '../../shared/errors/har.js';
import { USAGE_CODES } from '../../shared/errors/usage.js';
import { exportHar } from '../../shared/har/export.js';
import { DEFAULT_MAX_BYTES } from '../../shared/har/read.js';
import { fullSession } from '../../shared/har/test-support/session.js';
import { cli, tempDir } from '../test-support/cli.js';

const MCP = 'http://127.0.0.1:1/mcp';
const dir = tempDir('authtrace-codes-');
const file = (name: string) => path.join(dir, name);
let closedPortUrl: string;

beforeAll(async () => {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  closedPortUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/mcp`;
  await new Promise<void>((resolve) => server.close(() => resolve()));

  writeFileSync(file('a-file'), 'not a directory');
  mkdirSync(file('a-dir'));
  writeFileSync(file('huge.har'), '');
  truncateSync(file('huge.har'), DEFAULT_MAX_BYTES + 1);
  writeFileSync(file('hello.txt'), 'hello');
  writeFileSync(file('not-a-har.json'), '{"hello":"world"}');
  writeFileSync(file('empty.har'), '{"log":{"version":"1.2","creator":{"name":"x","version":"1"},"entries":[]}}');
  const har = exportHar(fullSession(), { diagnostics: [], includeSecrets: false });
  (har.log._authtrace as unknown as { config: { timeoutMs: number } }).config.timeoutMs = -1;
  writeFileSync(file('bad-config.har'), JSON.stringify(har));
  writeFileSync(file('locked.har'), '{}');
  chmodSync(file('locked.har'), 0o000);
  mkdirSync(file('corrupt-store'));
  writeFileSync(file('corrupt-store/clients.json'), '{"clients": [tru');
});

type Case = [code: string, argv: string[], message: string | RegExp, exit: number];

/** Replaced in the command line by the URL of a port where nothing listens (known once the test runs). */
const CLOSED = '<closed port>';

const CASES: Case[] = [
  ['USAGE_UNKNOWN_COMMAND', ['frobnicate', '--json'], 'unknown command "frobnicate".', 2],
  ['USAGE_UNKNOWN_COMMAND', ['clients', 'frob', '--json'], 'unknown subcommand "frob"; it is one of list, show, set-method, forget.', 2],
  ['USAGE_UNKNOWN_OPTION', ['run', '--json', '--verbose', MCP], 'unknown option --verbose.', 2],
  ['USAGE_UNKNOWN_OPTION', ['lint', '--json', 'x.har', '-v'], 'unknown option -v.', 2],
  ['USAGE_MISSING_VALUE', ['run', '--json', MCP, '--strategy'], '--strategy needs a value.', 2],
  ['USAGE_MISSING_VALUE', ['run', '--json', MCP, '--timeout', '-5'], '--timeout needs a value; "-5" looks like an option.', 2],
  ['USAGE_INVALID_VALUE', ['run', '--json', MCP, '--strategy', 'guess'], '--strategy must be one of registered, first-advertised, mcp-sdk, prefer-none; got "guess".', 2],
  ['USAGE_INVALID_VALUE', ['run', '--json', 'ftp://x'], 'the MCP server URL must be an http(s) URL; got "ftp://x".', 2],
  ['USAGE_INVALID_VALUE', ['run', '--json', '--issuer', 'as.example'], '--issuer must be an http(s) URL; got "as.example".', 2],
  ['USAGE_INVALID_VALUE', ['run', '--json', MCP, '--timeout', '7200000'], '--timeout must be a whole number of milliseconds from 1 to 3600000; got "7200000".', 2],
  ['USAGE_INVALID_VALUE', ['run', '--json', MCP, '--client-metadata-url', 'client.json'], '--client-metadata-url must be an http(s) URL; got "client.json".', 2],
  ['USAGE_INVALID_VALUE', ['run', '--json', MCP, '--tool-args', '[1]', '--call-tool', 'echo'], '--tool-args must be a JSON object (not an object).', 2],
  ['USAGE_INVALID_VALUE', ['run', '--json', MCP, '--fail-on', 'never'], '--fail-on must be one of flow, error, warning, info; got "never".', 2],
  ['USAGE_INVALID_VALUE', ['run', '--json=yes', MCP], '--json takes no value; got "yes".', 2],
  ['USAGE_MISSING_ARGUMENT', ['run', '--json'], 'give an MCP server URL, or --issuer <url> to start from an authorization server.', 2],
  ['USAGE_MISSING_ARGUMENT', ['lint', '--json'], 'which HAR file?', 2],
  ['USAGE_TOO_MANY_ARGUMENTS', ['run', '--json', MCP, 'http://127.0.0.1:2/mcp'], `expected one MCP server URL, got 2: ${MCP} http://127.0.0.1:2/mcp`, 2],
  ['USAGE_TOO_MANY_ARGUMENTS', ['lint', '--json', 'a.har', 'b.har'], 'one HAR file at a time (got "a.har" and "b.har").', 2],
  ['USAGE_CONFLICTING_OPTIONS', ['run', '--json', MCP, '--issuer', 'http://127.0.0.1:3'], 'give either an MCP server URL or --issuer, not both.', 2],
  ['USAGE_CONFLICTING_OPTIONS', ['run', '--json', MCP, '--registration', 'pre-registered'], '--registration pre-registered needs --client-id.', 2],
  ['USAGE_FILE_UNREADABLE', ['run', '--json', MCP, '--private-key', file('missing.pem')], /^cannot read --private-key .*missing\.pem: ENOENT/, 2],
  ['USAGE_FILE_UNWRITABLE', ['run', '--json', CLOSED, '--data-dir', dir, '--har', file('a-file/run.har')], /^cannot write --har .*a-file\/run\.har: /, 1],
  ['DATA_DIR_INVALID', ['run', '--json', MCP, '--data-dir', file('a-file')], /^The data directory .*a-file is a file, not a directory\.$/, 2],
  ['STORE_CORRUPT', ['clients', 'list', '--json', '--data-dir', file('corrupt-store')], /clients\.json/, 1],
  ['HAR_FILE_NOT_FOUND', ['lint', '--json', file('missing.har')], `${file('missing.har')}: no such file.`, 2],
  ['HAR_NOT_A_FILE', ['lint', '--json', file('a-dir')], `${file('a-dir')}: not a file.`, 2],
  ['HAR_FILE_TOO_LARGE', ['lint', '--json', file('huge.har')], /huge\.har: the file is 200\.0 MB, over the 200\.0 MB limit/, 2],
  ['HAR_NOT_JSON', ['lint', '--json', file('hello.txt')], /hello\.txt: The file is not JSON/, 2],
  ['HAR_NOT_HAR', ['lint', '--json', file('not-a-har.json')], /not-a-har\.json: The file is JSON but not a HAR/, 2],
  ['HAR_EMPTY', ['lint', '--json', file('empty.har')], /empty\.har: The HAR has nothing to show: its log has no entries\./, 2],
  ['HAR_CONFIG_INVALID', ['lint', '--json', file('bad-config.har')], /bad-config\.har: The file's Authtrace session configuration is not valid: config\.timeoutMs must be a whole number/, 2],
];

// Root reads any file whatever its mode.
const root = process.getuid?.() === 0;
if (!root) CASES.push(['HAR_FILE_UNREADABLE', ['lint', '--json', file('locked.har')], /locked\.har: cannot read it \(EACCES/, 2]);

describe('error codes on the command line', () => {
  it('has a bad command line for every usage and HAR code the CLI can produce', () => {
    const expected = [...Object.keys(USAGE_CODES).filter((code) => !code.startsWith('API_')), ...Object.keys(HAR_CODES).filter((code) => !(root && code === 'HAR_FILE_UNREADABLE'))];
    expect([...new Set(CASES.map(([code]) => code))].sort()).toEqual(expected.sort());
  });

  it.each(CASES)('%s: %j', async (code, argv, message, exit) => {
    const r = await cli(...argv.map((arg) => (arg === CLOSED ? closedPortUrl : arg)));
    expect(r.code).toBe(exit);
    const out = JSON.parse(r.stdout) as { error: { code: string; message: string }; harError?: { code: string; message: string } };
    // A run whose HAR cannot be written still reports the run; the file's error sits beside it.
    const error = code === 'USAGE_FILE_UNWRITABLE' ? out.harError! : out.error;
    if (code !== 'USAGE_FILE_UNWRITABLE') expect(Object.keys(out)).toEqual(['error']);
    expect(error.code).toBe(code);
    if (typeof message === 'string') expect(error.message).toBe(message);
    else expect(error.message).toMatch(message);
    expect(r.stderr).toContain(error.message);
  });

  it('says the same on stderr without --json, with the usage after a usage error, and nothing on stdout', async () => {
    const r = await cli('run', MCP, '--strategy', 'guess');
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^authtrace run: --strategy must be one of registered, first-advertised, mcp-sdk, prefer-none; got "guess"\.\n\nUsage: authtrace run/);
  });
});
