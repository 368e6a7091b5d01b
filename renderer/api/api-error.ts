// An error from the host as the screen reads it: its code (see shared/errors), a message and a hint.
import type { ErrorCode, SerializedError } from '../../shared/errors/index.js';

export class ApiError extends Error {
  constructor(
    message: string,
    readonly hint?: string,
    readonly code?: ErrorCode,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  static from(error: SerializedError): ApiError {
    return new ApiError(error.message, error.hint, error.code);
  }
}

/** Whether a value is an error as the host serialises it (plain data with a code and a message). */
export function isSerializedError(value: unknown): value is SerializedError {
  if (typeof value !== 'object' || value === null || value instanceof Error) return false;
  const { code, message, hint } = value as Record<string, unknown>;
  return typeof code === 'string' && typeof message === 'string' && (hint === undefined || typeof hint === 'string');
}
