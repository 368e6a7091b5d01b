// The desktop app's Api: the preload's window.authtrace, whose calls reject with the host's error
// as plain data (the context bridge would drop an Error's code and hint); here it becomes an ApiError.
import type { Api, ApiRequest, ApiResponse, Channel } from '../../shared/contract.js';
import { ApiError, isSerializedError } from './api-error.js';

export function bridgeApi(bridge: Api): Api {
  return {
    async invoke<C extends Channel>(channel: C, request: ApiRequest<C>): Promise<ApiResponse<C>> {
      try {
        return await bridge.invoke(channel, request);
      } catch (error) {
        throw isSerializedError(error) ? ApiError.from(error) : error;
      }
    },
    onSession: (listener) => bridge.onSession(listener),
  };
}
