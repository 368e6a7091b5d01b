// authtrace run|lint|matrix|probe|explain|sandbox|clients|sessions|web|start
// Each command is imported when it is run, so a process loads only the code its command uses
// (electron/cli/startup-imports.test.ts checks what each command loads).
import { printError, processIo, UsageError, wantsJson, type CliIo } from './cli/io.js';

const USAGE = `Usage: authtrace <command> [options]

  run <mcp-server-url>     walk an OAuth flow against an MCP server (or --issuer <url>)
  lint <file.har>          rebuild a flow from a HAR file and run the diagnostics
  sandbox                  start the built-in MCP server with OAuth (--list for its fault profiles)
  matrix <mcp-server-url>  which real clients (Claude Code, Cursor, VS Code, the SDKs...) work against it
  probe <mcp-server-url>   what its token endpoint really accepts, beside what it advertises (--yes)
  explain "<error text>"   the likely causes of what a client said, and how to check for them
  clients                  list, show, set-method, forget stored clients
  sessions                 list, delete, prune the app's saved sessions
  web                      open the app in your browser (browser mode)
  start                    open the desktop app (browser mode where Electron is missing)

Run \`authtrace <command> --help\` for a command's options.
`;

export async function main(argv: string[], io: CliIo = processIo): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'run': {
        const { runCommand } = await import('./cli/run.js');
        return await runCommand(rest, io);
      }
      case 'sandbox': {
        const { sandboxCommand } = await import('./cli/sandbox.js');
        return await sandboxCommand(rest, io);
      }
      case 'clients': {
        const { clientsCommand } = await import('./cli/clients.js');
        return await clientsCommand(rest, io);
      }
      case 'probe': {
        const { probeCommand } = await import('./cli/probe.js');
        return await probeCommand(rest, io);
      }
      case 'explain': {
        const { explainCommand } = await import('./cli/explain.js');
        return await explainCommand(rest, io);
      }
      case 'matrix': {
        const { matrixCommand } = await import('./cli/matrix.js');
        return await matrixCommand(rest, io);
      }
      case 'sessions': {
        const { sessionsCommand } = await import('./cli/sessions.js');
        return await sessionsCommand(rest, io);
      }
      case 'lint': {
        const { lintCommand } = await import('./cli/lint.js');
        return await lintCommand(rest, io);
      }
      case 'web': {
        const { webCommand } = await import('./cli/web.js');
        return await webCommand(rest, io);
      }
      case 'start': {
        const { startCommand } = await import('./cli/start.js');
        return await startCommand(rest, io);
      }
      case undefined:
        io.stderr(USAGE);
        return 2;
      case '--help':
      case '-h':
      case 'help':
        io.stdout(USAGE);
        return 0;
      default:
        printError(io, new UsageError('USAGE_UNKNOWN_COMMAND', `unknown command "${command}".`), { prefix: 'authtrace', json: wantsJson(rest), usage: USAGE });
        return 2;
    }
  } catch (e) {
    printError(io, e, { prefix: `authtrace ${command}`, json: wantsJson(rest) });
    return 1;
  }
}
