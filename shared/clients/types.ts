// A real MCP client as data: what it does at each step, each behaviour with the public report (or
// the spec clause) behind it, the version it models, and the words it shows its user on failure.
import type { ClientBehaviour, Revision, Strategy } from '../model.js';

export interface Citation {
  /** `owner/repo#N`, an RFC or MCP clause, or `measured` for docs/CLIENTS.md's measurements here. */
  ref: string;
  url: string;
}

/** A behaviour and why we believe it. `assumed` marks a value taken from the spec for lack of a report. */
export interface Cited<T> {
  value: T;
  cite: readonly [Citation, ...Citation[]];
  assumed?: true;
  note?: string;
}

/** The kinds of failure a client words in its own way. */
export const FAILURE_KINDS = ['discovery', 'registration', 'authorize', 'token-unauthorized', 'token', 'mcp-unauthorized', 'mcp-forbidden', 'mcp', 'stopped'] as const;
export type FailureKind = (typeof FAILURE_KINDS)[number];

type Knobs = Omit<ClientBehaviour, 'profile'> & {
  /** How a method is picked for a cached client that has none recorded (the `--strategy` names). */
  strategy: Strategy;
  /** The MCP revision it speaks: negotiated, or pinned. */
  revision: Revision | 'negotiate';
  /** Whether a second run with the cached client shows something the first cannot (a cache bug). */
  cachedPass: boolean;
  /**
   * When it refreshes: after a 401 with its stale token, ahead of expires_at, or once expired. Said,
   * not run: the engine refreshes when asked (--refresh), since a run does not wait for expiry.
   */
  refreshWhen: 'on-401' | 'ahead-of-expiry' | 'at-expiry';
};

export interface ClientProfile {
  id: string;
  name: string;
  /** The version (or range) modelled. */
  version: string;
  kind: 'reference' | 'sdk' | 'app' | 'proxy';
  summary: string;
  behaviour: { readonly [K in keyof Knobs]: Cited<Knobs[K]> };
  /** What the client tells its user, by failure kind, where known. */
  messages: Partial<Record<FailureKind, Cited<string>>>;
  /** Where a run of this profile differs from the real client because the real thing cannot happen here. */
  simulated: readonly string[];
  /** Known behaviours the engine cannot imitate yet: said in the matrix, never silently dropped. */
  notModelled: readonly Cited<string>[];
  /** Why the profile cannot run at all yet, if so (a registration path the engine lacks here). */
  notRunnable?: string;
}
