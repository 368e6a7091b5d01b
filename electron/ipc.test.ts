import { describe, expect, it, vi } from 'vitest';
import { CHANNELS } from '../shared/contract.js';
import type { ApiHandlers } from './services/controller.js';

const handle = vi.fn();
const removeHandler = vi.fn();
vi.mock('electron', () => ({ ipcMain: { handle, removeHandler } }));

const { ipcServer, registerApi } = await import('./ipc.js');
const { CodedError } = await import('../shared/errors/index.js');

const mainFrame = { url: 'app://authtrace/index.html', parent: null };
const sender = { mainFrame };
const event = (frame: { url: string; parent: unknown } | null) => ({ senderFrame: frame, sender }) as never;
const handlers = {
  'session:get': async () => null,
  'clients:list': async () => {
    throw new CodedError('API_NOT_FOUND', 'disk full', 'free some space');
  },
  'sessions:list': async () => {
    throw Object.assign(new Error('surprise'), { hint: 'not for the user' });
  },
} as unknown as ApiHandlers;

describe('IPC guard', () => {
  it('answers the top frame of the app origin', async () => {
    const refused = vi.fn();
    expect(await ipcServer(handlers, refused)('session:get', event(mainFrame), undefined)).toEqual({ ok: true, value: null });
    expect(refused).not.toHaveBeenCalled();
  });

  it.each([
    ['a subframe', { url: 'app://authtrace/index.html', parent: mainFrame }],
    ['a look-alike origin', { ...mainFrame, url: 'app://authtrace.evil/index.html' }],
    ['a web page', { ...mainFrame, url: 'https://example.com/' }],
    ['a destroyed frame', null],
  ])('refuses %s without running the handler', async (_name, frame) => {
    const refused = vi.fn();
    const spy = vi.fn(async () => null);
    const result = await ipcServer({ 'session:get': spy } as unknown as ApiHandlers, refused)('session:get', event(frame), undefined);
    expect(result).toEqual({ ok: false, error: { code: 'API_REFUSED_SENDER', message: 'Refused: this request did not come from the Authtrace window.' } });
    expect(spy).not.toHaveBeenCalled();
    expect(refused).toHaveBeenCalledOnce();
  });

  it('passes errors to the renderer as data: code, message and hint; an unexpected error is INTERNAL_ERROR', async () => {
    const serve = ipcServer(handlers, vi.fn());
    expect(await serve('clients:list', event(mainFrame), undefined)).toEqual({
      ok: false,
      error: { code: 'API_NOT_FOUND', message: 'disk full', hint: 'free some space' },
    });
    expect(await serve('sessions:list', event(mainFrame), undefined)).toEqual({ ok: false, error: { code: 'INTERNAL_ERROR', message: 'surprise' } });
  });

  it('checks the request before the handler sees it', async () => {
    const spy = vi.fn(async () => ({ session: {} }));
    const start = ipcServer({ 'session:start': spy } as unknown as ApiHandlers, vi.fn());
    expect(await start('session:start', event(mainFrame), { target: { kind: 'mcp', url: 'http://127.0.0.1:1/mcp' }, options: { timeoutMs: 'abc' } })).toMatchObject({
      ok: false,
      error: { code: 'API_INVALID_REQUEST', message: expect.stringMatching(/^Invalid session:start request: options.timeoutMs must be a whole number/) },
    });
    expect(await start('session:start', event(mainFrame), undefined)).toMatchObject({
      ok: false,
      error: { code: 'API_INVALID_REQUEST', message: 'Invalid session:start request: the request must be an object, not undefined.' },
    });
    expect(spy).not.toHaveBeenCalled();
    const onAnswered = vi.fn();
    const ok = ipcServer({ 'session:start': spy } as unknown as ApiHandlers, vi.fn(), onAnswered);
    expect(await ok('session:start', event(mainFrame), { target: { kind: 'sandbox', profile: 'correct' }, options: { timeoutMs: 1000, extra: undefined } })).toEqual({ ok: true, value: { session: {} } });
    expect(spy).toHaveBeenCalledWith({ target: { kind: 'sandbox', profile: 'correct' }, options: { timeoutMs: 1000 } });
    expect(onAnswered).toHaveBeenCalledWith({ session: {} });
  });

  it('registers exactly the contract channels, all guarded', async () => {
    const refused = vi.fn();
    const unregister = registerApi({ 'session:get': async () => null } as unknown as ApiHandlers, refused);
    expect(handle.mock.calls.map(([channel]) => channel)).toEqual([...CHANNELS]);
    for (const [, listener] of handle.mock.calls) {
      expect(await listener(event(null), undefined)).toMatchObject({ ok: false, error: { code: 'API_REFUSED_SENDER' } });
    }
    expect(refused).toHaveBeenCalledTimes(CHANNELS.length);
    unregister();
    expect(removeHandler).toHaveBeenCalledTimes(CHANNELS.length);
  });
});
