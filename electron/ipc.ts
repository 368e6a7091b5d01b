// Every Api channel is registered here, each behind the same guard: the sender must be the top
// frame of the app's own origin. Past the guard, the Api server (api-server.ts) answers, with one
// connection (its own lanes) per window. Nothing else in the app calls ipcMain.
import { ipcMain, type IpcMainInvokeEvent, type WebContents } from 'electron';
import type { ViewPush } from '../shared/view-delta.js';
import { CHANNELS, SESSION_EVENT, type Channel, type SessionView } from '../shared/contract.js';
import { CodedError } from '../shared/errors/index.js';
import { serveApi, type ApiConnection } from './api-server.js';
import { errorResult, type IpcResult } from './ipc-result.js';
import { checkSender, type SenderFrame } from './security/sender.js';
import type { ApiHandlers } from './services/controller.js';

/** Told of every view a reply carried, so the host does not push that same view again. */
export type OnAnswered = (view: SessionView) => void;

type InvokeEvent = Pick<IpcMainInvokeEvent, 'senderFrame' | 'sender'>;

export function senderFrameOf(event: InvokeEvent): SenderFrame | null {
  const frame = event.senderFrame;
  if (!frame) return null;
  return { url: frame.url, isTopFrame: frame.parent === null && frame === event.sender.mainFrame };
}

/** The guarded handler every channel is registered with (exported for tests). */
export function ipcServer(handlers: ApiHandlers, onRefused: (reason: string) => void = () => undefined, onAnswered?: OnAnswered) {
  const connections = new WeakMap<object, ApiConnection>();
  return async (channel: Channel, event: InvokeEvent, request: unknown): Promise<IpcResult<unknown>> => {
    const verdict = checkSender(senderFrameOf(event));
    if (!verdict.ok) {
      onRefused(`${channel}: ${verdict.reason}`);
      return errorResult(new CodedError('API_REFUSED_SENDER', 'Refused: this request did not come from the Authtrace window.'));
    }
    let connection = connections.get(event.sender);
    if (!connection) {
      connection = serveApi(handlers, onAnswered);
      connections.set(event.sender, connection);
    }
    return connection.call(channel, request);
  };
}

export function registerApi(handlers: ApiHandlers, onRefused: (reason: string) => void = () => undefined, onAnswered?: OnAnswered): () => void {
  const serve = ipcServer(handlers, onRefused, onAnswered);
  for (const channel of CHANNELS) ipcMain.handle(channel, (event, request: unknown) => serve(channel, event, request));
  return () => {
    for (const channel of CHANNELS) ipcMain.removeHandler(channel);
  };
}

export function pushSession(contents: WebContents, push: ViewPush): void {
  if (!contents.isDestroyed()) contents.send(SESSION_EVENT, push);
}
