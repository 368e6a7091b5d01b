// Finds the Api: the preload's window.authtrace in the desktop app, else browser mode's socket.
import type { Api } from '../../shared/contract.js';
import { ApiError, createSocketApi, socketUrl, tokenFromHash } from './socket-api.js';

declare global {
  interface Window {
    authtrace?: Api;
  }
}

export interface Connection {
  api: Api;
  mode: 'desktop' | 'browser';
  onConnectionLost(listener: () => void): void;
}

export async function connect(): Promise<Connection> {
  if (window.authtrace) return { api: window.authtrace, mode: 'desktop', onConnectionLost: () => undefined };
  const token = tokenFromHash(window.location.hash);
  if (!token) {
    throw new ApiError('This page needs its access token.', 'Open the full URL that `authtrace web` printed (it ends in #token=…).');
  }
  const api = createSocketApi(socketUrl(window.location, token));
  await api.ready;
  return { api, mode: 'browser', onConnectionLost: api.onConnectionLost };
}
