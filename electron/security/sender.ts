// Every IPC handler asks this before doing anything: is the message from our own UI?
import { isAppUrl } from './origin.js';

/** What ipc.ts reads off an IpcMainInvokeEvent (kept plain so it can be tested without Electron). */
export interface SenderFrame {
  url: string;
  /** True when the frame is the top frame of its window (not an iframe). */
  isTopFrame: boolean;
}

export type SenderVerdict = { ok: true } | { ok: false; reason: string };

export function checkSender(frame: SenderFrame | null | undefined): SenderVerdict {
  if (!frame) return { ok: false, reason: 'no sender frame (it was navigated or destroyed)' };
  if (!frame.isTopFrame) return { ok: false, reason: 'sender is a subframe' };
  if (!isAppUrl(frame.url)) return { ok: false, reason: `sender URL is not the app's own origin: ${frame.url}` };
  return { ok: true };
}
