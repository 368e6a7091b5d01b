// `authtrace probe` and the app's Probe view: discovery first (to say what the probe will do), then,
// once the user agrees, every probe against the server's own endpoints, saved as one session.
import type { ProbePlan, ProbeReport } from '../../shared/contract.js';
import { runDiagnostics } from '../../shared/diagnostics/index.js';
import { advertisedMethods, type AuthorizationServerMetadata } from '../../shared/flow/context.js';
import { FlowEngine } from '../../shared/flow/engine.js';
import type { ClientStore, HttpClient } from '../../shared/flow/ports.js';
import { readJsonObject, sentExchange } from '../../shared/flow/responses.js';
import { resourceCovers } from '../../shared/interpret/resource.js';
import { canonicalResource } from '../../shared/interpret/well-known.js';
import { defaultConfig, sendLimits, type Exchange, type Session, type SessionConfig, type StepName } from '../../shared/model.js';
import { probeAuthorization } from './authorization-probes.js';
import { probeClientAuth, PROBED_METHODS, type MethodRow, type Send } from './client-auth-probe.js';
import { createLoopbackRedirectListener } from './loopback-listener.js';
import { probeRegistrationHygiene } from './registration-probe.js';
import { probeGarbageToken, probeUnknownClient } from './server-probes.js';

const DISCOVERY = new Set<StepName>(['probe', 'resource-metadata', 'authorization-server-metadata']);

export interface ProbeDeps {
  http: HttpClient;
  clients: ClientStore;
}

/** Discovery done: the session so far, the AS metadata, and what the probe would do. */
export type Discovered = { ok: true; plan: string; session: Session; as: AuthorizationServerMetadata & { token_endpoint: string } } | { ok: false; problem: string; session: Session };

export async function discoverForProbe(target: SessionConfig['target'], timeoutMs: number, deps: ProbeDeps): Promise<Discovered> {
  const config: SessionConfig = { ...defaultConfig(target), headless: true, newClient: true, timeoutMs };
  const engine = new FlowEngine(config, { http: deps.http, redirect: createLoopbackRedirectListener(), browser: { open: async () => undefined }, clients: deps.clients });
  let session: Session;
  try {
    for (let next = engine.next(); next && DISCOVERY.has(next.step); next = engine.next()) await engine.step();
    session = engine.session;
  } finally {
    await engine.close();
  }
  const failed = session.steps.find((s) => s.status === 'failed');
  const as = lastJson(session, 'as-metadata') as AuthorizationServerMetadata | undefined;
  if (failed || typeof as?.token_endpoint !== 'string') {
    return { ok: false, problem: `discovery did not reach a token endpoint${failed?.error ? `: ${failed.error.message}` : ''}`, session };
  }
  const mcp = target.kind === 'mcp' ? target.url : undefined;
  const plan = `It will register ${PROBED_METHODS.length + 1} clients (and try 3 registrations it should refuse) at ${as.registration_endpoint ?? '(no registration endpoint)'}, send about ${PROBED_METHODS.length * 2 + 2} token requests with a bogus code to ${as.token_endpoint}, about ${mcp ? 11 : 9} authorization requests to ${as.authorization_endpoint ?? '(no authorization endpoint)'} (of which ${mcp ? 4 : 2} real authorizations, redeemed and refreshed there)${mcp ? `, and MCP requests to ${mcp} with a token it never got, the tokens it got, and tokens for another resource and for none` : ''}.`;
  return { ok: true, plan, session, as: as as AuthorizationServerMetadata & { token_endpoint: string } };
}

export function planOf(target: SessionConfig['target'], discovered: Discovered): ProbePlan {
  const server = target.kind === 'mcp' ? target.url : target.issuer;
  return discovered.ok ? { ok: true, server, plan: discovered.plan } : { ok: false, server, problem: discovered.problem };
}

/** Every probe, after discovery; the session returned holds discovery's exchanges and the probe's. */
export async function runProbe(discovered: Extract<Discovered, { ok: true }>, deps: ProbeDeps, options: { otherResource?: string } = {}): Promise<{ report: ProbeReport; session: Session; rows: MethodRow[] }> {
  const { session, as } = discovered;
  const target = session.config.target;
  const url = target.kind === 'mcp' ? target.url : undefined;
  const advertised = advertisedMethods(as) ?? ['client_secret_basic'];
  const exchanges: Exchange[] = [...session.exchanges];
  let n = exchanges.length;
  const limits = sendLimits(session.config);
  const send: Send = async (request, role, purpose) => {
    const result = await deps.http.send(request, limits);
    const id = `ex-${++n}`;
    const step: StepName = role === 'registration' ? 'registration' : role === 'mcp' ? 'mcp' : role === 'authorize' || role === 'authorize-redirect' ? 'authorize' : role === 'refresh' ? 'refresh' : 'token';
    exchanges.push(sentExchange({ id, step, role, purpose, origin: 'engine' }, result));
    return { result, exchangeId: id };
  };
  const auth = await probeClientAuth(as, send, advertised);
  const unknown = await probeUnknownClient(as, send);
  const hygiene = await probeRegistrationHygiene(as, send);
  const garbage = url ? await probeGarbageToken(url, session.revision, send) : undefined;
  const scope = scopeOf(session, as);
  const rounds = await probeAuthorization({
    as,
    issuer: session.issuer ?? as.issuer ?? (url ?? (target.kind === 'issuer' ? target.issuer : '')),
    ...(url && { mcp: { url, resource: resourceOf(session, url), revision: session.revision } }),
    ...(scope && { scope }),
    ...(options.otherResource && { otherResource: options.otherResource }),
    send,
  });
  const saved: Session = { ...session, exchanges };
  const report: ProbeReport = {
    server: url ?? (target.kind === 'issuer' ? target.issuer : ''),
    tokenEndpoint: as.token_endpoint,
    advertised: [...advertised],
    methods: auth.rows.map(rowJson),
    unknownClient: unknown.result,
    registrationChecks: hygiene.checks,
    ...(garbage && { garbageToken: garbage.result }),
    authorizationChecks: rounds.checks,
    findings: [...auth.findings, ...hygiene.findings, ...unknown.findings, ...(garbage?.findings ?? []), ...rounds.findings],
    discovery: runDiagnostics(session).map((d) => ({ rule: d.rule, severity: d.severity, title: d.title })),
    sessionId: saved.id,
  };
  return { report, session: saved, rows: auth.rows };
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

function rowJson(row: MethodRow): ProbeReport['methods'][number] {
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
