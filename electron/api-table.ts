// Every Api channel, once: how its request is checked, whether it answers with the SessionView,
// and the lane it waits in. Both hosts (IPC and the WebSocket) serve the Api from this table.
import type * as z from 'zod';
import type { ApiRequest, Channel } from '../shared/contract.js';
import { CodedError } from '../shared/errors/index.js';
import { check, pathText } from '../shared/schema-problems.js';
import { REQUEST_SCHEMAS } from '../shared/schemas.js';

/**
 * A connection (a window, a socket) runs one request at a time per lane, the rest queued in order
 * (so at most three in flight). Flow operations can wait minutes for a browser login, so they get
 * their own lane; the channels that replace the session get another, because Reset (a new
 * session:start) is the way out of a login that never comes back and cannot wait behind the
 * session:next that waits for it; everything else (reads, lists, export) must not wait behind a
 * login either.
 */
export type Lane = 'flow' | 'replacing' | 'other';

export interface ChannelEntry<C extends Channel> {
  /** The request, checked and copied down to the fields the channel knows; throws API_INVALID_REQUEST. */
  parse(request: unknown): ApiRequest<C>;
  /** Whether the answer is the current SessionView (the same object the next push would carry). */
  returnsView: boolean;
  lane: Lane;
}

/**
 * The request, checked against its channel's schema and copied down to the fields it knows. What
 * the renderer sends is data from another process (or, in browser mode, from a socket), not a promise.
 */
export function parseRequest<C extends Channel>(channel: C, request: unknown): ApiRequest<C> {
  const checked = check(REQUEST_SCHEMAS[channel] as z.ZodType<ApiRequest<C>>, request);
  if (checked.ok) return checked.value;
  const field = checked.path.length > 0 ? pathText(checked.path) : 'the request';
  throw new CodedError('API_INVALID_REQUEST', `Invalid ${channel} request: ${field} ${checked.problem}.`, 'This request did not come from a current Authtrace window; reload the page.');
}

function entry<C extends Channel>(channel: C, lane: Lane, returnsView: boolean): ChannelEntry<C> {
  return { parse: (request) => parseRequest(channel, request), lane, returnsView };
}

export const API_TABLE: { readonly [C in Channel]: ChannelEntry<C> } = {
  'session:get': entry('session:get', 'other', true),
  'session:start': entry('session:start', 'replacing', true),
  'session:next': entry('session:next', 'flow', true),
  'session:send': entry('session:send', 'flow', true),
  'session:run-to-end': entry('session:run-to-end', 'flow', true),
  'session:rerun': entry('session:rerun', 'flow', true),
  'session:reset': entry('session:reset', 'replacing', true),
  'session:export-har': entry('session:export-har', 'other', false),
  'session:import-har': entry('session:import-har', 'replacing', true),
  'sessions:list': entry('sessions:list', 'other', false),
  'sessions:open': entry('sessions:open', 'replacing', true),
  'clients:list': entry('clients:list', 'other', false),
  'clients:set-method': entry('clients:set-method', 'other', false),
  'clients:forget': entry('clients:forget', 'other', false),
  'sandbox:profiles': entry('sandbox:profiles', 'other', false),
  // Minutes against a slow server: its own lane would be better; 'flow' keeps it off reads and Reset.
  'matrix:run': entry('matrix:run', 'flow', false),
  'probe:plan': entry('probe:plan', 'flow', false),
  'probe:run': entry('probe:run', 'flow', false),
  'shell:open-external': entry('shell:open-external', 'other', false),
};
