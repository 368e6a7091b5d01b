// The Api over browser mode's WebSocket (the desktop app gets it from the preload instead).
import { viewReceiver } from './view-receiver.js';
import { SESSION_EVENT, type Api, type ApiRequest, type ApiResponse, type Channel, type SessionView } from '../../shared/contract.js';
import { WEB_SOCKET_PATH, WEB_TOKEN_PARAM, type WebMessage, type WebRequest } from '../../shared/web-protocol.js';
import { ApiError } from './api-error.js';

export interface SocketApi extends Api {
  /** Resolves once the socket is open; rejects if the host refused it. */
  ready: Promise<void>;
  onConnectionLost(listener: () => void): void;
}

export function socketUrl(location: { protocol: string; host: string }, token: string): string {
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${scheme}//${location.host}${WEB_SOCKET_PATH}?${WEB_TOKEN_PARAM}=${encodeURIComponent(token)}`;
}

export function tokenFromHash(hash: string): string | null {
  return new URLSearchParams(hash.replace(/^#/, '')).get(WEB_TOKEN_PARAM);
}

/** The fragment without the token (other keys, such as target=, stay): what the address bar keeps. */
export function hashWithoutToken(hash: string): string {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  if (!params.has(WEB_TOKEN_PARAM)) return hash;
  params.delete(WEB_TOKEN_PARAM);
  const rest = params.toString();
  return rest ? `#${rest}` : '';
}

export function createSocketApi(url: string): SocketApi {
  const socket = new WebSocket(url);
  const pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  const sessionListeners = new Set<(view: SessionView) => void>();
  const lostListeners = new Set<() => void>();
  const views = viewReceiver();
  let nextId = 1;

  const ready = new Promise<void>((resolve, reject) => {
    socket.addEventListener('open', () => resolve(), { once: true });
    socket.addEventListener('error', () => reject(new ApiError('Could not connect to the Authtrace host.', 'Open the URL that `authtrace web` printed, token included.')), { once: true });
  });

  const notify = (view: SessionView) => {
    for (const listener of sessionListeners) listener(view);
  };
  /** A push that does not follow on from the view held: the whole view instead (session:get always answers in full). */
  const resync = (): Promise<SessionView | null> => api.invoke('session:get', undefined);

  socket.addEventListener('message', (event) => {
    const message = JSON.parse(String(event.data)) as WebMessage;
    if ('event' in message) {
      if (message.event !== SESSION_EVENT) return;
      const view = views.receive(message.view);
      if (view) notify(view);
      else void resync().then((v) => v && notify(v), () => undefined);
      return;
    }
    const waiter = pending.get(message.id);
    if (!waiter) return;
    pending.delete(message.id);
    if (!message.ok) return waiter.reject(ApiError.from(message.error));
    if (!('view' in message)) return waiter.resolve(message.response);
    const view = views.receive(message.view);
    if (view) waiter.resolve(view);
    else resync().then(waiter.resolve, waiter.reject);
  });

  socket.addEventListener('close', () => {
    for (const waiter of pending.values()) waiter.reject(new ApiError('The connection to the Authtrace host was closed.', 'Is `authtrace web` still running?'));
    pending.clear();
    for (const listener of lostListeners) listener();
  });

  const api: SocketApi = {
    ready,
    onConnectionLost: (listener) => void lostListeners.add(listener),
    async invoke<C extends Channel>(channel: C, request: ApiRequest<C>): Promise<ApiResponse<C>> {
      await ready;
      if (socket.readyState !== WebSocket.OPEN) throw new ApiError('Not connected to the Authtrace host.');
      const id = nextId++;
      const message: WebRequest = { id, channel, request };
      return new Promise<ApiResponse<C>>((resolve, reject) => {
        pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
        socket.send(JSON.stringify(message));
      });
    },
    onSession(listener) {
      sessionListeners.add(listener);
      return () => void sessionListeners.delete(listener);
    },
  };
  return api;
}
