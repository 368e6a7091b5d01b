// `authtrace sandbox`: the built-in MCP server with OAuth, until stopped.
import { parseArgs } from 'node:util';
import { SANDBOX_PROFILES, startSandbox } from '../sandbox/index.js';
import type { CliIo } from './io.js';

const USAGE = `Usage: authtrace sandbox [--profile <name>] [--port <n>]
       authtrace sandbox --list
`;

export async function sandboxCommand(argv: string[], io: CliIo, signal?: AbortSignal): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({ args: argv, options: { profile: { type: 'string' }, port: { type: 'string' }, list: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } } }));
  } catch (e) {
    io.stderr(`authtrace sandbox: ${(e as Error).message}\n\n${USAGE}`);
    return 2;
  }
  if (values.help) {
    io.stdout(USAGE);
    return 0;
  }
  if (values.list) {
    for (const p of SANDBOX_PROFILES) io.stdout(`${p.name}\n  ${p.description}\n\n`);
    return 0;
  }
  const profile = values.profile ?? 'correct';
  if (!SANDBOX_PROFILES.some((p) => p.name === profile)) {
    io.stderr(`authtrace sandbox: unknown profile "${profile}". Profiles: ${SANDBOX_PROFILES.map((p) => p.name).join(', ')}\n`);
    return 2;
  }
  const port = values.port === undefined ? 0 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    io.stderr(`authtrace sandbox: --port must be a port number; got "${values.port}"\n`);
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
