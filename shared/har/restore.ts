// The parts of an Authtrace HAR's `_authtrace` block that restore a session (steps, stored
// client, method choice), read field by field: a file may come from anywhere, so a malformed
// part is repaired or left out with a warning, and nothing but the fields the model knows (each
// of its type, parsed JSON bounded in depth) reaches the session.
import { isErrorCode } from '../errors/index.js';
import { asAuthMethod } from '../interpret/auth-method.js';
import { boundJson } from '../interpret/json-depth.js';
import { AUTH_METHODS, STEP_NAMES, STRATEGIES, type ClientRecord, type ClientSource, type Continuation, type MethodChoice, type Step, type StepError, type StepStatus } from '../model.js';
import { httpRequestOf } from './entries.js';

type Obj = Record<string, unknown>;

function isObj(value: unknown): value is Obj {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

const isStrings = (value: unknown): value is string[] => Array.isArray(value) && value.every((v) => typeof v === 'string');
const has = (set: ReadonlySet<string>, value: unknown): boolean => typeof value === 'string' && set.has(value);

const NAMES: ReadonlySet<string> = new Set(STEP_NAMES);
const STATUSES: ReadonlySet<string> = new Set<StepStatus>(['pending', 'ready', 'running', 'done', 'failed', 'skipped']);
const METHODS: ReadonlySet<string> = new Set([...AUTH_METHODS, 'unknown']);
const SOURCES: ReadonlySet<string> = new Set<ClientSource>(['dcr', 'cimd', 'pre-registered', 'imported']);
const CHOSEN_BY: ReadonlySet<string> = new Set(['explicit', 'registered', ...STRATEGIES]);

const plural = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;

/** Files written before error codes existed have step errors without one. */
function stepError(value: Obj): StepError {
  const error: StepError = { code: isErrorCode(value.code) ? value.code : 'STEP_FAILED', message: value.message as string };
  if (typeof value.hint === 'string') error.hint = value.hint;
  if (typeof value.rule === 'string') error.rule = value.rule;
  return error;
}

/** The compliance stops a run went past; malformed entries are left out. */
export function readContinuations(value: unknown): Continuation[] | undefined {
  if (!Array.isArray(value)) return undefined;
  const list = value.filter(
    (c): c is Continuation =>
      isObj(c) && (STEP_NAMES as readonly unknown[]).includes(c.step) && typeof c.rule === 'string' && typeof c.message === 'string' && typeof c.at === 'string',
  );
  return list.length > 0 ? list.map(({ step, rule, message, at }) => ({ step, rule, message, at })) : undefined;
}

/** A step, with its malformed optional fields left out (`repaired`), or undefined when it has no name or status. */
function readStep(raw: unknown, exchangeIds: ReadonlySet<string>): { step: Step; repaired: boolean } | undefined {
  if (!isObj(raw) || !has(NAMES, raw.name) || !has(STATUSES, raw.status)) return undefined;
  let repaired = false;
  const ids = isStrings(raw.exchangeIds) ? raw.exchangeIds.filter((id) => exchangeIds.has(id)) : [];
  if (!isStrings(raw.exchangeIds) || ids.length !== raw.exchangeIds.length) repaired = true;
  const step: Step = { name: raw.name as Step['name'], status: raw.status as StepStatus, exchangeIds: ids };
  const optional = (field: keyof Step, ok: boolean, value: () => unknown): void => {
    if (raw[field] === undefined) return;
    if (ok) (step as unknown as Obj)[field] = value();
    else repaired = true;
  };
  optional('startedAt', typeof raw.startedAt === 'string', () => raw.startedAt);
  optional('durationMs', typeof raw.durationMs === 'number' && Number.isFinite(raw.durationMs), () => raw.durationMs);
  optional('summary', typeof raw.summary === 'string', () => raw.summary);
  const prepared = httpRequestOf(raw.prepared);
  optional('prepared', prepared !== undefined, () => prepared);
  optional('error', isObj(raw.error) && typeof raw.error.message === 'string', () => stepError(raw.error as Obj));
  return { step, repaired };
}

/** The steps of the file: malformed ones and repeats of a step are left out, malformed fields dropped. */
export function readSteps(raw: readonly unknown[], exchangeIds: ReadonlySet<string>, warnings: string[]): Step[] {
  const steps: Step[] = [];
  const seen = new Set<string>();
  let dropped = 0;
  let repaired = 0;
  for (const item of raw) {
    const read = readStep(item, exchangeIds);
    if (!read || seen.has(read.step.name)) {
      dropped++;
      continue;
    }
    seen.add(read.step.name);
    steps.push(read.step);
    if (read.repaired) repaired++;
  }
  if (dropped > 0) warnings.push(`${plural(dropped, 'step', 'steps')} of the file's Authtrace data ${dropped === 1 ? 'is' : 'are'} malformed (no known name and status, or a repeat) and ${dropped === 1 ? 'was' : 'were'} left out.`);
  if (repaired > 0) warnings.push(`${plural(repaired, 'step', 'steps')} of the file's Authtrace data had malformed fields (or named requests the file does not hold); those fields were left out.`);
  return steps;
}

/** A stored client that the rules can read, with only the fields the model knows; else undefined. */
export function readClient(value: unknown, fallbackTime: string): ClientRecord | undefined {
  if (
    !isObj(value) ||
    typeof value.client_id !== 'string' ||
    !isStrings(value.redirect_uris) ||
    !has(METHODS, value.token_endpoint_auth_method) ||
    (value.client_secret !== undefined && typeof value.client_secret !== 'string') ||
    (value.grant_types !== undefined && !isStrings(value.grant_types)) ||
    (value.response_types !== undefined && !isStrings(value.response_types))
  ) {
    return undefined;
  }
  const client: ClientRecord = {
    issuer: typeof value.issuer === 'string' ? value.issuer : '',
    client_id: value.client_id,
    token_endpoint_auth_method: value.token_endpoint_auth_method as ClientRecord['token_endpoint_auth_method'],
    source: has(SOURCES, value.source) ? (value.source as ClientSource) : 'imported',
    redirect_uris: [...value.redirect_uris],
    createdAt: typeof value.createdAt === 'string' ? value.createdAt : fallbackTime,
    updatedAt: typeof value.updatedAt === 'string' ? value.updatedAt : fallbackTime,
  };
  if (value.client_secret !== undefined) client.client_secret = value.client_secret;
  if (typeof value.client_secret_expires_at === 'number') client.client_secret_expires_at = value.client_secret_expires_at;
  if (value.grant_types !== undefined) client.grant_types = [...value.grant_types];
  if (value.response_types !== undefined) client.response_types = [...value.response_types];
  if (typeof value.application_type === 'string') client.application_type = value.application_type;
  if (typeof value.scope === 'string') client.scope = value.scope;
  if (value.registrationResponse !== undefined) client.registrationResponse = boundJson(value.registrationResponse);
  const requested = asAuthMethod(value.requestedMethod);
  if (requested) client.requestedMethod = requested;
  return client;
}

/** What the engine chose; files written before methodChoice existed kept it in authMethod. */
export function readMethodChoice(methodChoice: unknown, authMethod: unknown): MethodChoice | undefined {
  const legacy = isObj(authMethod) ? authMethod : undefined;
  const choice = isObj(methodChoice) ? methodChoice : legacy && { method: legacy.used, chosenBy: legacy.chosenBy, reason: legacy.reason };
  const method = asAuthMethod(choice?.method);
  if (!choice || !method || typeof choice.reason !== 'string' || !has(CHOSEN_BY, choice.chosenBy)) return undefined;
  return { method, chosenBy: choice.chosenBy as MethodChoice['chosenBy'], reason: choice.reason };
}
