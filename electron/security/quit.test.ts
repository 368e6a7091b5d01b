import { EventEmitter } from 'node:events';
import { describe, expect, it, vi } from 'vitest';
import { QUIT_TIMEOUT_MS, closeBeforeQuit } from './quit.js';

function fakeApp() {
  const emitter = new EventEmitter();
  const exit = vi.fn();
  const app = { on: (event: 'will-quit', listener: (event: { preventDefault(): void }) => void) => emitter.on(event, listener), exit };
  const quit = () => {
    const event = { preventDefault: vi.fn() };
    emitter.emit('will-quit', event);
    return event;
  };
  return { app, exit, quit };
}

describe('closeBeforeQuit', () => {
  it('holds the quit until the close has finished, then exits', async () => {
    const { app, exit, quit } = fakeApp();
    let finish!: () => void;
    const close = vi.fn(() => new Promise<void>((resolve) => (finish = resolve)));
    vi.useFakeTimers();
    try {
      closeBeforeQuit(app, close);
      const event = quit();
      expect(event.preventDefault).toHaveBeenCalled();
      expect(close).toHaveBeenCalledOnce();
      // Everything due until just before the quit timeout has run: only the close can end the wait.
      await vi.advanceTimersByTimeAsync(QUIT_TIMEOUT_MS - 1);
      expect(exit).not.toHaveBeenCalled();
      quit();
      expect(close).toHaveBeenCalledOnce();
    } finally {
      vi.useRealTimers();
    }
    finish();
    await vi.waitFor(() => expect(exit).toHaveBeenCalledWith(0));
  });

  it('exits even when the close fails or hangs', async () => {
    const failing = fakeApp();
    closeBeforeQuit(failing.app, () => Promise.reject(new Error('disk full')));
    failing.quit();
    await vi.waitFor(() => expect(failing.exit).toHaveBeenCalledWith(0));

    const hanging = fakeApp();
    closeBeforeQuit(hanging.app, () => new Promise(() => undefined), 20);
    hanging.quit();
    await vi.waitFor(() => expect(hanging.exit).toHaveBeenCalledWith(0));
  });
});
