import { describe, expect, it } from 'vitest';
import { CHANNELS } from '../shared/contract.js';
import { InvalidRequest, validateRequest } from './validate-request.js';

describe('validateRequest', () => {
  it('has a validator for every channel', () => {
    for (const channel of CHANNELS) expect(() => validateRequest(channel, { surely: 'not valid' })).toThrow(InvalidRequest);
  });

  it('passes the requests the renderer sends, copied down to known fields', () => {
    const start = { target: { kind: 'sandbox', profile: 'correct' }, options: { registration: 'auto', strategy: 'registered', newClient: false, timeoutMs: 15_000, scope: 'mcp' } };
    expect(validateRequest('session:start', start)).toEqual(start);
    expect(validateRequest('session:start', { target: { kind: 'mcp', url: 'https://x.example/mcp' } })).toEqual({ target: { kind: 'mcp', url: 'https://x.example/mcp' }, options: {} });
    expect(validateRequest('session:get', undefined)).toBeUndefined();
    expect(validateRequest('session:next', null)).toBeUndefined();
    expect(validateRequest('session:send', {})).toEqual({});
    const edited = { method: 'POST', url: 'https://x.example/token', headers: [{ name: 'A', value: 'b' }], body: 'x=1' };
    expect(validateRequest('session:send', { edited })).toEqual({ edited });
    expect(validateRequest('session:rerun', { step: 'token', options: { authMethod: 'client_secret_post' } })).toEqual({ step: 'token', options: { authMethod: 'client_secret_post' } });
    expect(validateRequest('session:export-har', { includeSecrets: true })).toEqual({ includeSecrets: true });
    expect(validateRequest('clients:set-method', { issuer: 'i', clientId: 'c', method: 'unknown' })).toEqual({ issuer: 'i', clientId: 'c', method: 'unknown' });
  });

  it.each([
    ['session:start', undefined, 'the request must be an object, not undefined'],
    ['session:start', { target: null, options: {} }, 'target must be an object, not null'],
    ['session:start', { target: { kind: 'file', url: 'x' } }, 'target.kind must be one of sandbox, mcp, issuer'],
    ['session:start', { target: { kind: 'mcp', url: 'http://127.0.0.1:1/mcp' }, options: { timeoutMs: 'abc' } }, 'options.timeoutMs must be a whole number'],
    ['session:start', { target: { kind: 'mcp', url: 'http://127.0.0.1:1/mcp' }, options: { timeoutMs: -5 } }, 'options.timeoutMs must be a whole number'],
    ['session:start', { target: { kind: 'mcp', url: 'http://127.0.0.1:1/mcp' }, options: { redirectPort: -5 } }, 'options has unknown field "redirectPort"'],
    ['session:start', { target: { kind: 'mcp', url: 'http://127.0.0.1:1/mcp' }, options: { headless: true } }, 'options has unknown field "headless"'],
    ['session:start', { target: { kind: 'mcp', url: 'http://127.0.0.1:1/mcp' }, options: { strategy: 'guess' } }, 'options.strategy must be one of'],
    ['session:start', { target: { kind: 'mcp', url: 42 } }, 'target.url must be a string, not number'],
    ['session:send', { edited: { method: 'GET', url: 'x', headers: 'A: b' } }, 'edited.headers must be an array'],
    ['session:send', { edited: { method: 'GET', url: 'x', headers: [{ name: 'A', value: 1 }] } }, 'edited.headers[0].value must be a string'],
    ['session:rerun', { step: 'nope' }, 'step must be one of'],
    ['session:export-har', null, 'the request must be an object, not null'],
    ['session:export-har', { includeSecrets: 'yes' }, 'includeSecrets must be true or false'],
    ['clients:set-method', { issuer: {}, clientId: [], method: 'x' }, 'issuer must be a string, not an object'],
    ['sessions:open', { id: 5 }, 'id must be a string'],
    ['session:get', { anything: 1 }, 'this channel takes no request'],
  ] as const)('%s refuses %j', (channel, request, message) => {
    expect(() => validateRequest(channel, request)).toThrow(message);
    try {
      validateRequest(channel, request);
    } catch (error) {
      expect(error).toBeInstanceOf(InvalidRequest);
      expect((error as Error).message).toMatch(new RegExp(`^Invalid ${channel} request: `));
    }
  });
});
