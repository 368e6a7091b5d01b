// How every command reads its command line: node:util parseArgs, with each mistake a UsageError
// that carries its code and names the option as typed.
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { printError, UsageError, wantsJson, type CliIo } from './io.js';

type Options = NonNullable<ParseArgsConfig['options']>;

/** parseArgs in strict mode would take `--fail-on --json` as a missing value too. */
const looksLikeOption = (value: string) => value.length > 1 && value.startsWith('-');

function checkTokens(argv: string[], options: Options): void {
  const { tokens } = parseArgs({ args: argv, options, allowPositionals: true, strict: false, tokens: true });
  for (const token of tokens) {
    if (token.kind !== 'option') continue;
    const option = options[token.name];
    if (!option) throw new UsageError('USAGE_UNKNOWN_OPTION', `unknown option ${token.rawName}.`);
    if (option.type === 'boolean' && token.value !== undefined) {
      throw new UsageError('USAGE_INVALID_VALUE', `${token.rawName} takes no value; got "${token.value}".`);
    }
    if (option.type === 'string' && token.value === undefined) throw new UsageError('USAGE_MISSING_VALUE', `${token.rawName} needs a value.`);
    if (option.type === 'string' && !token.inlineValue && looksLikeOption(token.value!)) {
      throw new UsageError('USAGE_MISSING_VALUE', `${token.rawName} needs a value; "${token.value}" looks like an option.`, `For a value that starts with "-", write ${token.rawName}=${token.value}.`);
    }
  }
}

export function parseCommandLine<O extends Options>(argv: string[], options: O) {
  checkTokens(argv, options);
  try {
    return parseArgs({ args: argv, options, allowPositionals: true, strict: true });
  } catch (error) {
    // checkTokens has found every mistake strict parsing knows of; this is a safety net.
    throw new UsageError('USAGE_INVALID_VALUE', (error as Error).message);
  }
}

/** The value if it is one of the choices; a UsageError naming the option otherwise. */
export function oneOf<T extends string>(option: string, value: string | undefined, choices: readonly T[]): T | undefined {
  if (value === undefined) return undefined;
  if (!(choices as readonly string[]).includes(value)) throw new UsageError('USAGE_INVALID_VALUE', `${option} must be one of ${choices.join(', ')}; got "${value}".`);
  return value as T;
}

/** --help or -h anywhere asks for the usage, whatever else is on the line. */
export function wantsHelp(argv: readonly string[]): boolean {
  return argv.includes('--help') || argv.includes('-h');
}

/** A subcommand-style command: --help prints its usage; a usage mistake is printed with it and exits 2. */
export async function runWithUsage(argv: string[], io: CliIo, command: { name: string; usage: string }, body: () => Promise<number>): Promise<number> {
  if (wantsHelp(argv)) {
    io.stdout(command.usage);
    return 0;
  }
  try {
    return await body();
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    printError(io, error, { prefix: `authtrace ${command.name}`, json: wantsJson(argv), usage: command.usage });
    return 2;
  }
}

/** --port: a TCP port number, 0 (or absent) for a free one. */
export function portOption(value: string | undefined): number {
  const port = value === undefined ? 0 : Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError('USAGE_INVALID_VALUE', `--port must be a port number; got "${value}".`);
  return port;
}
