// `authtrace web`: the app in your browser. Prints the URL (token included) and runs until stopped.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { isHttpUrl } from '../../shared/schemas.js';
import { SessionController } from '../services/controller.js';
import { defaultDataDir } from '../services/data-dir.js';
import { openSystemBrowser } from '../services/system-browser.js';
import { CaFileError } from '../services/tls-trust.js';
import { startWebHost, type WebHost } from '../web.js';
import { parseCommandLine, portOption, wantsHelp } from './args.js';
import { printError, UsageError, wantsJson, type CliIo } from './io.js';

const USAGE = `Usage: authtrace web [<mcp-server-url> | --issuer <url>] [--port <n>] [--data-dir <dir>] [--open]

  <mcp-server-url>  the server the app starts on (default: the built-in sandbox)
  --issuer <url>    start on an authorization server instead

  --port <n>        port on 127.0.0.1 (default: a free one)
  --data-dir <dir>  where stored clients live (default: the OS config directory)
  --open            open the URL in the system browser
  --ca-file <pem>   trust these CA certificates too (also AUTHTRACE_CA_FILE, for the desktop app)
`;

export interface StartWebOptions {
  port?: number;
  open?: boolean;
  dataDir?: string;
  /** The built UI; default dist/renderer next to this build. */
  uiDir?: string;
  caFile?: string;
}

export interface RunningWeb extends WebHost {
  controller: SessionController;
}

/** Finds dist/renderer whether running from dist/electron/cli or from the sources. */
export function defaultUiDir(): string {
  const here = path.dirname(fileURLToPath(import.meta.url));
  // From the sources (electron/cli) the build is in ../../dist; from dist/electron/cli it is a sibling.
  const candidates = [path.resolve(here, '../../dist/renderer'), path.resolve(here, '../../renderer')];
  return candidates.find((dir) => existsSync(path.join(dir, 'index.html')) && existsSync(path.join(dir, 'assets'))) ?? candidates[1]!;
}

export async function startWeb(options: StartWebOptions = {}): Promise<RunningWeb> {
  const uiDir = options.uiDir ?? defaultUiDir();
  if (!existsSync(path.join(uiDir, 'index.html'))) {
    throw new Error(`the UI is not built (no ${path.join(uiDir, 'index.html')}); run \`npm run build\` first`);
  }
  const controller = new SessionController({
    dataDir: options.dataDir ?? defaultDataDir(),
    // In the browser the page itself offers the login link (a tab it opens is a real browser login).
    browser: { open: async () => undefined },
    openExternal: openSystemBrowser,
    ...(options.caFile && { caFile: options.caFile }),
  });
  let host: WebHost;
  try {
    host = await startWebHost({ controller, uiDir, ...(options.port !== undefined && { port: options.port }) });
  } catch (error) {
    await controller.close();
    throw error;
  }
  if (options.open) await openSystemBrowser(host.url);
  return {
    ...host,
    controller,
    close: async () => {
      await host.close();
      await controller.close();
    },
  };
}

/** `&target=<url>` or `&issuer=<url>` for the URL fragment the UI reads its first target from. */
export function targetFragment(positionals: string[], issuer: string | undefined): string {
  if (positionals.length > 1) throw new UsageError('USAGE_TOO_MANY_ARGUMENTS', `expected at most one server URL, got ${positionals.join(' ')}`);
  const [server] = positionals;
  if (server && issuer) throw new UsageError('USAGE_CONFLICTING_OPTIONS', 'give either an MCP server URL or --issuer, not both');
  const url = server ?? issuer;
  if (!url) return '';
  if (!isHttpUrl(url)) throw new UsageError('USAGE_INVALID_VALUE', `not an http(s) URL: ${url}`);
  return `&${server ? 'target' : 'issuer'}=${encodeURIComponent(url)}`;
}

function webArgs(argv: string[]) {
  const { values, positionals } = parseCommandLine(argv, { port: { type: 'string' }, 'data-dir': { type: 'string' }, open: { type: 'boolean' }, issuer: { type: 'string' }, 'ca-file': { type: 'string' } });
  const caFile = values['ca-file'] ?? process.env.AUTHTRACE_CA_FILE;
  return { port: portOption(values.port), target: targetFragment(positionals, values.issuer), dataDir: values['data-dir'], open: values.open === true, caFile };
}

export async function webCommand(argv: string[], io: CliIo, signal?: AbortSignal): Promise<number> {
  if (wantsHelp(argv)) {
    io.stdout(USAGE);
    return 0;
  }
  let args: ReturnType<typeof webArgs>;
  try {
    args = webArgs(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    printError(io, error, { prefix: 'authtrace web', json: wantsJson(argv), usage: USAGE });
    return 2;
  }
  let web: RunningWeb;
  try {
    web = await startWeb({ port: args.port, ...(args.dataDir && { dataDir: args.dataDir }), ...(args.caFile && { caFile: args.caFile }) });
  } catch (error) {
    if (!(error instanceof CaFileError)) throw error;
    printError(io, new UsageError('USAGE_FILE_UNREADABLE', error.message), { prefix: 'authtrace web', json: wantsJson(argv) });
    return 2;
  }
  const url = `${web.url}${args.target}`;
  if (args.open) await openSystemBrowser(url);
  io.stdout(`Authtrace is running at ${url}\n`);
  io.stderr('Open that URL (the token is part of it). Press Ctrl+C to stop.\n');
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    signal?.addEventListener('abort', stop, { once: true });
  });
  await web.close();
  return 0;
}
