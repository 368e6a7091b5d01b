// The desktop app quits only after the controller has closed: the session store writes its last
// session (sealed secrets included) and sandboxes stop, instead of being cut off mid-write.
export interface QuittingApp {
  on(event: 'will-quit', listener: (event: { preventDefault(): void }) => void): unknown;
  exit(code?: number): void;
}

/** How long quitting waits for the close before it exits anyway. */
export const QUIT_TIMEOUT_MS = 5000;

export function closeBeforeQuit(app: QuittingApp, close: () => Promise<void>, timeoutMs = QUIT_TIMEOUT_MS): void {
  let closing = false;
  app.on('will-quit', (event) => {
    event.preventDefault();
    if (closing) return;
    closing = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<void>((resolve) => (timer = setTimeout(resolve, timeoutMs)));
    void Promise.race([close().catch(() => undefined), timeout]).finally(() => {
      clearTimeout(timer);
      app.exit(0);
    });
  });
}
