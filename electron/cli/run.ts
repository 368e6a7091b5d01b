// `authtrace run`: the engine without a screen.
import { runDiagnostics } from '../../shared/diagnostics/index.js';
import { serializeError } from '../../shared/errors/index.js';
import { FlowEngine } from '../../shared/flow/engine.js';
import { exportHar } from '../../shared/har/export.js';
import { redactedHar } from '../../shared/report/subject.js';
import { targetUrl, type Session } from '../../shared/model.js';
import { createClientMetadataHost } from '../services/client-metadata-host.js';
import { createClientStore } from '../services/client-store.js';
import { assertDataDir, defaultDataDir } from '../services/data-dir.js';
import { createLoopbackRedirectListener } from '../services/loopback-listener.js';
import { createRecordingHttpClient, type RecordingHttpClient } from '../services/recording-http.js';
import { openSystemBrowser } from '../services/system-browser.js';
import { wantsHelp } from './args.js';
import { writeHarFile } from './har-file.js';
import { printError, UsageError, wantsJson, type CliIo } from './io.js';
import { buildReport, isOk } from './report.js';
import { writeReportFiles } from './report-files.js';
import { parseRunOptions, RUN_USAGE, type RunOptions } from './run-options.js';
import { authtraceTool } from './tool-version.js';
import { browserNotice, printSummary, Progress } from './summary.js';

export async function runCommand(argv: string[], io: CliIo): Promise<number> {
  if (wantsHelp(argv)) {
    io.stdout(RUN_USAGE);
    return 0;
  }
  let options: RunOptions;
  try {
    options = parseRunOptions(argv);
  } catch (e) {
    if (e instanceof UsageError) {
      printError(io, e, { prefix: 'authtrace run', json: wantsJson(argv), usage: RUN_USAGE });
      return 2;
    }
    throw e;
  }
  const startedAt = new Date();
  const dataDir = options.dataDir ?? defaultDataDir();
  let http: RecordingHttpClient;
  try {
    await assertDataDir(dataDir);
  } catch (e) {
    printError(io, e, { prefix: 'authtrace run', json: options.json });
    return 2;
  }
  try {
    http = createRecordingHttpClient({ ...(options.caFile && { caFile: options.caFile }) });
  } catch (e) {
    printError(io, new UsageError('USAGE_FILE_UNREADABLE', (e as Error).message), { prefix: 'authtrace run', json: options.json });
    return 2;
  }
  const clientMetadata = createClientMetadataHost();
  const engine = new FlowEngine(options.config, {
    http,
    redirect: createLoopbackRedirectListener(),
    browser: {
      open: async (url) => {
        // On stderr even with --json: without it a person has nothing to open if no browser starts.
        io.stderr(browserNotice(url));
        await openSystemBrowser(url);
      },
    },
    clients: createClientStore(dataDir),
    clientMetadata,
  });
  const progress = options.json ? undefined : new Progress(io);
  const unsubscribe = progress ? engine.subscribe((s) => progress.update(s)) : undefined;
  const deadline = options.deadlineMs === undefined ? undefined : setTimeout(() => engine.stop('deadline'), options.deadlineMs);
  const signals = stopOnSignals(engine, io);
  let session: Session;
  try {
    session = await engine.runToEnd();
  } finally {
    clearTimeout(deadline);
    unsubscribe?.();
    progress?.stop();
    await engine.close();
    await clientMetadata.close();
    signals.release();
  }
  const diagnostics = runDiagnostics(session);
  // The summary is printed whatever happens to the HAR: a file that cannot be written must not lose the run.
  let harError: unknown;
  const tool = authtraceTool();
  if (options.har) {
    const har = exportHar(session, { diagnostics, includeSecrets: options.includeSecrets, creator: tool });
    await writeHarFile(options.har, JSON.stringify(har, null, 2), options.includeSecrets).catch((error: unknown) => (harError = error));
  }
  const reports = await writeReportFiles(options.reports, () => ({
    command: 'run',
    tool,
    startedAt: startedAt.toISOString(),
    durationMs: Date.now() - startedAt.getTime(),
    source: targetUrl(session.config.target),
    har: redactedHar(session, diagnostics, tool),
    threshold: options.failOn,
  }));
  if (options.json) {
    const report = buildReport(session, diagnostics, options.failOn, { includeSecrets: options.includeSecrets });
    io.stdout(`${JSON.stringify(harError === undefined ? report : { ...report, harError: serializeError(harError) }, null, 2)}\n`);
  }
  else printSummary(io, session, diagnostics, { ...options, reports: reports.written, ...(harError !== undefined && { har: undefined }) });
  for (const error of [...(harError === undefined ? [] : [harError]), ...reports.errors]) printError(io, error, { prefix: 'authtrace run', json: false });
  // The shell's convention: 128 + the signal's number.
  if (signals.received()) return signals.received() === 'SIGINT' ? 130 : 143;
  return harError === undefined && reports.errors.length === 0 && isOk(session, diagnostics, options.failOn) ? 0 : 1;
}

/**
 * Ctrl+C or SIGTERM stops the run where it is; the HAR and the summary of what happened so far
 * are still written. A second signal exits at once.
 */
function stopOnSignals(engine: FlowEngine, io: CliIo): { release(): void; received(): NodeJS.Signals | undefined } {
  let received: NodeJS.Signals | undefined;
  const onSignal = (signal: NodeJS.Signals) => {
    if (received) process.exit(signal === 'SIGINT' ? 130 : 143);
    received = signal;
    io.stderr(`\n${signal === 'SIGINT' ? 'Interrupted' : 'Terminated'}: stopping the run and writing what happened so far (again to quit at once).\n`);
    engine.stop('interrupted');
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  return {
    release: () => {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
    },
    received: () => received,
  };
}
