import { describe, expect, it } from 'vitest';
import type { BridgeApi, SessionView } from '../../shared/contract.js';
import type { ViewPush } from '../../shared/view-delta.js';
import { encodeView } from '../../shared/view-delta.js';
import { bigSessionView } from '../../bench/big-session.js';
import { ApiError } from './api-error.js';
import { bridgeApi } from './bridge-api.js';

const bridge = (rejection: unknown): BridgeApi => ({
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

  it('rebuilds each pushed view from the exchanges it adds to the view it has, and asks for the whole view when a push does not follow on', async () => {
    const first = bigSessionView(20);
    const second = { ...first, session: { ...first.session, exchanges: bigSessionView(23).session.exchanges } };
    const third = { ...second, session: { ...second.session, exchanges: bigSessionView(25).session.exchanges } };
    let push: (p: ViewPush) => void = () => undefined;
    const asked: string[] = [];
    const api = bridgeApi({
      invoke: async (channel) => {
        asked.push(channel);
        return (channel === 'session:get' ? third : first) as never;
      },
      onSession: (listener) => ((push = listener), () => undefined),
    });
    const seen: SessionView[] = [];
    api.onSession((view) => seen.push(view));

    await api.invoke('session:next', undefined);
    push(structuredClone(encodeView(first, second)));
    expect(seen.at(-1)?.session.exchanges.map((e) => e.id)).toEqual(second.session.exchanges.map((e) => e.id));
    expect(seen.at(-1)).toEqual(second);

    // A delta from a view this screen never had: the whole view is asked for instead.
    const neverSeen = { ...third, session: { ...third.session, exchanges: third.session.exchanges.slice(0, 24) } };
    push(structuredClone(encodeView(neverSeen, third)));
    await expect.poll(() => asked.at(-1)).toBe('session:get');
    await expect.poll(() => seen.length).toBe(2);
    expect(seen.at(-1)).toEqual(third);
  });
});
