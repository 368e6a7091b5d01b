// The Api as one connection (a window over IPC, a page over its WebSocket) is served: each request
// checked by its channel's entry in the table, run on its lane, and answered as data, errors too.
import { isChannel, type SessionView } from '../shared/contract.js';
import { CodedError } from '../shared/errors/index.js';
import { API_TABLE, type Lane } from './api-table.js';
import { errorResult, type IpcResult } from './ipc-result.js';
import type { ApiHandlers } from './services/controller.js';

export interface ApiConnection {
  /** Answers after the requests before it on the same lane; never rejects (a failure is an answer too). */
  call(channel: unknown, request: unknown): Promise<IpcResult<unknown>>;
}

/** A new connection, with its own lanes. `onAnswered` is told of every view an answer carries. */
export function serveApi(handlers: ApiHandlers, onAnswered: (view: SessionView) => void = () => undefined): ApiConnection {
  const lanes: Record<Lane, Promise<unknown>> = { flow: Promise.resolve(), replacing: Promise.resolve(), other: Promise.resolve() };

  async function answer(channel: unknown, request: unknown): Promise<IpcResult<unknown>> {
    try {
      if (!isChannel(channel)) throw new CodedError('API_UNKNOWN_CHANNEL', `Unknown channel: ${String(channel)}`);
      const entry = API_TABLE[channel];
      const handler = handlers[channel] as (request: unknown) => Promise<unknown>;
      const value = await handler(entry.parse(request));
      if (entry.returnsView && value) onAnswered(value as SessionView);
      return { ok: true, value };
    } catch (error) {
      return errorResult(error);
    }
  }

  return {
    call(channel, request) {
      const lane = isChannel(channel) ? API_TABLE[channel].lane : 'other';
      const answered = lanes[lane].then(() => answer(channel, request));
      lanes[lane] = answered;
      return answered;
    },
  };
}
