import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Api, SessionView } from '../../shared/contract.js';
import { defaultConfig, type Session } from '../../shared/model.js';
import { EXPORT_SECRETS_QUESTION, exportHar, reset, runToEnd } from './actions.js';
import { getState, initialState, setState } from './store.js';

function viewOf(id: string, extra: Partial<SessionView> = {}): SessionView {
  const session = {
    id,
    createdAt: '2026-01-01T00:00:00.000Z',
    config: defaultConfig({ kind: 'mcp', url: 'http://127.0.0.1:9/mcp' }),
    revision: '2026-07-28',
    steps: [],
    exchanges: [{ id: 'ex-1' }],
    authMethod: { advertised: null, registered: null, used: null, chosenBy: null, reason: null },
  } as unknown as Session;
  return { session, diagnostics: [], next: null, ...extra };
}

/** An Api whose session calls wait until the test settles them. */
function manualApi() {
  const calls: Array<{ channel: string; request: unknown; resolve: (value: unknown) => void; reject: (error: Error) => void }> = [];
  const api: Api = {
    invoke: ((channel: string, request: unknown) => {
      if (channel === 'clients:list') return Promise.resolve([]);
      return new Promise<unknown>((resolve, reject) => calls.push({ channel, request, resolve, reject }));
    }) as Api['invoke'],
    onSession: () => () => undefined,
  };
  const call = async (channel: string) => {
    await vi.waitFor(() => expect(calls.some((c) => c.channel === channel)).toBe(true));
    return calls.find((c) => c.channel === channel)!;
  };
  return { api, call };
}

afterEach(() => setState(initialState, true));

describe('busy', () => {
  it('an interrupted call that ends while Reset is still running leaves Reset busy and reports no error', async () => {
    const { api, call } = manualApi();
    setState({ api, view: viewOf('old', { next: { step: 'authorize', action: 'send' } }) });

    const running = runToEnd();
    const runCall = await call('session:run-to-end');
    expect(getState().busy).toBe('Running to the end…');

    // The login never comes back: the browser is waiting, so Reset may interrupt.
    setState({ view: viewOf('old', { waitingForBrowser: { url: 'http://as.example/authorize' } }) });
    const resetting = reset();
    const startCall = await call('session:start');
    const resetLabel = getState().busy;
    expect(resetLabel).toMatch(/^Starting/);

    // The interrupted call ends (the host closed its engine) before the new session is there.
    runCall.reject(new Error('The login was cancelled.'));
    await running;
    expect(getState().busy).toBe(resetLabel);
    expect(getState().error).toBeNull();

    startCall.resolve(viewOf('new'));
    await resetting;
    expect(getState().busy).toBeNull();
    expect(getState().view?.session.id).toBe('new');
  });
});

describe('Export HAR', () => {
  it('asks before exporting with secrets, and exports nothing when the answer is no', async () => {
    const { api } = manualApi();
    const invoke = vi.spyOn(api, 'invoke');
    setState({ api, view: viewOf('s') });
    const confirm = vi.fn(() => false);
    await exportHar(true, confirm);
    expect(confirm).toHaveBeenCalledWith(EXPORT_SECRETS_QUESTION);
    expect(invoke).not.toHaveBeenCalled();

    const never = vi.fn(() => false);
    void exportHar(false, never);
    expect(never).not.toHaveBeenCalled();
    expect(invoke).toHaveBeenCalledWith('session:export-har', { includeSecrets: false });
  });
});
