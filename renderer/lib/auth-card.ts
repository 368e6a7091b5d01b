// The auth method card: the picture of shared/interpret as the latest attempt sees it, each
// AM-0x diagnostic placed on the columns its evidence points at, and earlier token attempts
// kept as history with the rules that fired on them.
import type { AuthMethodPicture, Disagreement, TokenAttempt } from '../../shared/interpret/auth-method.js';
import type { Diagnostic, Evidence, Exchange, Severity } from '../../shared/model.js';
import type { Preflight } from './token-preflight.js';

export type Column = 'advertised' | 'registered' | 'used';
export type Tone = 'ok' | 'warn' | 'bad' | 'none';

export interface ColumnState {
  tone: Tone;
  notes: string[];
}

export interface CardRule {
  /** Index in the SessionView's diagnostics list. */
  index: number;
  diagnostic: Diagnostic;
  columns: Column[];
}

export interface HistoryEntry {
  attempt: TokenAttempt;
  rules: CardRule[];
}

/**
 * `refused`: nothing the card compares disagrees, yet the latest token request was refused (a cache that lost its method, say).
 * `cannot-send` and `will-disagree`: what the next token request will send, judged before it is sent.
 * `no-token-request` and `no-answer`: the flow ended without a token request, or without an answer to the last.
 */
export type Verdict = 'disagreement' | 'refused' | 'cannot-send' | 'will-disagree' | 'consistent' | 'consistent-so-far' | 'no-token-request' | 'no-answer';

export interface CardContext {
  /** The check of the next token request; null once there is nothing to judge. */
  preflight?: Preflight | null;
  /** The flow has ended (completed or stopped). */
  finished?: boolean;
}

export interface CardModel {
  columns: Record<Column, ColumnState>;
  /** Rules about the current state: the metadata, the registration and the latest attempt. */
  rules: CardRule[];
  /** Earlier token attempts, newest first, each with the rules whose evidence is only that attempt. */
  history: HistoryEntry[];
  verdict: Verdict;
}

const ADVERTISED_FIELD = 'token_endpoint_auth_methods_supported';

function columnOf(evidence: Evidence, exchanges: ReadonlyMap<string, Exchange>): Column | null {
  const { location } = evidence;
  if (location.kind === 'client') return 'registered';
  if (location.kind === 'config') return location.field.toLowerCase().includes('method') ? 'used' : null;
  const exchange = evidence.exchangeId ? exchanges.get(evidence.exchangeId) : undefined;
  if (location.kind === 'response-json' && location.pointer.includes(ADVERTISED_FIELD)) return 'advertised';
  if (exchange?.role === 'as-metadata') return 'advertised';
  if (exchange?.role === 'registration') return 'registered';
  if (exchange?.role === 'token' || exchange?.role === 'refresh') return 'used';
  return null;
}

const RANK: Record<Tone, number> = { none: 0, ok: 1, warn: 2, bad: 3 };
const worse = (a: Tone, b: Tone): Tone => (RANK[b] > RANK[a] ? b : a);
const toneOf = (severity: Severity): Tone => (severity === 'error' ? 'bad' : severity === 'warning' ? 'warn' : 'ok');

export function disagreementText(d: Disagreement): string {
  if (d.kind === 'several-methods') return `Sent ${d.methods.join(' and ')} at once.`;
  if (d.kind === 'not-registered') return `Sent ${d.used}, registered ${d.registered}.`;
  return `${d.used} is not advertised.`;
}

/** The earlier attempt a rule is about: every token exchange in its evidence is that one attempt, and none is the latest. */
function historicalAttempt(diagnostic: Diagnostic, earlier: ReadonlySet<string>, attempts: ReadonlySet<string>): string | undefined {
  const touched = [...new Set(diagnostic.evidence.map((e) => e.exchangeId).filter((id): id is string => id !== undefined && attempts.has(id)))];
  return touched.length === 1 && earlier.has(touched[0]!) ? touched[0] : undefined;
}

