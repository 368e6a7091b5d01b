// Finds the Api: the preload's window.authtrace in the desktop app, else browser mode's socket.
import type { Api } from '../../shared/contract.js';
import { ApiError } from './api-error.js';
import { bridgeApi } from './bridge-api.js';
import { createSocketApi, hashWithoutToken, socketUrl, tokenFromHash } from './socket-api.js';

declare global {
  interface Window {
    /** The preload's Api; its calls reject with plain {code, message, hint?} data (see bridge-api.ts). */
    authtrace?: Api;
  }
}

export interface Connection {
  api: Api;
  mode: 'desktop' | 'browser';
  onConnectionLost(listener: () => void): void;
}

export async function connect(): Promise<Connection> {
  if (window.authtrace) return { api: bridgeApi(window.authtrace), mode: 'desktop', onConnectionLost: () => undefined };
  const token = tokenFromHash(window.location.hash);
  if (!token) {
    throw new ApiError('This page needs its access token.', 'Open the full URL that `authtrace web` printed (it ends in #token=…).');
  }
  // The token lives on in memory only (in the socket's URL); the address bar, the history and
  // anything that reads the page URL (a screen share, a bookmark) no longer show it.
  const api = createSocketApi(socketUrl(window.location, token));
  await api.ready;
  const { pathname, search, hash } = window.location;
  window.history.replaceState(window.history.state, '', `${pathname}${search}${hashWithoutToken(hash)}`);
  return { api, mode: 'browser', onConnectionLost: api.onConnectionLost };
}
