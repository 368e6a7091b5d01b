// `authtrace matrix`: which real clients work against a server, and where and why the others break.
import { CLIENT_PROFILES, clientProfile, type ClientProfile } from '../../shared/clients/index.js';
import { describeProfile } from '../../shared/clients/describe.js';
import type { MatrixReport } from '../../shared/contract.js';
import { matrixReport, redactedMessage, runMatrix, type MatrixRow, type MatrixSession, type MatrixTarget } from '../services/compatibility-matrix.js';
import { createClientMetadataHost } from '../services/client-metadata-host.js';
import { assertDataDir, defaultDataDir } from '../services/data-dir.js';
import { createLoopbackRedirectListener } from '../services/loopback-listener.js';
import { createRecordingHttpClient } from '../services/recording-http.js';
import { createSessionStore } from '../services/session-store.js';
import { parseCommandLine, runWithUsage } from './args.js';
import { paint, printError, UsageError, type CliIo } from './io.js';
import { DEFAULT_TIMEOUT_MS } from '../../shared/model.js';
import { REPORT_FILE_OPTIONS, reportFilesOf, reportFileUsage, writeReportFiles, writtenLines } from './report-files.js';
import { safe } from './sanitize.js';
import { authtraceTool } from './tool-version.js';

export const MATRIX_USAGE = `Usage: authtrace matrix <mcp-server-url> [options]
       authtrace matrix --issuer <url> [options]
       authtrace matrix --list
       authtrace matrix --show <id>

Runs every client profile (how Claude Code, Cursor, VS Code, Codex, the SDKs... behave) against the
server, headless, each with a fresh client cache; a client whose bug is in its cache gets a second
session that reuses the cached client. Prints which clients work, and where and why the others fail.
Each session is saved, and opens in the app (authtrace sessions list).

Options:
  --clients <id,...>     only these profiles (see --list)
  --list                 the profiles: id, client, version
  --show <id>            one profile: each behaviour, its citations, what it shows its user
  --json                 { server, clients: [{ id, name, version, sessions: [...] }] }
  --markdown             the grid as a Markdown table, for an issue or a README
  --parallel <n>         profiles run at once (default 3)
  --timeout <ms>         per request (default ${DEFAULT_TIMEOUT_MS})
  --data-dir <dir>       where the sessions are saved
  --issuer <url>         start from an authorization server instead of an MCP server
${reportFileUsage(25, 'client profile', 'failing session')}`;

const OPTIONS = {
  issuer: { type: 'string' },
  clients: { type: 'string' },
  list: { type: 'boolean', default: false },
  show: { type: 'string' },
  json: { type: 'boolean', default: false },
  markdown: { type: 'boolean', default: false },
  parallel: { type: 'string' },
  timeout: { type: 'string' },
  'data-dir': { type: 'string' },
  ...REPORT_FILE_OPTIONS,
} as const;

export type MatrixJson = MatrixReport;

export function matrixCommand(argv: string[], io: CliIo): Promise<number> {
  return runWithUsage(argv, io, { name: 'matrix', usage: MATRIX_USAGE }, async () => {
    const { values: v, positionals } = parseCommandLine(argv, OPTIONS);
    if (v.list) {
      for (const p of CLIENT_PROFILES) io.stdout(`${p.id.padEnd(22)} ${p.name} ${p.version}${p.notRunnable ? ' (not runnable here yet)' : ''}\n`);
      return 0;
    }
    if (v.show !== undefined) {
      const [profile] = selected(v.show);
      if (!profile) throw new UsageError('USAGE_MISSING_ARGUMENT', '--show needs a profile id.', 'authtrace matrix --list names them.');
      io.stdout(describeProfile(profile));
      return 0;
    }
    const target = targetOf(positionals, v.issuer);
    const files = reportFilesOf(v);
    const startedAt = new Date();
    const profiles = selected(v.clients);
    const parallel = whole('--parallel', v.parallel, 3, 1, 16);
    const timeoutMs = whole('--timeout', v.timeout, DEFAULT_TIMEOUT_MS, 1, 3_600_000);
    const dataDir = v['data-dir'] ?? defaultDataDir();
    await assertDataDir(dataDir);
    const store = createSessionStore(dataDir);
    const done = { count: 0 };
    const clientMetadata = createClientMetadataHost();
    const rows = await runMatrix({
      clientMetadata,
      target,
      profiles,
      http: createRecordingHttpClient(),
      redirect: createLoopbackRedirectListener(),
      timeoutMs,
      parallel,
      onSession: async (profile, session) => {
        await store.save(session.session);
        done.count++;
        if (!v.json && !v.markdown) io.stderr(`${paint(io, 'dim', `[${done.count}]`)} ${profile.id} (${session.pass}): ${session.flow}\n`);
      },
    }).finally(() => clientMetadata.close());
    const server = target.kind === 'mcp' ? target.url : target.issuer;
    const report = matrixReport(server, rows);
    const reports = await writeReportFiles(files, () => ({ command: 'matrix', tool: authtraceTool(), startedAt: startedAt.toISOString(), durationMs: Date.now() - startedAt.getTime(), report }));
    if (v.json) io.stdout(`${JSON.stringify(report, null, 2)}\n`);
    else if (v.markdown) io.stdout(markdown(server, rows));
    else io.stdout(grid(io, server, rows));
    for (const line of writtenLines(reports.written)) io.stderr(safe`${line}\n`);
    for (const error of reports.errors) printError(io, error, { prefix: 'authtrace matrix', json: false });
    if (reports.errors.length > 0) return 2;
    return rows.every((r) => r.notRun || r.sessions.every((s) => s.flow === 'completed')) ? 0 : 1;
  });
}

