// Every Api channel is registered here, each behind the same guard: the sender must be the top
// frame of the app's own origin. Nothing else in the app calls ipcMain.
import { ipcMain, type IpcMainInvokeEvent, type WebContents } from 'electron';
import { CHANNELS, SESSION_EVENT, type Channel, type SessionView } from '../shared/contract.js';
import { errorResult, type IpcResult } from './ipc-result.js';
import { checkSender, type SenderFrame } from './security/sender.js';
import type { ApiHandlers } from './services/controller.js';
import { VIEW_CHANNELS, validateRequest } from './validate-request.js';

/** Told of every view a reply carried, so the host does not push that same view again. */
export type OnAnswered = (view: SessionView) => void;

export function senderFrameOf(event: Pick<IpcMainInvokeEvent, 'senderFrame' | 'sender'>): SenderFrame | null {
  const frame = event.senderFrame;
  if (!frame) return null;
  return { url: frame.url, isTopFrame: frame.parent === null && frame === event.sender.mainFrame };
}

/** The guarded handler for one channel (exported for tests). */
export function guarded(channel: Channel, handlers: ApiHandlers, onRefused: (reason: string) => void, onAnswered: OnAnswered = () => undefined) {
  const handler = handlers[channel] as (request: unknown) => Promise<unknown>;
  return async (event: Pick<IpcMainInvokeEvent, 'senderFrame' | 'sender'>, request: unknown): Promise<IpcResult<unknown>> => {
    const verdict = checkSender(senderFrameOf(event));
    if (!verdict.ok) {
      onRefused(`${channel}: ${verdict.reason}`);
      return errorResult(new Error('Refused: this request did not come from the Authtrace window.'));
    }
    try {
      const value = await handler(validateRequest(channel, request));
      if (VIEW_CHANNELS.has(channel) && value) onAnswered(value as SessionView);
      return { ok: true, value };
    } catch (error) {
      return errorResult(error);
    }
  };
}

export function registerApi(handlers: ApiHandlers, onRefused: (reason: string) => void = () => undefined, onAnswered?: OnAnswered): () => void {
  for (const channel of CHANNELS) ipcMain.handle(channel, guarded(channel, handlers, onRefused, onAnswered));
  return () => {
    for (const channel of CHANNELS) ipcMain.removeHandler(channel);
  };
}

export function pushSession(contents: WebContents, view: SessionView): void {
  if (!contents.isDestroyed()) contents.send(SESSION_EVENT, view);
}
