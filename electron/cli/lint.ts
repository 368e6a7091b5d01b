// authtrace lint <file.har> [--json] [--fail-on error|warning|info]
// Rebuilds the flow from a HAR file and runs the diagnostics over it. Plain Node.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { runDiagnostics } from '../../shared/diagnostics/index.js';
import { CodedError } from '../../shared/errors/index.js';
import type { HarCode } from '../../shared/errors/har.js';
import { importHar } from '../../shared/har/import.js';
import { redactedHar } from '../../shared/report/subject.js';
import { DEFAULT_MAX_BYTES, formatBytes } from '../../shared/har/read.js';
import type { Diagnostic, Session, Severity, Step } from '../../shared/model.js';
import { oneOf, parseCommandLine, wantsHelp } from './args.js';
import { printError, UsageError, wantsJson, type CliIo } from './io.js';
import { REPORT_FILE_OPTIONS, reportFilesOf, reportFileUsage, writeReportFiles, writtenLines, type ReportFiles } from './report-files.js';
import { sanitize } from './sanitize.js';
import { authtraceTool } from './tool-version.js';

const USAGE = `Usage: authtrace lint <file.har> [options]

  Rebuilds the OAuth flow recorded in a HAR file (from Authtrace, a browser's devtools or a
  proxy) and runs the diagnostics over it.

  --json              print one JSON report: { ok, steps, diagnostics, skipped, warnings }
  --fail-on <level>   exit 1 when a finding is at this severity or above (default: error)
${reportFileUsage(22, 'step and per rule that fired', 'diagnostic')}
  Exit status: 0 no findings at --fail-on, 1 findings, 2 usage error, unreadable HAR or unwritable report.
`;

const RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };
const SEVERITIES = Object.keys(RANK) as Severity[];

interface LintArgs {
  file: string;
  json: boolean;
  failOn: Severity;
  reports: ReportFiles;
}

function parseLintArgs(argv: string[]): LintArgs {
  const { values, positionals } = parseCommandLine(argv, { json: { type: 'boolean', default: false }, 'fail-on': { type: 'string' }, ...REPORT_FILE_OPTIONS });
  const [file, second] = positionals;
  if (file === undefined) throw new UsageError('USAGE_MISSING_ARGUMENT', 'which HAR file?');
  if (second !== undefined) throw new UsageError('USAGE_TOO_MANY_ARGUMENTS', `one HAR file at a time (got "${file}" and "${second}").`);
  return { file, json: values.json, failOn: oneOf('--fail-on', values['fail-on'], SEVERITIES) ?? 'error', reports: reportFilesOf(values, { 'the HAR file': file }) };
}

