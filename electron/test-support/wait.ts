export interface WaitOptions {
  /** What is awaited, for the error: "timed out after 5000 ms waiting for <what>". */
  what: string;
  timeoutMs?: number;
  intervalMs?: number;
}

/** Polls until `check` returns a truthy value, and returns it; throws once timeoutMs has passed. */
export async function waitFor<T>(check: () => T | Promise<T>, { what, timeoutMs = 5000, intervalMs = 10 }: WaitOptions): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() >= deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
