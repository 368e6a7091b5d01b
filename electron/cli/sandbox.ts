// `authtrace sandbox`: the built-in MCP server with OAuth, until stopped.
import { SANDBOX_PROFILES, startSandbox } from '../sandbox/index.js';
import { parseCommandLine, portOption, wantsHelp } from './args.js';
import { printError, UsageError, wantsJson, type CliIo } from './io.js';

const USAGE = `Usage: authtrace sandbox [--profile <name>] [--port <n>]
       authtrace sandbox --list
`;

export async function sandboxCommand(argv: string[], io: CliIo, signal?: AbortSignal): Promise<number> {
  if (wantsHelp(argv)) {
    io.stdout(USAGE);
    return 0;
  }
  let profile: string;
  let port: number;
  try {
    const { values, positionals } = parseCommandLine(argv, { profile: { type: 'string' }, port: { type: 'string' }, list: { type: 'boolean' } });
    if (positionals.length > 0) throw new UsageError('USAGE_TOO_MANY_ARGUMENTS', `sandbox takes no argument; got ${positionals.join(' ')}.`);
    if (values.list) {
      for (const p of SANDBOX_PROFILES) io.stdout(`${p.name}\n  ${p.description}\n\n`);
      return 0;
    }
    profile = values.profile ?? 'correct';
    if (!SANDBOX_PROFILES.some((p) => p.name === profile)) {
      throw new UsageError('USAGE_INVALID_VALUE', `unknown profile "${profile}". Profiles: ${SANDBOX_PROFILES.map((p) => p.name).join(', ')}`);
    }
    port = portOption(values.port);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    printError(io, error, { prefix: 'authtrace sandbox', json: wantsJson(argv), usage: USAGE });
    return 2;
  }
  const sandbox = await startSandbox({ profile, port });
  io.stdout(`MCP server: ${sandbox.mcpUrl}\nAuthorization server: ${sandbox.issuer}\nProfile: ${profile}\n`);
  io.stderr('Press Ctrl+C to stop.\n');
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    signal?.addEventListener('abort', stop, { once: true });
  });
  await sandbox.close();
  return 0;
}
