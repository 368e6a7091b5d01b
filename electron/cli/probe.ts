// `authtrace probe`: what the server really accepts at its token endpoint, beside what it advertises.
import { runDiagnostics } from '../../shared/diagnostics/index.js';
import { advertisedMethods, type AuthorizationServerMetadata } from '../../shared/flow/context.js';
import { FlowEngine } from '../../shared/flow/engine.js';
import { readJsonObject, sentExchange } from '../../shared/flow/responses.js';
import { resourceCovers } from '../../shared/interpret/resource.js';
import { canonicalResource } from '../../shared/interpret/well-known.js';
import { probeAuthorization } from '../services/authorization-probes.js';
import { DEFAULT_TIMEOUT_MS, defaultConfig, type Exchange, type Session, type SessionConfig, type Severity } from '../../shared/model.js';
import { probeClientAuth, PROBED_METHODS, type MethodRow, type ProbeFinding, type Send } from '../services/client-auth-probe.js';
import { probeRegistrationHygiene } from '../services/registration-probe.js';
import { probeGarbageToken, probeUnknownClient } from '../services/server-probes.js';
import { createClientStore } from '../services/client-store.js';
import { assertDataDir, defaultDataDir } from '../services/data-dir.js';
import { createLoopbackRedirectListener } from '../services/loopback-listener.js';
import { createRecordingHttpClient } from '../services/recording-http.js';
import { createSessionStore } from '../services/session-store.js';
import { oneOf, parseCommandLine, runWithUsage } from './args.js';
import { paint, UsageError, type CliIo } from './io.js';
import { safe } from './sanitize.js';

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
`;

const OPTIONS = {
  issuer: { type: 'string' },
  yes: { type: 'boolean', default: false },
  json: { type: 'boolean', default: false },
  'fail-on': { type: 'string' },
  timeout: { type: 'string' },
  'data-dir': { type: 'string' },
  'other-resource': { type: 'string' },
} as const;

const RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };
const DISCOVERY = new Set(['probe', 'resource-metadata', 'authorization-server-metadata']);

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
    const dataDir = v['data-dir'] ?? defaultDataDir();
    await assertDataDir(dataDir);

    const target: SessionConfig['target'] = url ? { kind: 'mcp', url } : { kind: 'issuer', issuer: given };
    const config: SessionConfig = { ...defaultConfig(target), headless: true, newClient: true, timeoutMs };
    const http = createRecordingHttpClient();
    const engine = new FlowEngine(config, { http, redirect: createLoopbackRedirectListener(), browser: { open: async () => undefined }, clients: createClientStore(dataDir) });
    let session: Session;
    try {
      for (let next = engine.next(); next && DISCOVERY.has(next.step); next = engine.next()) await engine.step();
      session = engine.session;
    } finally {
      await engine.close();
    }
    const failed = session.steps.find((s) => s.status === 'failed');
    const as = asMetadataOf(session);
    if (failed || !as?.token_endpoint) {
      io.stderr(safe`authtrace probe: discovery did not reach a token endpoint${failed?.error ? `: ${failed.error.message}` : ''}\n`);
      return 1;
    }
    const advertised = advertisedMethods(as) ?? ['client_secret_basic'];
    const plan = `It will register ${PROBED_METHODS.length + 1} clients (and try 3 registrations it should refuse) at ${as.registration_endpoint ?? '(no registration endpoint)'}, send about ${PROBED_METHODS.length * 2 + 2} token requests with a bogus code to ${as.token_endpoint}, about ${url ? 10 : 9} authorization requests to ${as.authorization_endpoint ?? '(no authorization endpoint)'} (of which ${url ? 3 : 2} real authorizations, redeemed and refreshed there)${url ? `, and MCP requests to ${url} with a token it never got, the tokens it got, and a token for another resource` : ''}.`;
    if (!v.yes) {
      io.stderr(safe`authtrace probe: ${plan}\nRun again with --yes to go ahead.\n`);
      return 2;
    }

    const exchanges: Exchange[] = [...session.exchanges];
    let n = exchanges.length;
    const send: Send = async (request, role, purpose) => {
      const result = await http.send(request, { timeoutMs, maxBodyBytes: 1024 * 1024, policy: { target: given, allowPrivateTargets: false } });
      const id = `ex-${++n}`;
      const step = role === 'registration' ? 'registration' : role === 'mcp' ? 'mcp' : role === 'authorize' || role === 'authorize-redirect' ? 'authorize' : role === 'refresh' ? 'refresh' : 'token';
      exchanges.push(sentExchange({ id, step, role, purpose, origin: 'engine' }, result));
      return { result, exchangeId: id };
    };
    const auth = await probeClientAuth(as, send, advertised);
    const unknown = await probeUnknownClient(as, send);
    const hygiene = await probeRegistrationHygiene(as, send);
    const garbage = url ? await probeGarbageToken(url, session.revision, send) : undefined;
    const rounds = await probeAuthorization({
      as,
      issuer: session.issuer ?? as.issuer ?? given,
      ...(url && { mcp: { url, resource: resourceOf(session, url), revision: session.revision } }),
      ...(scopeOf(session, as) && { scope: scopeOf(session, as) }),
      ...(v['other-resource'] && { otherResource: v['other-resource'] }),
      send,
    });
    const rows = auth.rows;
    const findings = [...auth.findings, ...hygiene.findings, ...unknown.findings, ...(garbage?.findings ?? []), ...rounds.findings];
    const saved: Session = { ...session, exchanges };
    await createSessionStore(dataDir).save(saved);
    const diagnostics = runDiagnostics(session);
    const report = {
      server: given,
      tokenEndpoint: as.token_endpoint,
      advertised,
      methods: rows.map(rowJson),
      unknownClient: unknown.result,
      registrationChecks: hygiene.checks,
      ...(garbage && { garbageToken: garbage.result }),
      authorizationChecks: rounds.checks,
      findings,
      discovery: diagnostics.map((d) => ({ rule: d.rule, severity: d.severity, title: d.title })),
      sessionId: saved.id,
    };
    if (v.json) io.stdout(`${JSON.stringify(report, null, 2)}\n`);
    else io.stdout(human(io, report.tokenEndpoint, advertised, rows, findings, [`a client it does not know: ${unknown.result.answer}`, ...hygiene.checks.map((c) => `a registration with ${c.name}: ${c.accepted ? 'accepted' : 'refused'} (${c.answer})`), ...(garbage ? [`a token it never issued: ${garbage.result.answer}`] : []), ...rounds.checks.map((c) => `${c.name}: ${c.result} (${c.why})`)]));
    return findings.some((f) => RANK[f.severity] <= RANK[failOn]) ? 1 : 0;
  });
}

/** The resource the discovery steps settled on: the PRM's when it covers the MCP URL, else the MCP URL. */
function resourceOf(session: Session, mcpUrl: string): string {
  const published = lastJson(session, 'resource-metadata')?.resource;
  return typeof published === 'string' && resourceCovers(published, mcpUrl) ? published : canonicalResource(mcpUrl);
}

/**
 * The scope to ask for: the PRM's scopes_supported (from an issuer, openid where offered), plus
 * offline_access where the server offers it, so that a refresh token comes for the rotation check.
 */
function scopeOf(session: Session, as: AuthorizationServerMetadata): string | undefined {
  const strings = (v: unknown) => (Array.isArray(v) ? v.filter((s): s is string => typeof s === 'string') : []);
  const offered = strings(as.scopes_supported);
  const base = session.config.target.kind === 'mcp' ? strings(lastJson(session, 'resource-metadata')?.scopes_supported) : offered.filter((s) => s === 'openid');
  const scopes = offered.includes('offline_access') && !base.includes('offline_access') ? [...base, 'offline_access'] : base;
  return scopes.length > 0 ? scopes.join(' ') : undefined;
}

function lastJson(session: Session, role: Exchange['role']): Record<string, unknown> | undefined {
  const ex = [...session.exchanges].reverse().find((e) => e.role === role && e.outcome === 'response' && e.response.status === 200);
  if (!ex || ex.outcome !== 'response') return undefined;
  const read = readJsonObject(ex.response);
  return read.ok ? read.value : undefined;
}

function asMetadataOf(session: Session): AuthorizationServerMetadata | undefined {
  return lastJson(session, 'as-metadata') as AuthorizationServerMetadata | undefined;
}

function rowJson(row: MethodRow) {
  return {
    method: row.method,
    advertised: row.advertised,
    registered: row.registration.ok ? row.registration.method : null,
    ...(!row.registration.ok && { registrationProblem: row.registration.why }),
    accepted: row.own?.acceptance.verdict ?? null,
    alsoAcceptedWith: row.swaps.filter((s) => s.acceptance.verdict === 'accepted').map((s) => s.method),
    attempts: [...(row.own ? [row.own] : []), ...row.swaps].map((a) => ({ with: a.method, verdict: a.acceptance.verdict, why: a.acceptance.why, exchangeId: a.exchangeId })),
  };
}

function human(io: CliIo, tokenEndpoint: string, advertised: readonly string[], rows: readonly MethodRow[], findings: readonly ProbeFinding[], answers: readonly string[]): string {
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
