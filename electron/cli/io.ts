import { CodedError, serializeError } from '../../shared/errors/index.js';
import type { UsageCode } from '../../shared/errors/usage.js';
import { safe, sanitize } from './sanitize.js';

export interface CliIo {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  /** Whether stderr is a terminal (spinners and colour). */
  tty?: boolean;
}

/** A mistake on the command line: exit 2, with the command's usage. */
export class UsageError extends CodedError {
  declare readonly code: UsageCode;
  constructor(code: UsageCode, message: string, hint?: string) {
    super(code, message, hint);
    this.name = 'UsageError';
  }
}

export const processIo: CliIo = {
  stdout: (s) => process.stdout.write(s),
  stderr: (s) => process.stderr.write(s),
  tty: Boolean(process.stderr.isTTY) && !process.env.NO_COLOR,
};

/** Whether the command line asks for JSON: then an error is JSON too, even one met while reading it. */
export function wantsJson(argv: readonly string[]): boolean {
  return argv.some((arg) => arg === '--json' || arg.startsWith('--json='));
}

export interface ErrorReport {
  /** What the line on stderr starts with: "authtrace run". */
  prefix: string;
  json: boolean;
  /** Printed after a usage error (not in JSON mode). */
  usage?: string;
}

/**
 * One line on stderr saying what went wrong (and the usage after a usage error). With --json,
 * stdout carries one object, {"error": {code, message, hint?}}, and nothing else.
 */
export function printError(io: CliIo, error: unknown, report: ErrorReport): void {
  const serialized = serializeError(error);
  if (report.json) io.stdout(`${JSON.stringify({ error: serialized }, null, 2)}\n`);
  const line = safe`${report.prefix}: ${serialized.message}`;
  const hint = serialized.hint ? safe`\n  ${serialized.hint}` : '';
  const usage = !report.json && report.usage && error instanceof UsageError ? `\n${report.usage}` : '';
  io.stderr(`${line}${hint}\n${usage}`);
}

const codes = { red: 31, yellow: 33, green: 32, cyan: 36, dim: 2, bold: 1 } as const;
export type Colour = keyof typeof codes;

/** Our colour around text that is sanitised first (sanitising is idempotent: safe text stays as it is). */
export function paint(io: CliIo, colour: Colour, text: string): string {
  const clean = sanitize(text);
  return io.tty ? `\u001b[${codes[colour]}m${clean}\u001b[0m` : clean;
}
