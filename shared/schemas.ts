// The shape of every configuration and Api request, once: the hosts check each request with these
// before a handler sees it, the CLI checks the SessionConfig it builds from its options, and HAR
// import checks the configuration it restores. Unknown fields are refused; the output is a copy
// that holds only the fields the schema knows.
import * as z from 'zod';
import type { ApiRequest, Channel } from './contract.js';
import { AUTH_METHODS, GRANTS, REGISTRATION_MODES, REVISIONS, STEP_NAMES, STRATEGIES } from './model.js';

/** The longest wait a step may be given, in milliseconds (one hour). */
export const MAX_TIMEOUT_MS = 3_600_000;

export function isHttpUrl(value: string): boolean {
  if (!URL.canParse(value)) return false;
  const { protocol } = new URL(value);
  return protocol === 'http:' || protocol === 'https:';
}

/** A field set to undefined counts as absent (IPC's structured clone keeps such fields; JSON drops them). */
function withoutUndefined(value: unknown): unknown {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return value;
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined));
}

function strict<S extends z.ZodRawShape>(shape: S) {
  return z.preprocess(withoutUndefined, z.strictObject(shape));
}

const httpUrl = z.string().refine(isHttpUrl, 'must be an http(s) URL');

const TIMEOUT_PROBLEM = `must be a whole number of milliseconds from 1 to ${MAX_TIMEOUT_MS}`;
const timeoutMs = z.number({ error: TIMEOUT_PROBLEM }).int(TIMEOUT_PROBLEM).min(1, TIMEOUT_PROBLEM).max(MAX_TIMEOUT_MS, TIMEOUT_PROBLEM);

const callTool = strict({ name: z.string(), args: z.record(z.string(), z.unknown()).default({}) });

/** Every SessionConfig field but the target and headless: what the UI may set for a session. */
const optionFields = {
  registration: z.enum(REGISTRATION_MODES),
  clientId: z.string().optional(),
  clientSecret: z.string().optional(),
  authMethod: z.enum(AUTH_METHODS).optional(),
  registerMethod: z.enum(AUTH_METHODS).optional(),
  clientMetadataUrl: httpUrl.optional(),
  strategy: z.enum(STRATEGIES),
  scope: z.string().optional(),
  revision: z.enum(REVISIONS).optional(),
  callTool: callTool.optional(),
  newClient: z.boolean(),
  refresh: z.boolean().optional(),
  timeoutMs,
  requestDeadlineMs: timeoutMs.optional(),
  allowPrivateTargets: z.boolean().optional(),
  treatTargetAsPublic: z.boolean().optional(),
  grant: z.enum(GRANTS).optional(),
  assertion: z.string().optional(),
  identityAssertion: strict({ idToken: z.string(), idpTokenEndpoint: httpUrl, idpClientId: z.string().optional() }).optional(),
  continueOn: z.array(z.string().regex(/^([A-Z]+-\d{2}|all)$/, 'must be rule ids such as PRM-01, or all')).optional(),
  privateKey: z.string().optional(),
  dpop: z.enum(['auto', 'off']).optional(),
  client: strict({
    profile: z.string(),
    registrationPath: z.enum(['dcr', 'cimd-first', 'cimd-when-none', 'cimd-only']),
    registerMethod: z.discriminatedUnion('kind', [
      z.strictObject({ kind: z.literal('fixed'), method: z.enum(AUTH_METHODS) }),
      z.strictObject({ kind: z.literal('prefer'), order: z.array(z.enum(AUTH_METHODS)), otherwise: z.enum(AUTH_METHODS) }),
    ]),
    extraRedirectUris: z.array(z.string()),
    registrationScope: z.enum(['none', 'authorize-scope']),
    applicationType: z.enum(['native', 'web', 'absent']),
    cacheKeepsMethod: z.boolean(),
    tokenMethod: z.enum(['as-registered', ...STRATEGIES]),
    scope: z.enum(['mcp', 'prm-scopes', 'as-scopes', 'none']),
    offlineAccess: z.boolean(),
    iss: z.enum(['validate', 'ignore']),
    resourceCheck: z.enum(['rfc9728', 'exact', 'none']),
    issuerCheck: z.enum(['strict', 'none']),
    resourceParam: z.enum(['prm', 'prm-only', 'mcp-url', 'none']),
    asDiscovery: z.enum(['mcp', 'mcp-then-root', 'root-rfc8414']),
    insufficientScope: z.enum(['step-up', 'stop', 'refresh-then-stop']),
    refreshScope: z.boolean(),
  }).optional(),
};

export const SessionOptions = strict(optionFields);
/** Options as the Api takes them: any left out get their defaults. */
export const PartialSessionOptions = z.preprocess(withoutUndefined, z.strictObject(optionFields).partial());

const mcpTarget = z.strictObject({ kind: z.literal('mcp'), url: httpUrl });
const issuerTarget = z.strictObject({ kind: z.literal('issuer'), issuer: httpUrl });

export const TargetInput = z.preprocess(
  withoutUndefined,
  z.discriminatedUnion('kind', [z.strictObject({ kind: z.literal('sandbox'), profile: z.string() }), mcpTarget, issuerTarget]),
);

export const SessionConfig = strict({
  target: z.preprocess(withoutUndefined, z.discriminatedUnion('kind', [mcpTarget, issuerTarget])),
  headless: z.boolean(),
  ...optionFields,
});

export const HttpRequest = strict({
  method: z.string(),
  url: z.string(),
  headers: z.array(strict({ name: z.string(), value: z.string() })),
  body: z.string().optional(),
});

const nothing = z.union([z.undefined(), z.null()], { error: 'must be absent (this channel takes none)' }).transform(() => undefined);

/** Absent and null both mean "no options". */
const noOptionsOr = <T extends z.ZodType>(schema: T) => schema.nullish().transform((value) => value ?? undefined);

export const REQUEST_SCHEMAS = {
  'session:get': nothing,
  'session:start': strict({ target: TargetInput, options: noOptionsOr(PartialSessionOptions).transform((options) => options ?? {}) }),
  'session:next': nothing,
  'session:send': strict({ edited: HttpRequest.optional() })
    .nullish()
    .transform((request) => request ?? {}),
  'session:run-to-end': nothing,
  'session:rerun': strict({ step: z.enum(STEP_NAMES), options: noOptionsOr(PartialSessionOptions) }),
  'session:reset': nothing,
  'session:export-har': strict({ includeSecrets: z.boolean().default(false) }),
  'session:import-har': strict({ fileName: z.string(), content: z.string() }),
  'sessions:list': nothing,
  'sessions:open': strict({ id: z.string() }),
  'clients:list': nothing,
  'clients:set-method': strict({ issuer: z.string(), clientId: z.string(), method: z.enum([...AUTH_METHODS, 'unknown']) }),
  'clients:forget': strict({ issuer: z.string(), clientId: z.string() }),
  'sandbox:profiles': nothing,
  'matrix:run': strict({ target: TargetInput, clients: z.array(z.string()).optional() }),
  'probe:plan': strict({ target: TargetInput }),
  'probe:run': strict({ target: TargetInput, otherResource: httpUrl.optional() }),
  'shell:open-external': strict({ url: z.string() }),
} satisfies { [C in Channel]: z.ZodType<ApiRequest<C>> };
