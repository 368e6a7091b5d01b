// `authtrace probe`: what the server really accepts at its token endpoint, beside what it advertises.
import type { ProbeReport } from '../../shared/contract.js';
import { DEFAULT_TIMEOUT_MS, type SessionConfig, type Severity } from '../../shared/model.js';
import type { MethodRow } from '../services/client-auth-probe.js';
import { discoverForProbe, runProbe } from '../services/server-probe.js';
import { createClientStore } from '../services/client-store.js';
import { assertDataDir, defaultDataDir } from '../services/data-dir.js';
import { createRecordingHttpClient } from '../services/recording-http.js';
import { createSessionStore } from '../services/session-store.js';
import { oneOf, parseCommandLine, runWithUsage } from './args.js';
import { paint, printError, UsageError, type CliIo } from './io.js';
import { REPORT_FILE_OPTIONS, reportFilesOf, reportFileUsage, writeReportFiles, writtenLines } from './report-files.js';
import { safe } from './sanitize.js';
import { authtraceTool } from './tool-version.js';

export const PROBE_USAGE = `Usage: authtrace probe <mcp-server-url> [options]
       authtrace probe --issuer <url> [options]

Finds out what the server's token endpoint really accepts. After discovery it registers one client
per token endpoint authentication method (none, client_secret_basic, client_secret_post,
client_secret_jwt, private_key_jwt with a fresh key) and sends token requests with a bogus code,
authenticated as registered and in the other ways the same client could: invalid_grant means client
authentication passed, invalid_client that it failed. It prints the table advertised by accepted,
and what disagrees. It also asks how the token endpoint answers a client it does not know, and how
the MCP server answers a token it never issued; tries registrations the server should refuse; and,
with a public client of its own, sends authorization requests that must be refused (no PKCE, plain,
redirect URIs never registered) and makes real authorizations to check state and iss, a wrong
code_verifier, refresh token rotation and (from an MCP server) whether a token for another resource
is taken. It follows a login only where it needs no person (otherwise those checks say so). It
registers clients on the server: it runs only with --yes. It sends nothing outside the server's own
endpoints: a redirect elsewhere is read, never followed.

Options:
  --yes                  go ahead (without it, the probe only says what it would do)
  --json                 { server, tokenEndpoint, advertised, methods, unknownClient, garbageToken, findings, sessionId }
  --fail-on <level>      error | warning | info: exit 1 on a finding at or above it (default error)
  --timeout <ms>         per request (default ${DEFAULT_TIMEOUT_MS})
  --data-dir <dir>       where the probe's session is saved (it opens in the app)
  --issuer <url>         start from an authorization server instead of an MCP server
  --other-resource <url> a resource the authorization server issues tokens for that is not this MCP
                         server (for the audience check; default: a made-up one on the MCP origin)
${reportFileUsage(25, 'check', 'finding')}`;

const OPTIONS = {
  issuer: { type: 'string' },
  yes: { type: 'boolean', default: false },
  json: { type: 'boolean', default: false },
  'fail-on': { type: 'string' },
  timeout: { type: 'string' },
  'data-dir': { type: 'string' },
  'other-resource': { type: 'string' },
  ...REPORT_FILE_OPTIONS,
} as const;

const RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

