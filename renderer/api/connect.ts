// Finds the Api: the preload's window.authtrace in the desktop app, else browser mode's socket.
import type { Api, BridgeApi } from '../../shared/contract.js';
import { ApiError } from './api-error.js';
import { bridgeApi } from './bridge-api.js';
import { createSocketApi, hashWithoutToken, socketUrl, tokenFromHash } from './socket-api.js';

declare global {
  interface Window {
    /** The preload's Api; its calls reject with plain {code, message, hint?} data (see bridge-api.ts). */
    authtrace?: BridgeApi;
  }
}

export interface Connection {
  api: Api;
  mode: 'desktop' | 'browser';
  onConnectionLost(listener: () => void): void;
}

// The token leaves the address bar, the history and anything that reads the page URL (a screen
// share, a bookmark); this tab keeps it in its session storage, so a reload still connects.
const TOKEN_KEY = 'authtrace.token';

export async function connect(): Promise<Connection> {
  if (window.authtrace) return { api: bridgeApi(window.authtrace), mode: 'desktop', onConnectionLost: () => undefined };
  const token = tokenFromHash(window.location.hash) ?? sessionStorage.getItem(TOKEN_KEY);
  if (!token) {
    throw new ApiError('This page needs its access token.', 'Open the full URL that `authtrace web` printed (it ends in #token=…).');
  }
  const api = createSocketApi(socketUrl(window.location, token));
  try {
    await api.ready;
  } catch {
    sessionStorage.removeItem(TOKEN_KEY);
    throw await whyRefused();
  }
  sessionStorage.setItem(TOKEN_KEY, token);
  const { pathname, search, hash } = window.location;
  window.history.replaceState(window.history.state, '', `${pathname}${search}${hashWithoutToken(hash)}`);
  return { api, mode: 'browser', onConnectionLost: api.onConnectionLost };
}

/** A browser tells a page nothing about a refused WebSocket; whether the host still serves this page tells a wrong token from a stopped host. */
async function whyRefused(): Promise<ApiError> {
  const up = await fetch('/', { method: 'HEAD', cache: 'no-store' }).then(
    (r) => r.ok,
    () => false,
  );
  return up
    ? new ApiError("This page's access token was refused.", 'It is wrong, or from an earlier run of `authtrace web`. Open the URL that `authtrace web` printed this time (it ends in #token=…).')
    : new ApiError('Authtrace cannot reach its host.', 'Is `authtrace web` still running? Start it again and open the URL it prints.');
}
