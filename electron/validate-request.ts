// Every Api request is checked at the host's boundary (IPC and the WebSocket), channel by channel,
// before a handler sees it: the shape, the types, and only the options the engine knows. What the
// renderer sends is data from another process (or, in browser mode, from a socket), not a promise.
import type { ApiRequest, Channel, SessionOptions, TargetInput } from '../shared/contract.js';
import {
  AUTH_METHODS,
  REGISTRATION_MODES,
  REVISIONS,
  STEP_NAMES,
  STRATEGIES,
  type Header,
  type HttpRequest,
  type RegisteredMethod,
} from '../shared/model.js';

/** A request that does not have the shape its channel takes; the message names the field. */
export class InvalidRequest extends Error {
  readonly hint = 'This request did not come from a current Authtrace window; reload the page.';
  constructor(channel: string, problem: string) {
    super(`Invalid ${channel} request: ${problem}.`);
    this.name = 'InvalidRequest';
  }
}

/** Channels whose answer is the current SessionView (the same object the next push would carry). */
export const VIEW_CHANNELS: ReadonlySet<Channel> = new Set<Channel>([
  'session:get',
  'session:start',
  'session:next',
  'session:send',
  'session:run-to-end',
  'session:rerun',
  'session:reset',
  'session:import-har',
  'sessions:open',
]);

/** The longest wait a step may be given, in milliseconds (one hour). */
export const MAX_TIMEOUT_MS = 3_600_000;

type Fail = (problem: string) => never;
type Obj = Record<string, unknown>;

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'string' ? 'a string' : typeof value === 'object' ? 'an object' : `${typeof value}`;
}

function object(value: unknown, what: string, fail: Fail, allowed?: readonly string[]): Obj {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) fail(`${what} must be an object, not ${describe(value)}`);
  const obj = value as Obj;
  if (allowed) {
    const unknown = Object.keys(obj).filter((key) => obj[key] !== undefined && !allowed.includes(key));
    if (unknown.length > 0) fail(`${what} has unknown field${unknown.length > 1 ? 's' : ''} ${unknown.map((k) => JSON.stringify(k)).join(', ')}`);
  }
  return obj;
}

function string(value: unknown, what: string, fail: Fail): string {
  if (typeof value !== 'string') fail(`${what} must be a string, not ${describe(value)}`);
  return value as string;
}

function oneOf<T extends string>(value: unknown, choices: readonly T[], what: string, fail: Fail): T {
  if (typeof value !== 'string' || !(choices as readonly string[]).includes(value)) {
    fail(`${what} must be one of ${choices.join(', ')}`);
  }
  return value as T;
}

function boolean(value: unknown, what: string, fail: Fail): boolean {
  if (typeof value !== 'boolean') fail(`${what} must be true or false, not ${describe(value)}`);
  return value as boolean;
}

function nothing(value: unknown, fail: Fail): undefined {
  if (value !== undefined && value !== null) fail('this channel takes no request');
  return undefined;
}

function target(value: unknown, fail: Fail): TargetInput {
  const obj = object(value, 'target', fail);
  const kind = oneOf(obj.kind, ['sandbox', 'mcp', 'issuer'] as const, 'target.kind', fail);
  if (kind === 'sandbox') {
    object(value, 'target', fail, ['kind', 'profile']);
    return { kind, profile: string(obj.profile, 'target.profile', fail) };
  }
  if (kind === 'mcp') {
    object(value, 'target', fail, ['kind', 'url']);
    return { kind, url: string(obj.url, 'target.url', fail) };
  }
  object(value, 'target', fail, ['kind', 'issuer']);
  return { kind, issuer: string(obj.issuer, 'target.issuer', fail) };
}

const OPTION_KEYS = [
  'registration',
  'clientId',
  'clientSecret',
  'authMethod',
  'registerMethod',
  'clientMetadataUrl',
  'strategy',
  'scope',
  'revision',
  'callTool',
  'newClient',
  'refresh',
  'timeoutMs',
  'privateKey',
] as const satisfies readonly (keyof SessionOptions)[];

/** Session options: only the known keys, each of its type; absent keys stay absent (the defaults apply). */
export function sessionOptions(value: unknown, fail: Fail, what = 'options'): Partial<SessionOptions> {
  if (value === undefined || value === null) return {};
  const obj = object(value, what, fail, OPTION_KEYS);
  const out: Partial<SessionOptions> = {};
  const at = (key: string) => `${what}.${key}`;
  for (const key of OPTION_KEYS) {
    const v = obj[key];
    if (v === undefined) continue;
    switch (key) {
      case 'registration':
        out.registration = oneOf(v, REGISTRATION_MODES, at(key), fail);
        break;
      case 'strategy':
        out.strategy = oneOf(v, STRATEGIES, at(key), fail);
        break;
      case 'authMethod':
      case 'registerMethod':
        out[key] = oneOf(v, AUTH_METHODS, at(key), fail);
        break;
      case 'revision':
        out.revision = oneOf(v, REVISIONS, at(key), fail);
        break;
      case 'clientId':
      case 'clientSecret':
      case 'clientMetadataUrl':
      case 'scope':
      case 'privateKey':
        out[key] = string(v, at(key), fail);
        break;
      case 'newClient':
      case 'refresh':
        out[key] = boolean(v, at(key), fail);
        break;
      case 'timeoutMs':
        if (typeof v !== 'number' || !Number.isInteger(v) || v < 1 || v > MAX_TIMEOUT_MS) {
          fail(`${at(key)} must be a whole number of milliseconds from 1 to ${MAX_TIMEOUT_MS}`);
        }
        out.timeoutMs = v as number;
        break;
      case 'callTool': {
        const tool = object(v, at(key), fail, ['name', 'args']);
        const args = tool.args === undefined ? {} : object(tool.args, `${at(key)}.args`, fail);
        out.callTool = { name: string(tool.name, `${at(key)}.name`, fail), args };
        break;
      }
    }
  }
  return out;
}

