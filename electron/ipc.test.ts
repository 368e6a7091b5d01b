import { describe, expect, it, vi } from 'vitest';
import { CHANNELS } from '../shared/contract.js';
import type { ApiHandlers } from './services/controller.js';

const handle = vi.fn();
const removeHandler = vi.fn();
vi.mock('electron', () => ({ ipcMain: { handle, removeHandler } }));

const { guarded, registerApi } = await import('./ipc.js');

const mainFrame = { url: 'app://authtrace/index.html', parent: null };
const event = (frame: { url: string; parent: unknown } | null) => ({ senderFrame: frame, sender: { mainFrame } }) as never;
const handlers = {
  'session:get': async () => null,
  'clients:list': async () => {
    throw Object.assign(new Error('disk full'), { hint: 'free some space' });
  },
} as unknown as ApiHandlers;

describe('IPC guard', () => {
  it('answers the top frame of the app origin', async () => {
    const refused = vi.fn();
    expect(await guarded('session:get', handlers, refused)(event(mainFrame), undefined)).toEqual({ ok: true, value: null });
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
    const result = await guarded('session:get', { 'session:get': spy } as unknown as ApiHandlers, refused)(event(frame), undefined);
    expect(result).toMatchObject({ ok: false, error: { message: /Refused/ } });
    expect(spy).not.toHaveBeenCalled();
    expect(refused).toHaveBeenCalledOnce();
  });

  it('passes errors and their hints to the renderer as data', async () => {
    expect(await guarded('clients:list', handlers, vi.fn())(event(mainFrame), undefined)).toEqual({
      ok: false,
      error: { message: 'disk full', hint: 'free some space' },
    });
  });

  it('checks the request before the handler sees it', async () => {
    const spy = vi.fn(async () => ({ session: {} }));
    const start = guarded('session:start', { 'session:start': spy } as unknown as ApiHandlers, vi.fn());
    expect(await start(event(mainFrame), { target: { kind: 'mcp', url: 'http://127.0.0.1:1/mcp' }, options: { timeoutMs: 'abc' } })).toMatchObject({
      ok: false,
      error: { message: expect.stringMatching(/^Invalid session:start request: options.timeoutMs must be a whole number/) },
    });
    expect(await start(event(mainFrame), undefined)).toMatchObject({ ok: false, error: { message: 'Invalid session:start request: the request must be an object, not undefined.' } });
    expect(spy).not.toHaveBeenCalled();
    const onAnswered = vi.fn();
    const ok = guarded('session:start', { 'session:start': spy } as unknown as ApiHandlers, vi.fn(), onAnswered);
    expect(await ok(event(mainFrame), { target: { kind: 'sandbox', profile: 'correct' }, options: { timeoutMs: 1000, extra: undefined } })).toEqual({ ok: true, value: { session: {} } });
    expect(spy).toHaveBeenCalledWith({ target: { kind: 'sandbox', profile: 'correct' }, options: { timeoutMs: 1000 } });
    expect(onAnswered).toHaveBeenCalledWith({ session: {} });
  });

  it('registers exactly the contract channels, all guarded', () => {
    const unregister = registerApi(handlers);
    expect(handle.mock.calls.map(([channel]) => channel)).toEqual([...CHANNELS]);
    unregister();
    expect(removeHandler).toHaveBeenCalledTimes(CHANNELS.length);
  });
});
