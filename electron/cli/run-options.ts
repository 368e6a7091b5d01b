// `authtrace run` options → a SessionConfig. Every mistake is a UsageError (with its code) that says what to type.
import { readFileSync } from 'node:fs';
import { check, pathText } from '../../shared/schema-problems.js';
import * as schemas from '../../shared/schemas.js';
import { clientProfile, configOf } from '../../shared/clients/index.js';
import { DEFAULT_TIMEOUT_MS, type SessionConfig, type Severity } from '../../shared/model.js';
import { oneOf, parseCommandLine } from './args.js';
import { UsageError } from './io.js';
import { REPORT_FILE_OPTIONS, reportFileUsage, reportFilesOf, type ReportFiles } from './report-files.js';

export type FailOn = 'flow' | Severity;

export interface RunOptions {
  config: SessionConfig;
  dataDir?: string;
  har?: string;
  /** --html, --junit, --sarif: always redacted, whatever includeSecrets says. */
  reports: ReportFiles;
  includeSecrets: boolean;
  json: boolean;
  failOn: FailOn;
  /** The whole run, in milliseconds: past it the request in flight is stopped and what happened so far reported. */
  deadlineMs?: number;
  /** A PEM bundle of CA certificates to trust besides the system's. */
  caFile?: string;
}

export const RUN_USAGE = `Usage: authtrace run [options] <mcp-server-url>
       authtrace run [options] --issuer <authorization-server-url>

  --issuer <url>                 start from an authorization server (no probe, no resource metadata)
  --headless                     follow the authorization redirects without a browser
  --registration <mode>          auto | dcr | cimd | pre-registered (default auto)
  --client-id <id>               a pre-registered client
  --client-secret <secret>       its secret
  --auth-method <method>         none | client_secret_post | client_secret_basic | private_key_jwt | client_secret_jwt
  --register-method <method>     the method to ask for in DCR (default none), or a pre-registered client's method
  --private-key <file>           JWK or PKCS#8 PEM for private_key_jwt
  --client-metadata-url <url>    client ID metadata document URL (used as client_id)
  --strategy <name>              registered | first-advertised | mcp-sdk | prefer-none (default registered)
  --scope <scopes>               scopes to request (default: the challenge's, else scopes_supported)
  --revision <rev>               2026-07-28 | 2025-11-25 | 2025-06-18 | 2025-03-26 (default: negotiate)
  --call-tool <name>             call a tool after tools/list
  --tool-args <json>             its arguments (a JSON object)
  --refresh                      use the refresh token at the end
  --data-dir <dir>               where stored clients and sessions live
  --new-client                   register again instead of reusing the stored client
  --har <file>                   write the run as HAR 1.2 (secrets redacted)
  --include-secrets              keep secrets in the HAR (never in --html, --junit, --sarif)
${reportFileUsage(33, 'step and per rule that fired', 'diagnostic')}  --json                         print one JSON report on stdout
  --fail-on <level>              flow | error | warning | info (default error)
  --timeout <ms>                 wait at most this for an answer, and for each silence in a body (default ${DEFAULT_TIMEOUT_MS})
  --request-deadline <ms>        the whole of one request, head and body (default 4 × --timeout)
  --deadline <ms>                the whole run; past it, the run stops and reports what happened so far
  --ca-file <pem>                trust these CA certificates too (NODE_EXTRA_CA_CERTS works as well)
  --grant <grant>                authorization_code | client_credentials | jwt_bearer (default: what the server offers)
  --assertion <file>             the workload's JWT for the JWT bearer grant (RFC 7523), read from a file
  --id-token <file>              enterprise-managed authorization: the IdP's ID token, exchanged for an ID-JAG
  --idp-token-endpoint <url>     the enterprise IdP's token endpoint for that exchange (RFC 8693)
  --idp-client-id <id>           the client id at the IdP
  --continue-on <rules|all>      go past the stops a compliant client must make (PRM-01, DSC-01…), recording each
  --client <profile>             behave as a real client does (authtrace matrix --list names them)
  --no-dpop                      ask for Bearer tokens even where the server supports DPoP (RFC 9449)
  --allow-private-targets        fetch loopback, private and link-local addresses that a public server hands over
  --treat-target-as-public       check a local server as a remote client would meet it (refuses the same addresses)
`;

