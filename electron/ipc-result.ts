// How an Api call's outcome crosses to the other side (IPC to the preload, or the WebSocket):
// plain data, an error always as {code, message, hint?}. Electron would otherwise mangle thrown errors.
import { serializeError, type SerializedError } from '../shared/errors/index.js';

export type IpcResult<T> = { ok: true; value: T } | { ok: false; error: SerializedError };

export function errorResult(error: unknown): IpcResult<never> {
  return { ok: false, error: serializeError(error) };
}
