// Browser mode's wire format: the Api (contract.ts) carried over one WebSocket.
// Kept apart from contract.ts because only the web host and its client speak it.
import type { Channel, SESSION_EVENT } from './contract.js';
import type { ViewPush } from './view-delta.js';
import type { SerializedError } from './errors/index.js';

/** Path of the WebSocket on the web host. */
export const WEB_SOCKET_PATH = '/api';
/** Query parameter (on the socket URL) and fragment key (on the page URL) that carry the token. */
export const WEB_TOKEN_PARAM = 'token';

export interface WebRequest {
  id: number;
  channel: Channel;
  request: unknown;
}

/** An error as it crosses the socket: always with its code. */
export type WebError = SerializedError;

/** An answer that is the SessionView, and every push of it, come as a ViewPush (view-delta.ts). */
export type WebMessage =
  | { id: number; ok: true; response: unknown }
  | { id: number; ok: true; view: ViewPush }
  | { id: number; ok: false; error: WebError }
  | { event: typeof SESSION_EVENT; view: ViewPush };