function targetOf(positionals: string[], issuer: string | undefined): MatrixTarget {
  if (positionals.length > 1) throw new UsageError('USAGE_TOO_MANY_ARGUMENTS', `expected one MCP server URL, got ${positionals.length}.`);
  const [url] = positionals;
  if (url && issuer) throw new UsageError('USAGE_CONFLICTING_OPTIONS', 'give either an MCP server URL or --issuer, not both.');
  const given = url ?? issuer;
  if (!given) throw new UsageError('USAGE_MISSING_ARGUMENT', 'give an MCP server URL, or --issuer <url>.');
  if (!URL.canParse(given) || !/^https?:$/.test(new URL(given).protocol)) throw new UsageError('USAGE_INVALID_VALUE', `${url ? 'the MCP server URL' : '--issuer'} must be an http(s) URL; got "${given}".`);
  return url ? { kind: 'mcp', url } : { kind: 'issuer', issuer: given };
}

function selected(list: string | undefined): ClientProfile[] {
  if (list === undefined) return [...CLIENT_PROFILES];
  const ids = list.split(',').map((id) => id.trim()).filter(Boolean);
  const unknown = ids.filter((id) => !clientProfile(id));
  if (unknown.length > 0) throw new UsageError('USAGE_INVALID_VALUE', `unknown client profile ${unknown.map((id) => `"${id}"`).join(', ')}.`, 'authtrace matrix --list names them.');
  return ids.map((id) => clientProfile(id)!);
}

function whole(option: string, value: string | undefined, fallback: number, min: number, max: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max) throw new UsageError('USAGE_INVALID_VALUE', `${option} must be a whole number from ${min} to ${max}; got "${value}".`);
  return n;
}

function cell(s: MatrixSession): string {
  if (s.flow === 'completed') return 'works';
  return `${s.flow === 'refused' ? 'refuses' : 'fails'} at ${s.failedStep}${s.rules.length ? ` (${s.rules.join(', ')})` : ''}`;
}

function grid(io: CliIo, server: string, rows: MatrixRow[]): string {
  const lines = [safe`Compatibility of ${server}, ${rows.length} client profiles`, ''];
  const width = Math.max(...rows.map((row) => `${row.profile.name} ${row.profile.version}`.length));
  const cached = rows.some((row) => row.sessions.length > 1);
  for (const row of rows) {
    const head = `${row.profile.name} ${row.profile.version}`.padEnd(width);
    if (row.notRun) {
      lines.push(`${paint(io, 'dim', '–')} ${head} not run: ${row.notRun}`);
      continue;
    }
    for (const s of row.sessions) {
      const ok = s.flow === 'completed';
      const label = cached ? `${head} ${(row.sessions.length > 1 ? s.pass : '').padEnd(6)}` : head;
      lines.push(`${ok ? paint(io, 'green', '✓') : paint(io, 'red', '✗')} ${label} ${safe`${cell(s)}`}`);
      const message = redactedMessage(s);
      if (!ok && message) lines.push(`    ${s.messageFromClient ? 'the client says' : 'Authtrace says'}: ${safe`${message}`}`);
    }
  }
  lines.push('', `Sessions saved: open them with \`authtrace sessions list\` or in the app.`);
  return `${lines.join('\n')}\n`;
}

function markdown(server: string, rows: MatrixRow[]): string {
  const escape = (text: string) => text.replace(/[|\\`*_<>[\]]/g, (c) => `\\${c}`).replace(/[\r\n]+/g, ' ');
  const out = [`Compatibility of \`${escape(server)}\``, '', '| client | version | pass | outcome | what the user sees |', '|---|---|---|---|---|'];
  for (const row of rows) {
    if (row.notRun) {
      out.push(`| ${escape(row.profile.name)} | ${escape(row.profile.version)} | | not run | ${escape(row.notRun)} |`);
      continue;
    }
    for (const s of row.sessions) out.push(`| ${escape(row.profile.name)} | ${escape(row.profile.version)} | ${s.pass} | ${escape(cell(s))} | ${escape(s.flow === 'completed' ? '' : (redactedMessage(s) ?? ''))} |`);
  }
  return `${out.join('\n')}\n`;
}
