import { describe, expect, it } from 'vitest';
import type * as z from 'zod';
import { CHANNELS } from './contract.js';
import { defaultConfig } from './model.js';
import { check, pathText } from './schema-problems.js';
import { HttpRequest, MAX_TIMEOUT_MS, REQUEST_SCHEMAS, SessionConfig, SessionOptions, TargetInput, isHttpUrl } from './schemas.js';

/** The first problem, as the Api puts it: `field problem` ("the request" for the request itself). */
function problem(schema: Parameters<typeof check>[0], value: unknown): string | undefined {
  const checked = check(schema, value);
  if (checked.ok) return undefined;
  return `${checked.path.length > 0 ? pathText(checked.path) : 'the request'} ${checked.problem}`;
}

const parse = (channel: (typeof CHANNELS)[number], value: unknown) => {
  const checked = check(REQUEST_SCHEMAS[channel] as z.ZodType, value);
  if (!checked.ok) throw new Error(`${pathText(checked.path)} ${checked.problem}`);
  return checked.value;
};

describe('the Api request schemas', () => {
  it('has one schema per channel, and each refuses a request with fields it does not know', () => {
    expect(Object.keys(REQUEST_SCHEMAS).sort()).toEqual([...CHANNELS].sort());
    for (const channel of CHANNELS) expect(check(REQUEST_SCHEMAS[channel] as z.ZodType, { surely: 'not valid' }).ok, channel).toBe(false);
  });

  it('passes the requests the renderer sends, copied down to known fields', () => {
    const start = { target: { kind: 'sandbox', profile: 'correct' }, options: { registration: 'auto', strategy: 'registered', newClient: false, timeoutMs: 15_000, scope: 'mcp' } };
    expect(parse('session:start', start)).toEqual(start);
    expect(parse('session:start', { target: { kind: 'mcp', url: 'https://x.example/mcp' } })).toEqual({ target: { kind: 'mcp', url: 'https://x.example/mcp' }, options: {} });
    expect(parse('session:start', { target: { kind: 'issuer', issuer: 'http://127.0.0.1:1' }, options: null })).toEqual({ target: { kind: 'issuer', issuer: 'http://127.0.0.1:1' }, options: {} });
    expect(parse('session:get', undefined)).toBeUndefined();
    expect(parse('session:next', null)).toBeUndefined();
    expect(parse('session:send', {})).toEqual({});
    expect(parse('session:send', undefined)).toEqual({});
    const edited = { method: 'POST', url: 'https://x.example/token', headers: [{ name: 'A', value: 'b' }], body: 'x=1' };
    expect(parse('session:send', { edited })).toEqual({ edited });
    expect(parse('session:rerun', { step: 'token', options: { authMethod: 'client_secret_post' } })).toEqual({ step: 'token', options: { authMethod: 'client_secret_post' } });
    expect(parse('session:rerun', { step: 'token' })).toEqual({ step: 'token' });
    expect(parse('session:export-har', { includeSecrets: true })).toEqual({ includeSecrets: true });
    expect(parse('session:export-har', {})).toEqual({ includeSecrets: false });
    expect(parse('clients:set-method', { issuer: 'i', clientId: 'c', method: 'unknown' })).toEqual({ issuer: 'i', clientId: 'c', method: 'unknown' });
  });

  it('treats a field set to undefined as absent, at every level (IPC keeps such fields)', () => {
    const request = { target: { kind: 'mcp', url: 'https://x.example/mcp', profile: undefined }, options: { timeoutMs: 1000, extra: undefined, callTool: { name: 't', args: undefined } }, more: undefined };
    expect(parse('session:start', request)).toEqual({ target: { kind: 'mcp', url: 'https://x.example/mcp' }, options: { timeoutMs: 1000, callTool: { name: 't', args: {} } } });
    const out = parse('session:start', request) as { options: object };
    expect(Object.keys(out.options)).toEqual(['callTool', 'timeoutMs']);
  });

  it.each([
    ['session:start', undefined, 'the request must be an object, not undefined'],
    ['session:start', { target: null, options: {} }, 'target must be an object, not null'],
    ['session:start', { target: { kind: 'file', url: 'x' } }, 'target.kind must be one of sandbox, mcp, issuer'],
    ['session:start', { target: { kind: 'mcp', url: 42 } }, 'target.url must be a string, not number'],
    ['session:start', { target: { kind: 'mcp', url: 'not a url' } }, 'target.url must be an http(s) URL'],
    ['session:start', { target: { kind: 'issuer', issuer: 'file:///etc/passwd' } }, 'target.issuer must be an http(s) URL'],
    ['session:start', { target: { kind: 'sandbox', profile: 'correct', url: 'https://x' } }, 'target has unknown field "url"'],
    ['session:start', { target: { kind: 'mcp', url: 'http://127.0.0.1:1/mcp' }, options: { timeoutMs: 'abc' } }, 'options.timeoutMs must be a whole number of milliseconds from 1 to 3600000'],
    ['session:start', { target: { kind: 'mcp', url: 'http://127.0.0.1:1/mcp' }, options: { timeoutMs: -5 } }, 'options.timeoutMs must be a whole number'],
    ['session:start', { target: { kind: 'mcp', url: 'http://127.0.0.1:1/mcp' }, options: { timeoutMs: 0 } }, 'options.timeoutMs must be a whole number'],
    ['session:start', { target: { kind: 'mcp', url: 'http://127.0.0.1:1/mcp' }, options: { timeoutMs: 1.5 } }, 'options.timeoutMs must be a whole number'],
    ['session:start', { target: { kind: 'mcp', url: 'http://127.0.0.1:1/mcp' }, options: { timeoutMs: MAX_TIMEOUT_MS + 1 } }, 'options.timeoutMs must be a whole number'],
    ['session:start', { target: { kind: 'mcp', url: 'http://127.0.0.1:1/mcp' }, options: { redirectPort: -5 } }, 'options has unknown field "redirectPort"'],
    ['session:start', { target: { kind: 'mcp', url: 'http://127.0.0.1:1/mcp' }, options: { headless: true } }, 'options has unknown field "headless"'],
    ['session:start', { target: { kind: 'mcp', url: 'http://127.0.0.1:1/mcp' }, options: { strategy: 'guess' } }, 'options.strategy must be one of registered, first-advertised, mcp-sdk, prefer-none'],
    ['session:start', { target: { kind: 'mcp', url: 'http://127.0.0.1:1/mcp' }, options: { clientMetadataUrl: 'client.json' } }, 'options.clientMetadataUrl must be an http(s) URL'],
    ['session:start', { target: { kind: 'mcp', url: 'http://127.0.0.1:1/mcp' }, options: { callTool: { name: 't', args: [1] } } }, 'options.callTool.args must be an object, not an array'],
    ['session:start', { target: { kind: 'mcp', url: 'http://127.0.0.1:1/mcp' }, options: { newClient: 'yes' } }, 'options.newClient must be true or false, not a string'],
    ['session:send', { edited: { method: 'GET', url: 'x', headers: 'A: b' } }, 'edited.headers must be an array, not a string'],
    ['session:send', { edited: { method: 'GET', url: 'x', headers: [{ name: 'A', value: 1 }] } }, 'edited.headers[0].value must be a string, not number'],
    ['session:send', { edited: { method: 'GET', url: 'x', headers: [], cookies: [] } }, 'edited has unknown field "cookies"'],
    ['session:rerun', { step: 'nope' }, 'step must be one of probe, '],
    ['session:export-har', null, 'the request must be an object, not null'],
    ['session:export-har', { includeSecrets: 'yes' }, 'includeSecrets must be true or false, not a string'],
    ['clients:set-method', { issuer: {}, clientId: [], method: 'x' }, 'issuer must be a string, not an object'],
    ['clients:set-method', { issuer: 'i', clientId: 'c', method: 'x' }, 'method must be one of none, client_secret_basic, client_secret_post, private_key_jwt, client_secret_jwt, unknown'],
    ['sessions:open', { id: 5 }, 'id must be a string, not number'],
    ['session:import-har', { fileName: 'a.har' }, 'content must be a string, not undefined'],
    ['session:get', { anything: 1 }, 'the request must be absent (this channel takes none)'],
    ['session:get', 'x', 'the request must be absent (this channel takes none)'],
  ] as const)('%s refuses %j', (channel, request, message) => {
    expect(problem(REQUEST_SCHEMAS[channel] as z.ZodType, request)).toMatch(new RegExp(`^${message.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
  });
});

describe('the configuration schemas', () => {
  const target = { kind: 'mcp', url: 'https://mcp.example/mcp' } as const;

  it('accepts every full SessionConfig the engine is given', () => {
    const full = {
      ...defaultConfig(target),
      clientId: 'c',
      clientSecret: 's',
      authMethod: 'client_secret_post',
      registerMethod: 'private_key_jwt',
      clientMetadataUrl: 'https://client.example/meta.json',
      scope: 'mcp',
      revision: '2025-06-18',
      callTool: { name: 'echo', args: { text: 'hi' } },
      refresh: true,
      privateKey: '-----BEGIN PRIVATE KEY-----',
    };
    expect(check(SessionConfig, full)).toEqual({ ok: true, value: full });
    expect(check(SessionConfig, defaultConfig({ kind: 'issuer', issuer: 'http://127.0.0.1:4000' })).ok).toBe(true);
  });

  it.each([
    [{ ...defaultConfig(target), target: { kind: 'sandbox', profile: 'correct' } }, 'target.kind must be one of mcp, issuer'],
    [{ ...defaultConfig(target), target: { kind: 'mcp', url: 'javascript:alert(1)' } }, 'target.url must be an http(s) URL'],
    [{ ...defaultConfig(target), headless: undefined }, 'headless must be true or false, not undefined'],
    [{ ...defaultConfig(target), timeoutMs: 1e9 }, 'timeoutMs must be a whole number of milliseconds from 1 to 3600000'],
    [{ ...defaultConfig(target), registration: 'magic' }, 'registration must be one of auto, dcr, cimd, pre-registered'],
    [{ ...defaultConfig(target), strategy: undefined }, 'strategy must be one of'],
    [{ ...defaultConfig(target), authMethod: 'tls_client_auth' }, 'authMethod must be one of none, client_secret_basic'],
    [{ ...defaultConfig(target), callTool: { args: {} } }, 'callTool.name must be a string, not undefined'],
    [{ ...defaultConfig(target), shell: 'rm -rf /' }, 'the request has unknown field "shell"'],
    ['config', 'the request must be an object, not a string'],
  ])('SessionConfig refuses %j', (config, message) => {
    expect(problem(SessionConfig, config)).toMatch(new RegExp(`^${message.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
  });

  it('SessionOptions is SessionConfig without the target and headless', () => {
    const { target: _target, headless: _headless, ...options } = defaultConfig(target);
    expect(check(SessionOptions, options)).toEqual({ ok: true, value: options });
    expect(problem(SessionOptions, { ...options, headless: true })).toBe('the request has unknown field "headless"');
  });

  it('TargetInput takes the sandbox, an MCP server or an issuer, each by an http(s) URL', () => {
    expect(check(TargetInput, { kind: 'sandbox', profile: 'none-first' }).ok).toBe(true);
    expect(check(TargetInput, { kind: 'mcp', url: 'http://127.0.0.1:9/mcp' }).ok).toBe(true);
    expect(problem(TargetInput, { kind: 'mcp', url: 'ftp://x' })).toBe('url must be an http(s) URL');
  });

  it('HttpRequest keeps the body optional and the headers in order', () => {
    const request = { method: 'POST', url: 'https://x', headers: [{ name: 'B', value: '2' }, { name: 'A', value: '1' }] };
    expect(check(HttpRequest, request)).toEqual({ ok: true, value: request });
  });

  it('isHttpUrl takes http and https only', () => {
    expect(['http://a', 'https://a.example/x?y', 'HTTPS://A'].map(isHttpUrl)).toEqual([true, true, true]);
    expect(['', 'a.example', 'ftp://a', 'file:///x', 'javascript:alert(1)', 'http//a'].map(isHttpUrl)).toEqual([false, false, false, false, false, false]);
  });
});
