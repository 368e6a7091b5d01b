import { describe, expect, it } from 'vitest';
import type { Api } from '../../shared/contract.js';
import { ApiError } from './api-error.js';
import { bridgeApi } from './bridge-api.js';

const bridge = (rejection: unknown): Api => ({
  invoke: async () => {
    throw rejection;
  },
  onSession: () => () => undefined,
});

describe('the desktop bridge', () => {
  it('turns the host error it receives as data back into an ApiError, code and hint included', async () => {
    const error = await bridgeApi(bridge({ code: 'API_NO_SESSION', message: 'There is no session yet.', hint: 'Start one with Next step.' }))
      .invoke('session:next', undefined)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ code: 'API_NO_SESSION', message: 'There is no session yet.', hint: 'Start one with Next step.' });
  });

  it('passes other rejections through unchanged', async () => {
    const unknown = new Error('Unknown channel: fs:read');
    await expect(bridgeApi(bridge(unknown)).invoke('session:get', undefined)).rejects.toBe(unknown);
  });

  it('answers with what the host answered', async () => {
    const api = bridgeApi({ invoke: async () => 'value' as never, onSession: () => () => undefined });
    expect(await api.invoke('session:get', undefined)).toBe('value');
  });
});
