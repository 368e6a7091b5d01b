// `authtrace run` options → a SessionConfig. Every mistake is a UsageError that says what to type.
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import {
  AUTH_METHODS,
  DEFAULT_TIMEOUT_MS,
  REGISTRATION_MODES,
  REVISIONS,
  STRATEGIES,
  type AuthMethod,
  type RegistrationMode,
  type Revision,
  type SessionConfig,
  type Severity,
  type Strategy,
} from '../../shared/model.js';
import { UsageError } from './io.js';

export type FailOn = 'flow' | Severity;

export interface RunOptions {
  config: SessionConfig;
  dataDir?: string;
  har?: string;
  includeSecrets: boolean;
  json: boolean;
  failOn: FailOn;
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
  --include-secrets              keep secrets in the HAR
  --json                         print one JSON report on stdout
  --fail-on <level>              flow | error | warning | info (default error)
  --timeout <ms>                 per-request timeout (default ${DEFAULT_TIMEOUT_MS})
`;

function oneOf<T extends string>(flag: string, value: string | undefined, allowed: readonly T[]): T | undefined {
  if (value === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(value)) throw new UsageError(`--${flag} must be one of ${allowed.join(', ')}; got "${value}".`);
  return value as T;
}

/** Checks an http(s) URL and returns it as typed: issuers are compared exactly (RFC 8414 §3.3). */
function httpUrl(flag: string, value: string): string {
  try {
    const u = new URL(value);
    if (u.protocol === 'http:' || u.protocol === 'https:') return value;
  } catch {
    // fall through
  }
  throw new UsageError(`${flag} must be an http(s) URL; got "${value}".`);
}

export function parseRunOptions(argv: string[]): RunOptions {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
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
      },
    });
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  const { values: v, positionals } = parsed;
  if (positionals.length > 1) throw new UsageError(`expected one MCP server URL, got ${positionals.length}: ${positionals.join(' ')}`);
  const positional = positionals[0];
  if (!positional && !v.issuer) throw new UsageError('give an MCP server URL, or --issuer <url> to start from an authorization server.');
  if (positional && v.issuer) throw new UsageError('give either an MCP server URL or --issuer, not both.');
  if (v['client-secret'] && !v['client-id']) throw new UsageError('--client-secret goes with --client-id (a pre-registered client).');
  if (v['call-tool'] && v.issuer) throw new UsageError('--call-tool needs an MCP server URL; --issuer runs no MCP call.');
  const target: SessionConfig['target'] = v.issuer ? { kind: 'issuer', issuer: httpUrl('--issuer', v.issuer) } : { kind: 'mcp', url: httpUrl('the MCP server URL', positional!) };

  let toolArgs: Record<string, unknown> = {};
  if (v['tool-args'] !== undefined) {
    try {
      const parsedArgs: unknown = JSON.parse(v['tool-args']);
      if (parsedArgs === null || typeof parsedArgs !== 'object' || Array.isArray(parsedArgs)) throw new Error('not an object');
      toolArgs = parsedArgs as Record<string, unknown>;
    } catch (e) {
      throw new UsageError(`--tool-args must be a JSON object (${(e as Error).message}).`);
    }
  }
  const timeout = v.timeout === undefined ? DEFAULT_TIMEOUT_MS : Number(v.timeout);
  if (!Number.isFinite(timeout) || timeout <= 0) throw new UsageError(`--timeout must be a positive number of milliseconds; got "${v.timeout}".`);
  let privateKey: string | undefined;
  if (v['private-key']) {
    try {
      privateKey = readFileSync(v['private-key'], 'utf8');
    } catch (e) {
      throw new UsageError(`cannot read --private-key ${v['private-key']}: ${(e as Error).message}`);
    }
  }
  const registration = oneOf<RegistrationMode>('registration', v.registration, REGISTRATION_MODES) ?? 'auto';
  if (registration === 'pre-registered' && !v['client-id']) throw new UsageError('--registration pre-registered needs --client-id.');
  const authMethod = oneOf<AuthMethod>('auth-method', v['auth-method'], AUTH_METHODS);
  const registerMethod = oneOf<AuthMethod>('register-method', v['register-method'], AUTH_METHODS);
  const revision = oneOf<Revision>('revision', v.revision, REVISIONS);
  const config: SessionConfig = {
    target,
    registration,
    strategy: oneOf<Strategy>('strategy', v.strategy, STRATEGIES) ?? 'registered',
    headless: v.headless ?? false,
    newClient: v['new-client'] ?? false,
    timeoutMs: timeout,
    ...(v['client-id'] && { clientId: v['client-id'] }),
    ...(v['client-secret'] && { clientSecret: v['client-secret'] }),
    ...(authMethod && { authMethod }),
    ...(registerMethod && { registerMethod }),
    ...(v['client-metadata-url'] && { clientMetadataUrl: httpUrl('--client-metadata-url', v['client-metadata-url']) }),
    ...(v.scope && { scope: v.scope }),
    ...(revision && { revision }),
    ...(v['call-tool'] && { callTool: { name: v['call-tool'], args: toolArgs } }),
    ...(v.refresh && { refresh: true }),
    ...(privateKey && { privateKey }),
  };
  return {
    config,
    ...(v['data-dir'] && { dataDir: v['data-dir'] }),
    ...(v.har && { har: v.har }),
    includeSecrets: v['include-secrets'] ?? false,
    json: v.json ?? false,
    failOn: oneOf<FailOn>('fail-on', v['fail-on'], ['flow', 'error', 'warning', 'info']) ?? 'error',
  };
}
