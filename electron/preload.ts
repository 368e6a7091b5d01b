// The renderer's only door to the host: exactly the typed Api, one named method per channel,
// never ipcRenderer itself. Bundled to CommonJS (sandboxed preloads cannot import).
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { CHANNELS, SESSION_EVENT, isChannel, type ApiRequest, type ApiResponse, type BridgeApi, type Channel } from '../shared/contract.js';
import type { ViewPush } from '../shared/view-delta.js';
import type { IpcResult } from './ipc-result.js';

/**
 * Rejects with the host's error as plain data ({code, message, hint?}), not as an Error: the context
 * bridge rebuilds an Error from its message alone, while it copies a plain object whole. The
 * renderer (renderer/api/bridge-api.ts) turns it back into an Error.
 */
async function invoke<C extends Channel>(channel: C, request: ApiRequest<C>): Promise<ApiResponse<C>> {
  if (!isChannel(channel)) throw new Error(`Unknown channel: ${String(channel)}`);
  const result = (await ipcRenderer.invoke(channel, request)) as IpcResult<ApiResponse<C>>;
  if (result.ok) return result.value;
  throw { ...result.error };
}

function onSession(listener: (push: ViewPush) => void): () => void {
  const handler = (_event: IpcRendererEvent, push: ViewPush) => listener(push);
  ipcRenderer.on(SESSION_EVENT, handler);
  return () => void ipcRenderer.removeListener(SESSION_EVENT, handler);
}

type NamedMethods = { [C in Channel]: (request: ApiRequest<C>) => Promise<ApiResponse<C>> };

const named = Object.fromEntries(CHANNELS.map((channel) => [channel, (request: unknown) => invoke(channel, request as never)])) as NamedMethods;

const api: BridgeApi & { channels: NamedMethods } = { invoke, onSession, channels: named };

contextBridge.exposeInMainWorld('authtrace', api);