export function probeCommand(argv: string[], io: CliIo): Promise<number> {
  return runWithUsage(argv, io, { name: 'probe', usage: PROBE_USAGE }, async () => {
    const { values: v, positionals } = parseCommandLine(argv, OPTIONS);
    if (positionals.length > 1) throw new UsageError('USAGE_TOO_MANY_ARGUMENTS', `expected one MCP server URL, got ${positionals.length}.`);
    const url = positionals[0];
    if (!url && !v.issuer) throw new UsageError('USAGE_MISSING_ARGUMENT', 'give an MCP server URL, or --issuer <url>.');
    if (url && v.issuer) throw new UsageError('USAGE_CONFLICTING_OPTIONS', 'give either an MCP server URL or --issuer, not both.');
    const given = (url ?? v.issuer)!;
    if (!URL.canParse(given) || !/^https?:$/.test(new URL(given).protocol)) throw new UsageError('USAGE_INVALID_VALUE', `${url ? 'the MCP server URL' : '--issuer'} must be an http(s) URL; got "${given}".`);
    const other = v['other-resource'];
    if (other !== undefined && (!URL.canParse(other) || !/^https?:$/.test(new URL(other).protocol))) throw new UsageError('USAGE_INVALID_VALUE', `--other-resource must be an http(s) URL; got "${other}".`);
    const failOn = oneOf('--fail-on', v['fail-on'], ['error', 'warning', 'info'] as const) ?? 'error';
    const timeoutMs = v.timeout === undefined ? DEFAULT_TIMEOUT_MS : Number(v.timeout);
    if (!Number.isInteger(timeoutMs) || timeoutMs < 1) throw new UsageError('USAGE_INVALID_VALUE', `--timeout must be a whole number of milliseconds; got "${v.timeout}".`);
    const files = reportFilesOf(v);
    const dataDir = v['data-dir'] ?? defaultDataDir();
    await assertDataDir(dataDir);
    const startedAt = new Date();

    const target: SessionConfig['target'] = url ? { kind: 'mcp', url } : { kind: 'issuer', issuer: given };
    const deps = { http: createRecordingHttpClient(), clients: createClientStore(dataDir) };
    const discovered = await discoverForProbe(target, timeoutMs, deps);
    if (!discovered.ok) {
      io.stderr(safe`authtrace probe: ${discovered.problem}\n`);
      return 1;
    }
    if (!v.yes) {
      io.stderr(safe`authtrace probe: ${discovered.plan}\nRun again with --yes to go ahead.\n`);
      return 2;
    }
    const { report, session, rows } = await runProbe(discovered, deps, { ...(other && { otherResource: other }) });
    await createSessionStore(dataDir).save(session);
    const findings = report.findings;
    const answers = [
      `a client it does not know: ${report.unknownClient.answer}`,
      ...report.registrationChecks.map((c) => `a registration with ${c.name}: ${c.accepted ? 'accepted' : 'refused'} (${c.answer})`),
      ...(report.garbageToken ? [`a token it never issued: ${report.garbageToken.answer}`] : []),
      ...report.authorizationChecks.map((c) => `${c.name}: ${c.result} (${c.why})`),
    ];
    const reports = await writeReportFiles(files, () => ({ command: 'probe', tool: authtraceTool(), startedAt: startedAt.toISOString(), durationMs: Date.now() - startedAt.getTime(), report, threshold: failOn }));
    if (v.json) io.stdout(`${JSON.stringify(report, null, 2)}\n`);
    else io.stdout(human(io, report.tokenEndpoint, report.advertised, rows, findings, answers));
    for (const line of writtenLines(reports.written)) io.stderr(safe`${line}\n`);
    for (const error of reports.errors) printError(io, error, { prefix: 'authtrace probe', json: false });
    if (reports.errors.length > 0) return 2;
    return findings.some((f) => RANK[f.severity] <= RANK[failOn]) ? 1 : 0;
  });
}

function human(io: CliIo, tokenEndpoint: string, advertised: readonly string[], rows: readonly MethodRow[], findings: ProbeReport['findings'], answers: readonly string[]): string {
  const lines = [safe`Token endpoint client authentication at ${tokenEndpoint}`, safe`advertised: ${advertised.join(', ')}`, ''];
  lines.push(`${'method'.padEnd(21)}${'advertised'.padEnd(12)}${'registered as'.padEnd(22)}${'accepted'.padEnd(12)}also accepted with`);
  for (const row of rows) {
    const registered = row.registration.ok ? row.registration.method : row.registration.why;
    const also = row.swaps.filter((s) => s.acceptance.verdict === 'accepted').map((s) => s.method).join(', ') || '-';
    lines.push(safe`${row.method.padEnd(21)}${(row.advertised ? 'yes' : 'no').padEnd(12)}${registered.padEnd(22)}${(row.own?.acceptance.verdict ?? '-').padEnd(12)}${also}`);
  }
  lines.push('');
  for (const answer of answers) lines.push(safe`${answer}`);
  lines.push('');
  if (findings.length === 0) lines.push('What it accepts is what it advertises.');
  for (const f of [...findings].sort((a, b) => RANK[a.severity] - RANK[b.severity])) {
    const colour = f.severity === 'error' ? 'red' : f.severity === 'warning' ? 'yellow' : 'dim';
    lines.push(`${paint(io, colour, f.severity.toUpperCase().padEnd(8))}${f.id} ${safe`${f.message}`}`);
  }
  return `${lines.join('\n')}\n`;
}
