export interface CliIo {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  /** Whether stderr is a terminal (spinners and colour). */
  tty?: boolean;
}

export class UsageError extends Error {}

export const processIo: CliIo = {
  stdout: (s) => process.stdout.write(s),
  stderr: (s) => process.stderr.write(s),
  tty: Boolean(process.stderr.isTTY) && !process.env.NO_COLOR,
};

const codes = { red: 31, yellow: 33, green: 32, cyan: 36, dim: 2, bold: 1 } as const;
export function paint(io: CliIo, colour: keyof typeof codes, text: string): string {
  return io.tty ? `\u001b[${codes[colour]}m${text}\u001b[0m` : text;
}
