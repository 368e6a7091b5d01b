// Errors with stable codes, like oauth4webapi's: a script reads `code`, a person reads
// `message` and `hint`. Every error a user can meet carries one of these codes.
import { HAR_CODES, type HarCode } from './har.js';
import { STEP_CODES, type StepCode } from './step.js';
import { USAGE_CODES, type UsageCode } from './usage.js';

export const INTERNAL_CODES = {
  INTERNAL_ERROR: 'A bug in Authtrace: what it was doing failed in a way it does not expect. The exchanges so far are kept.',
} as const;
export type InternalCode = keyof typeof INTERNAL_CODES;

export type ErrorCode = StepCode | UsageCode | HarCode | InternalCode;

/** Every code with what it means: the table the README's error section and the code tests read. */
export const ERROR_CODES: Readonly<Record<ErrorCode, string>> = { ...STEP_CODES, ...USAGE_CODES, ...HAR_CODES, ...INTERNAL_CODES };

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && Object.hasOwn(ERROR_CODES, value);
}

/** An error a user can act on: a stable code, one paragraph saying what failed, and what to try. */
export class CodedError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly hint?: string,
  ) {
    super(message);
    this.name = 'CodedError';
  }
}

/** How an error crosses a boundary (IPC, WebSocket, --json): plain data, always with a code. */
export interface SerializedError {
  code: ErrorCode;
  message: string;
  hint?: string;
}

export function serializeError(error: unknown): SerializedError {
  if (error instanceof CodedError) return { code: error.code, message: error.message, ...(error.hint !== undefined && { hint: error.hint }) };
  const message = error instanceof Error ? error.message : String(error);
  return { code: 'INTERNAL_ERROR', message };
}