/** The exchanges the AM rules' evidence names, by id: a long session is read once, without indexing all of it. */
function exchangesById(exchanges: readonly Exchange[], diagnostics: readonly Diagnostic[]): ReadonlyMap<string, Exchange> {
  const wanted = new Set<string>();
  for (const d of diagnostics) if (d.rule.startsWith('AM-')) for (const e of d.evidence) if (e.exchangeId) wanted.add(e.exchangeId);
  const found = new Map<string, Exchange>();
  if (wanted.size === 0) return found;
  for (const e of exchanges) if (wanted.has(e.id)) found.set(e.id, e);
  return found;
}

export function authCardModel(picture: AuthMethodPicture, diagnostics: readonly Diagnostic[], exchanges: readonly Exchange[], context: CardContext = {}): CardModel {
  const byId = exchangesById(exchanges, diagnostics);
  const latest = picture.latest;
  const columns: Record<Column, ColumnState> = {
    advertised: { tone: picture.advertisedAt !== undefined ? 'ok' : 'none', notes: [] },
    registered: { tone: picture.registered ? 'ok' : 'none', notes: [] },
    used: { tone: latest ? 'ok' : 'none', notes: [] },
  };

  if (picture.registered === 'unknown') {
    columns.registered.tone = 'warn';
    columns.registered.notes.push('The stored client lost its method.');
  } else if (picture.registeredNotAdvertised) {
    columns.registered.tone = 'bad';
    columns.registered.notes.push(`${picture.registered} is registered but not advertised.`);
  }
  for (const d of latest?.disagreements ?? []) {
    columns.used.tone = worse(columns.used.tone, d.kind === 'not-advertised' ? 'warn' : 'bad');
    columns.used.notes.push(disagreementText(d));
  }

  const rules: CardRule[] = [];
  const history: HistoryEntry[] = picture.history.map((attempt) => ({ attempt, rules: [] }));
  const historyById = new Map(history.map((h) => [h.attempt.exchangeId, h]));
  const earlierIds = new Set(historyById.keys());
  const attemptIds = new Set(picture.attempts.map((a) => a.exchangeId));
  diagnostics.forEach((diagnostic, index) => {
    if (!diagnostic.rule.startsWith('AM-')) return;
    const cols = [...new Set(diagnostic.evidence.map((e) => columnOf(e, byId)).filter((c): c is Column => c !== null))];
    const rule = { index, diagnostic, columns: cols };
    const earlier = historicalAttempt(diagnostic, earlierIds, attemptIds);
    if (earlier !== undefined) {
      historyById.get(earlier)!.rules.push(rule);
      return;
    }
    for (const c of cols) columns[c].tone = worse(columns[c].tone, toneOf(diagnostic.severity));
    rules.push(rule);
  });

  const bad = rules.some((r) => r.diagnostic.severity === 'error') || Object.values(columns).some((c) => c.tone === 'bad');
  const { preflight, finished } = context;
  if (preflight) {
    columns.used.tone = worse(columns.used.tone, preflight.kind === 'cannot-send' ? 'bad' : 'warn');
    columns.used.notes.push(preflight.message);
  }
  const verdict: Verdict =
    preflight?.kind === 'cannot-send'
      ? 'cannot-send'
      : bad
        ? 'disagreement'
        : latest?.outcome === 'rejected'
          ? 'refused'
          : preflight?.kind === 'not-registered'
            ? 'will-disagree'
            : latest?.outcome === 'accepted'
              ? 'consistent'
              : finished
                ? latest === null
                  ? 'no-token-request'
                  : 'no-answer'
                : 'consistent-so-far';
  return { columns, rules, history, verdict };
}

export function cardVisible(picture: AuthMethodPicture, metadataSeen: boolean): boolean {
  return metadataSeen || picture.advertisedAt !== undefined || picture.registered !== null || picture.latest !== null;
}
