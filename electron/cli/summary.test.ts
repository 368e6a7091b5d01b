import { afterEach, describe, expect, it, vi } from 'vitest';
import { fullSession, SECRETS } from '../../shared/har/test-support/session.js';
import type { Session } from '../../shared/model.js';
import type { CliIo } from './io.js';
import type { RunOptions } from './run-options.js';
import { browserNotice, printSummary, Progress } from './summary.js';

const HOSTILE = '\u001b[2J\u001b]0;owned\u0007\rdone';
const RAW = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

function capture(tty = false): { io: CliIo; out: () => string } {
  let text = '';
  return { io: { stdout: (s) => void (text += s), stderr: (s) => void (text += s), tty }, out: () => text };
}

/** The MCP step failed with a server's words: an escape sequence and a token it echoed. */
const hostile = (): Session => {
  const session = fullSession();
  return {
    ...session,
    client: session.client && { ...session.client, client_id: `c1${HOSTILE}` },
    steps: session.steps.map((s) => (s.name === 'mcp' ? { ...s, error: { code: 'MCP_REQUEST_FAILED', message: `rejected ${SECRETS.accessToken}${HOSTILE}` } } : s)),
  };
};

const options = (extra: Partial<RunOptions> = {}): RunOptions => ({ config: fullSession().config, reports: {}, includeSecrets: false, json: false, failOn: 'error', ...extra });

afterEach(() => {
  vi.useRealTimers();
});

describe('the run summary', () => {
  it('is redacted and sanitised, with our colours on a terminal', () => {
    const { io, out } = capture(true);
    printSummary(io, hostile(), [], options());
    expect(out()).not.toContain(SECRETS.accessToken);
    expect(out()).toContain('rejected [redacted:');
    expect(out()).toContain('client c1⟨ESC⟩[2J⟨ESC⟩]0;owned⟨BEL⟩⟨CR⟩done');
    expect(out().replace(/\u001b\[\d+m/g, '')).not.toMatch(RAW);
    expect(out()).toContain('\u001b[31mThe flow failed at mcp: rejected [redacted:');
  });

  it('keeps the secrets with --include-secrets, and still sanitises', () => {
    const { io, out } = capture();
    printSummary(io, hostile(), [], options({ includeSecrets: true }));
    expect(out()).toContain(`rejected ${SECRETS.accessToken}⟨ESC⟩[2J`);
    expect(out()).not.toMatch(RAW);
  });
});

describe('progress lines', () => {
  it('print each finished step once, redacted and sanitised', () => {
    const { io, out } = capture();
    const progress = new Progress(io);
    progress.update(hostile());
    progress.update(hostile());
    progress.stop();
    expect(out().match(/✗ mcp/g)).toHaveLength(1);
    expect(out()).not.toContain(SECRETS.accessToken);
    expect(out()).not.toMatch(RAW);
    expect(out()).toContain('⟨ESC⟩[2J');
  });

  it('draw the spinner with the running step on a terminal', () => {
    vi.useFakeTimers();
    const { io, out } = capture(true);
    const progress = new Progress(io);
    const session = fullSession();
    progress.update({ ...session, steps: session.steps.map((s) => (s.name === 'refresh' ? { ...s, status: 'running' } : s)) });
    vi.advanceTimersByTime(100);
    progress.stop();
    expect(out()).toMatch(/\r[⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏] refresh…\u001b\[K/);
  });
});

describe('the browser notice', () => {
  it('shows a hostile authorization URL escaped', () => {
    expect(browserNotice(`https://as.example/authorize?x=${HOSTILE}`)).toBe(
      'Opening your browser to log in. If it does not open, visit:\n  https://as.example/authorize?x=⟨ESC⟩[2J⟨ESC⟩]0;owned⟨BEL⟩⟨CR⟩done\n',
    );
  });
});