function httpRequest(value: unknown, what: string, fail: Fail): HttpRequest {
  const obj = object(value, what, fail, ['method', 'url', 'headers', 'body']);
  if (!Array.isArray(obj.headers)) fail(`${what}.headers must be an array`);
  const headers: Header[] = (obj.headers as unknown[]).map((h, i) => {
    const header = object(h, `${what}.headers[${i}]`, fail, ['name', 'value']);
    return { name: string(header.name, `${what}.headers[${i}].name`, fail), value: string(header.value, `${what}.headers[${i}].value`, fail) };
  });
  const request: HttpRequest = { method: string(obj.method, `${what}.method`, fail), url: string(obj.url, `${what}.url`, fail), headers };
  if (obj.body !== undefined) request.body = string(obj.body, `${what}.body`, fail);
  return request;
}

const REGISTERED_METHODS: readonly RegisteredMethod[] = [...AUTH_METHODS, 'unknown'];

type Validators = { [C in Channel]: (request: unknown, fail: Fail) => ApiRequest<C> };

const VALIDATORS: Validators = {
  'session:get': (r, fail) => nothing(r, fail),
  'session:next': (r, fail) => nothing(r, fail),
  'session:run-to-end': (r, fail) => nothing(r, fail),
  'session:reset': (r, fail) => nothing(r, fail),
  'sessions:list': (r, fail) => nothing(r, fail),
  'clients:list': (r, fail) => nothing(r, fail),
  'sandbox:profiles': (r, fail) => nothing(r, fail),
  'session:start': (r, fail) => {
    const obj = object(r, 'the request', fail, ['target', 'options']);
    // The handler fills in the defaults for every option left out.
    return { target: target(obj.target, fail), options: sessionOptions(obj.options, fail) as SessionOptions };
  },
  'session:send': (r, fail) => {
    if (r === undefined || r === null) return {};
    const obj = object(r, 'the request', fail, ['edited']);
    return obj.edited === undefined ? {} : { edited: httpRequest(obj.edited, 'edited', fail) };
  },
  'session:rerun': (r, fail) => {
    const obj = object(r, 'the request', fail, ['step', 'options']);
    const step = oneOf(obj.step, STEP_NAMES, 'step', fail);
    return obj.options === undefined ? { step } : { step, options: sessionOptions(obj.options, fail) };
  },
  'session:export-har': (r, fail) => {
    const obj = object(r, 'the request', fail, ['includeSecrets']);
    return { includeSecrets: obj.includeSecrets === undefined ? false : boolean(obj.includeSecrets, 'includeSecrets', fail) };
  },
  'session:import-har': (r, fail) => {
    const obj = object(r, 'the request', fail, ['fileName', 'content']);
    return { fileName: string(obj.fileName, 'fileName', fail), content: string(obj.content, 'content', fail) };
  },
  'sessions:open': (r, fail) => {
    const obj = object(r, 'the request', fail, ['id']);
    return { id: string(obj.id, 'id', fail) };
  },
  'clients:set-method': (r, fail) => {
    const obj = object(r, 'the request', fail, ['issuer', 'clientId', 'method']);
    return {
      issuer: string(obj.issuer, 'issuer', fail),
      clientId: string(obj.clientId, 'clientId', fail),
      method: oneOf(obj.method, REGISTERED_METHODS, 'method', fail),
    };
  },
  'clients:forget': (r, fail) => {
    const obj = object(r, 'the request', fail, ['issuer', 'clientId']);
    return { issuer: string(obj.issuer, 'issuer', fail), clientId: string(obj.clientId, 'clientId', fail) };
  },
  'shell:open-external': (r, fail) => {
    const obj = object(r, 'the request', fail, ['url']);
    return { url: string(obj.url, 'url', fail) };
  },
};

/** The request, checked and copied down to the fields its channel knows; throws InvalidRequest otherwise. */
export function validateRequest<C extends Channel>(channel: C, request: unknown): ApiRequest<C> {
  const fail: Fail = (problem) => {
    throw new InvalidRequest(channel, problem);
  };
  return (VALIDATORS[channel] as (request: unknown, fail: Fail) => ApiRequest<C>)(request, fail);
}