async function readCapped(file: string): Promise<string> {
  const fail = (code: HarCode, reason: string) => new CodedError(code, `${file}: ${reason}`);
  let stat;
  try {
    stat = await fs.stat(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw code === 'ENOENT' ? fail('HAR_FILE_NOT_FOUND', 'no such file.') : fail('HAR_FILE_UNREADABLE', `cannot read it (${(error as Error).message}).`);
  }
  if (!stat.isFile()) throw fail('HAR_NOT_A_FILE', 'not a file.');
  if (stat.size > DEFAULT_MAX_BYTES) {
    throw fail('HAR_FILE_TOO_LARGE', `the file is ${formatBytes(stat.size)}, over the ${formatBytes(DEFAULT_MAX_BYTES)} limit; cut the recording down (only the OAuth and MCP requests matter).`);
  }
  try {
    return await fs.readFile(file, 'utf8');
  } catch (error) {
    throw fail('HAR_FILE_UNREADABLE', `cannot read it (${(error as Error).message}).`);
  }
}

/** Diagnostics by step: their own step, else the step of the exchange their evidence points at. */
function groupByStep(session: Session, diagnostics: readonly Diagnostic[]): Map<string, Diagnostic[]> {
  const stepOfExchange = new Map(session.exchanges.map((e) => [e.id, e.step]));
  const groups = new Map<string, Diagnostic[]>();
  for (const diagnostic of diagnostics) {
    const fromEvidence = diagnostic.evidence.map((e) => (e.exchangeId ? stepOfExchange.get(e.exchangeId) : undefined)).find((s) => s !== undefined);
    const step = diagnostic.step ?? fromEvidence ?? 'general';
    const group = groups.get(step);
    if (group) group.push(diagnostic);
    else groups.set(step, [diagnostic]);
  }
  return groups;
}

const MARK: Record<Step['status'], string> = { done: '✓', failed: '✗', skipped: '-', pending: '·', ready: '·', running: '…' };

function human(file: string, session: Session, diagnostics: Diagnostic[], skipped: string[], warnings: string[]): string {
  const target = session.config.target.kind === 'mcp' ? `MCP server ${session.config.target.url}` : `authorization server ${session.config.target.issuer}`;
  const lines = [`${file}: ${target}, revision ${session.revision}, ${session.exchanges.length} requests`, ''];
  const groups = groupByStep(session, diagnostics);
  const width = Math.max(...session.steps.map((s) => s.name.length));
  const listFindings = (items: readonly Diagnostic[]) => {
    for (const d of [...items].sort((a, b) => RANK[a.severity] - RANK[b.severity])) {
      lines.push(`      ${d.severity.padEnd(7)} ${d.title} [${d.rule}]`);
      if (d.message) lines.push(`              ${d.message}`);
    }
  };
  for (const step of session.steps) {
    const count = step.exchangeIds.length;
    const detail = step.error?.message ?? step.summary ?? `${count} ${count === 1 ? 'request' : 'requests'}`;
    lines.push(`  ${MARK[step.status]} ${step.name.padEnd(width)}  ${detail}`);
    listFindings(groups.get(step.name) ?? []);
    groups.delete(step.name);
  }
  for (const [group, items] of groups) {
    lines.push(`  ${group}`);
    listFindings(items);
  }
  const count = (severity: Severity) => diagnostics.filter((d) => d.severity === severity).length;
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  lines.push('', `${plural(count('error'), 'error')}, ${plural(count('warning'), 'warning')}, ${count('info')} info`);
  for (const line of skipped) lines.push(`skipped: ${line}`);
  for (const line of warnings) lines.push(`note: ${line}`);
  // Every line quotes the file: URLs, step errors and findings a server chose.
  return `${lines.map(sanitize).join('\n')}\n`;
}

export async function lintCommand(argv: string[], io: CliIo): Promise<number> {
  if (wantsHelp(argv)) {
    io.stdout(USAGE);
    return 0;
  }
  const report = { prefix: 'authtrace lint', json: wantsJson(argv), usage: USAGE };
  let args: LintArgs;
  try {
    args = parseLintArgs(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    printError(io, error, report);
    return 2;
  }

  const startedAt = new Date();
  let text: string;
  try {
    text = await readCapped(args.file);
  } catch (error) {
    printError(io, error, report);
    return 2;
  }
  const result = importHar(text);
  if (!result.ok) {
    printError(io, new CodedError(result.code, `${args.file}: ${result.error}`), report);
    return 2;
  }
  const { session, skipped, warnings } = result;
  const diagnostics = runDiagnostics(session);
  const failOn = args.failOn;
  const ok = !diagnostics.some((d) => RANK[d.severity] <= RANK[failOn]);

  const tool = authtraceTool();
  const reports = await writeReportFiles(args.reports, () => ({
    command: 'lint',
    tool,
    startedAt: startedAt.toISOString(),
    durationMs: Date.now() - startedAt.getTime(),
    source: pathToFileURL(path.resolve(args.file)).href,
    har: redactedHar(session, diagnostics, tool),
    threshold: failOn,
  }));
  if (args.json) {
    const steps = session.steps.map((s) => ({ name: s.name, status: s.status, exchanges: s.exchangeIds, ...(s.error ? { error: s.error } : {}), ...(s.summary ? { summary: s.summary } : {}) }));
    io.stdout(`${JSON.stringify({ ok, steps, diagnostics, skipped, warnings }, null, 2)}\n`);
  } else {
    io.stdout(human(args.file, session, diagnostics, skipped, warnings));
    for (const line of writtenLines(reports.written)) io.stdout(`${sanitize(line)}\n`);
  }
  for (const error of reports.errors) printError(io, error, { prefix: 'authtrace lint', json: false });
  if (reports.errors.length > 0) return 2;
  return ok ? 0 : 1;
}