const RUN_OPTIONS = {
  issuer: { type: 'string' },
  headless: { type: 'boolean', default: false },
  registration: { type: 'string' },
  'client-id': { type: 'string' },
  'client-secret': { type: 'string' },
  'auth-method': { type: 'string' },
  'register-method': { type: 'string' },
  'private-key': { type: 'string' },
  'client-metadata-url': { type: 'string' },
  strategy: { type: 'string' },
  scope: { type: 'string' },
  revision: { type: 'string' },
  'call-tool': { type: 'string' },
  'tool-args': { type: 'string' },
  refresh: { type: 'boolean', default: false },
  'data-dir': { type: 'string' },
  'new-client': { type: 'boolean', default: false },
  har: { type: 'string' },
  'include-secrets': { type: 'boolean', default: false },
  json: { type: 'boolean', default: false },
  'fail-on': { type: 'string' },
  timeout: { type: 'string' },
  'request-deadline': { type: 'string' },
  deadline: { type: 'string' },
  'ca-file': { type: 'string' },
  'allow-private-targets': { type: 'boolean', default: false },
  'continue-on': { type: 'string' },
  grant: { type: 'string' },
  assertion: { type: 'string' },
  'id-token': { type: 'string' },
  'idp-token-endpoint': { type: 'string' },
  'idp-client-id': { type: 'string' },
  'treat-target-as-public': { type: 'boolean', default: false },
  'no-dpop': { type: 'boolean', default: false },
  client: { type: 'string' },
  ...REPORT_FILE_OPTIONS,
} as const;

type RunValues = ReturnType<typeof parseCommandLine<typeof RUN_OPTIONS>>['values'];

const FAIL_ON: readonly FailOn[] = ['flow', 'error', 'warning', 'info'];

/** The option that set each SessionConfig field, to name it when the schema refuses the field. */
const OPTION_OF_FIELD: Partial<Record<string, keyof typeof RUN_OPTIONS>> = {
  'target.issuer': 'issuer',
  registration: 'registration',
  clientId: 'client-id',
  clientSecret: 'client-secret',
  authMethod: 'auth-method',
  registerMethod: 'register-method',
  clientMetadataUrl: 'client-metadata-url',
  strategy: 'strategy',
  scope: 'scope',
  revision: 'revision',
  'callTool.name': 'call-tool',
  'callTool.args': 'tool-args',
  timeoutMs: 'timeout',
  requestDeadlineMs: 'request-deadline',
  'identityAssertion.idpTokenEndpoint': 'idp-token-endpoint',
  continueOn: 'continue-on',
  grant: 'grant',
  privateKey: 'private-key',
};

function toolArgs(text: string | undefined): unknown {
  if (text === undefined) return {};
  try {
    const args: unknown = JSON.parse(text);
    if (args === null || typeof args !== 'object' || Array.isArray(args)) throw new Error('not an object');
    return args;
  } catch (e) {
    throw new UsageError('USAGE_INVALID_VALUE', `--tool-args must be a JSON object (${(e as Error).message}).`);
  }
}

/** A secret is read from a file, never taken from the command line, where other users' `ps` would see it. */
function readAssertion(file: string | undefined, option: string): string | undefined {
  if (!file) return undefined;
  try {
    return readFileSync(file, 'utf8').trim();
  } catch (e) {
    throw new UsageError('USAGE_FILE_UNREADABLE', `cannot read ${option} ${file}: ${(e as Error).message}`);
  }
}

function readPrivateKey(file: string | undefined): string | undefined {
  if (!file) return undefined;
  try {
    return readFileSync(file, 'utf8');
  } catch (e) {
    throw new UsageError('USAGE_FILE_UNREADABLE', `cannot read --private-key ${file}: ${(e as Error).message}`);
  }
}

/** A client profile's behaviour; an explicit --strategy or --revision still wins. */
function imitated(id: string | undefined, strategy: string | undefined, revision: string | undefined): Partial<SessionConfig> {
  if (id === undefined) return {};
  const profile = clientProfile(id);
  if (!profile) throw new UsageError('USAGE_INVALID_VALUE', `--client: unknown client profile "${id}".`, 'authtrace matrix --list names them.');
  if (profile.notRunnable) throw new UsageError('USAGE_INVALID_VALUE', `--client ${id} cannot run here yet: ${profile.notRunnable}`);
  const config = configOf(profile);
  return { client: config.client, ...(!strategy && { strategy: config.strategy }), ...(!revision && config.revision && { revision: config.revision }) };
}

