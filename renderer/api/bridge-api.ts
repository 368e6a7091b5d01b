// The desktop app's Api: the preload's window.authtrace, whose calls reject with the host's error
// as plain data (the context bridge would drop an Error's code and hint); here it becomes an ApiError.
// Pushes carry only the exchanges the screen lacks (view-delta.ts); answers carry whole views.
import type { Api, ApiRequest, ApiResponse, BridgeApi, Channel, SessionView } from '../../shared/contract.js';
import { ApiError, isSerializedError } from './api-error.js';
import { viewReceiver } from './view-receiver.js';

const isView = (value: unknown): value is SessionView =>
  typeof value === 'object' && value !== null && 'session' in value && 'diagnostics' in value && 'next' in value;

export function bridgeApi(bridge: BridgeApi): Api {
  const views = viewReceiver();
  const api: Api = {
    async invoke<C extends Channel>(channel: C, request: ApiRequest<C>): Promise<ApiResponse<C>> {
      try {
        const value = await bridge.invoke(channel, request);
        if (isView(value)) views.reset(value);
        return value;
      } catch (error) {
        throw isSerializedError(error) ? ApiError.from(error) : error;
      }
    },
    onSession: (listener) =>
      bridge.onSession((push) => {
        const view = views.receive(push);
        if (view) listener(view);
        // A push that does not follow on from the view held: ask for the whole one.
        else void api.invoke('session:get', undefined).then((v) => v && listener(v), () => undefined);
      }),
  };
  return api;
}
