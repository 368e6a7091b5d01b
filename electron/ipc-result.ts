// How an IPC handler's outcome crosses to the preload (Electron would otherwise mangle thrown errors).
export type IpcResult<T> = { ok: true; value: T } | { ok: false; error: { message: string; hint?: string } };

export function errorResult(error: unknown): IpcResult<never> {
  const message = error instanceof Error ? error.message : String(error);
  const hint = error instanceof Error ? (error as { hint?: unknown }).hint : undefined;
  return { ok: false, error: typeof hint === 'string' ? { message, hint } : { message } };
}