/** The options as a SessionConfig, checked with the same schema as every other SessionConfig. */
function sessionConfig(v: RunValues, server: string | undefined): SessionConfig {
  const args = toolArgs(v['tool-args']);
  const privateKey = readPrivateKey(v['private-key']);
  const assertion = readAssertion(v.assertion, '--assertion');
  const idToken = readAssertion(v['id-token'], '--id-token');
  const raw = {
    // URLs as typed: issuers are compared exactly (RFC 8414 §3.3).
    target: v.issuer ? { kind: 'issuer', issuer: v.issuer } : { kind: 'mcp', url: server },
    registration: v.registration ?? 'auto',
    strategy: v.strategy ?? 'registered',
    headless: v.headless,
    newClient: v['new-client'],
    timeoutMs: v.timeout === undefined ? DEFAULT_TIMEOUT_MS : Number(v.timeout),
    ...(v['client-id'] && { clientId: v['client-id'] }),
    ...(v['client-secret'] && { clientSecret: v['client-secret'] }),
    ...(v['auth-method'] && { authMethod: v['auth-method'] }),
    ...(v['register-method'] && { registerMethod: v['register-method'] }),
    ...(v['client-metadata-url'] && { clientMetadataUrl: v['client-metadata-url'] }),
    ...(v.scope && { scope: v.scope }),
    ...(v.revision && { revision: v.revision }),
    ...(v['call-tool'] && { callTool: { name: v['call-tool'], args } }),
    ...(v.refresh && { refresh: true }),
    ...(privateKey && { privateKey }),
    ...(v['request-deadline'] !== undefined && { requestDeadlineMs: Number(v['request-deadline']) }),
    ...(v['allow-private-targets'] && { allowPrivateTargets: true }),
    ...(v.grant && { grant: v.grant }),
    ...(assertion && { assertion }),
    ...(idToken && { identityAssertion: { idToken, idpTokenEndpoint: v['idp-token-endpoint'] ?? '', ...(v['idp-client-id'] && { idpClientId: v['idp-client-id'] }) } }),
    ...(v['continue-on'] !== undefined && { continueOn: v['continue-on'].split(',').map((r) => r.trim()).filter(Boolean) }),
    ...(v['treat-target-as-public'] && { treatTargetAsPublic: true }),
    ...(v['no-dpop'] && { dpop: 'off' }),
    ...imitated(v.client, v.strategy, v.revision),
  };
  const checked = check(schemas.SessionConfig, raw);
  if (checked.ok) return checked.value;
  const field = pathText(checked.path);
  const option = OPTION_OF_FIELD[field.replace(/\.\d+$/, '')];
  const [name, given] = option ? [`--${option}`, v[option]] : field === 'target.url' ? ['the MCP server URL', server] : [field, undefined];
  throw new UsageError('USAGE_INVALID_VALUE', `${name} ${checked.problem}${typeof given === 'string' ? `; got "${given}"` : ''}.`);
}

export function parseRunOptions(argv: string[]): RunOptions {
  const { values: v, positionals } = parseCommandLine(argv, RUN_OPTIONS);
  if (positionals.length > 1) throw new UsageError('USAGE_TOO_MANY_ARGUMENTS', `expected one MCP server URL, got ${positionals.length}: ${positionals.join(' ')}`);
  const server = positionals[0];
  if (!server && !v.issuer) throw new UsageError('USAGE_MISSING_ARGUMENT', 'give an MCP server URL, or --issuer <url> to start from an authorization server.');
  if (server && v.issuer) throw new UsageError('USAGE_CONFLICTING_OPTIONS', 'give either an MCP server URL or --issuer, not both.');
  if (v['client-secret'] && !v['client-id']) throw new UsageError('USAGE_CONFLICTING_OPTIONS', '--client-secret goes with --client-id (a pre-registered client).');
  if (v['call-tool'] && v.issuer) throw new UsageError('USAGE_CONFLICTING_OPTIONS', '--call-tool needs an MCP server URL; --issuer runs no MCP call.');
  if (v.registration === 'pre-registered' && !v['client-id']) throw new UsageError('USAGE_CONFLICTING_OPTIONS', '--registration pre-registered needs --client-id.');
  const failOn = oneOf('--fail-on', v['fail-on'], FAIL_ON) ?? 'error';
  const deadlineMs = v.deadline === undefined ? undefined : Number(v.deadline);
  if (deadlineMs !== undefined && !(Number.isInteger(deadlineMs) && deadlineMs > 0)) {
    throw new UsageError('USAGE_INVALID_VALUE', `--deadline must be a whole number of milliseconds above 0; got "${v.deadline}".`);
  }
  return {
    config: sessionConfig(v, server),
    ...(v['data-dir'] && { dataDir: v['data-dir'] }),
    ...(v.har && { har: v.har }),
    reports: reportFilesOf(v, { '--har': v.har }),
    includeSecrets: v['include-secrets'],
    json: v.json,
    failOn,
    ...(deadlineMs !== undefined && { deadlineMs }),
    ...(v['ca-file'] && { caFile: v['ca-file'] }),
  };
}
