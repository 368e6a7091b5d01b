// A SessionView with many exchanges, for render benchmarks and the large-session journey.
import type { SessionView } from '../shared/contract.js';
import { STEP_NAMES, defaultConfig, type Exchange, type ExchangeRole, type StepName } from '../shared/model.js';

const ROLES: Array<[StepName, ExchangeRole, string, string]> = [
  ['probe', 'mcp-probe', 'POST', 'http://127.0.0.1:3000/mcp'],
  ['resource-metadata', 'resource-metadata', 'GET', 'http://127.0.0.1:3000/.well-known/oauth-protected-resource/mcp'],
  ['authorization-server-metadata', 'as-metadata', 'GET', 'http://127.0.0.1:4000/.well-known/oauth-authorization-server'],
  ['registration', 'registration', 'POST', 'http://127.0.0.1:4000/register'],
  ['token', 'token', 'POST', 'http://127.0.0.1:4000/token'],
  ['mcp', 'mcp', 'POST', 'http://127.0.0.1:3000/mcp'],
];

export function bigSessionView(count: number): SessionView {
  const start = Date.parse('2026-01-01T00:00:00Z');
  const exchanges: Exchange[] = [];
  for (let i = 0; i < count; i++) {
    const [step, role, method, url] = ROLES[i % ROLES.length]!;
    const body = JSON.stringify({ index: i, tools: Array.from({ length: 5 }, (_, t) => ({ name: `tool-${t}`, description: 'x'.repeat(40) })) });
    exchanges.push({
      id: `ex-${i + 1}`,
      step,
      role,
      origin: 'engine',
      startedAt: new Date(start + i * 25).toISOString(),
      request: { method, url, headers: [{ name: 'Accept', value: 'application/json' }, { name: 'Authorization', value: `Bearer token-${i}` }], body: '{"jsonrpc":"2.0"}' },
      outcome: 'response',
      response: {
        status: i % 17 === 0 ? 401 : 200,
        statusText: i % 17 === 0 ? 'Unauthorized' : 'OK',
        headers: [{ name: 'Content-Type', value: 'application/json' }],
        body,
        truncated: false,
        bodySize: body.length,
        httpVersion: 'HTTP/1.1',
      },
      timings: { wait: 10, receive: 2, total: 12 },
    });
  }
  const steps = STEP_NAMES.map((name) => ({
    name,
    status: name === 'refresh' ? ('pending' as const) : ('done' as const),
    durationMs: 12,
    exchangeIds: exchanges.filter((e) => e.step === name).map((e) => e.id),
  }));
  return {
    session: {
      id: 'bench',
      createdAt: new Date(start).toISOString(),
      config: defaultConfig({ kind: 'mcp', url: 'http://127.0.0.1:3000/mcp' }),
      revision: '2026-07-28',
      steps,
      exchanges,
      methodChoice: { method: 'none', chosenBy: 'registered', reason: 'the client is registered with none' },
      issuer: 'http://127.0.0.1:4000',
    },
    diagnostics: [],
    next: null,
  };
}
