// What the screen hides beyond the secret's own field: every secret the session holds, wherever a
// server echoed it (an HTML redirect page quoting the code, an error_description, an interaction id
// that is a cookie value). The HAR redactor finds and sweeps them; the screen asks the very same
// redactor, fed the session's exchanges once each, and shows its markers as the mask.
import { createRedactor, MARKERS_IN_TEXT, type Redactor } from '../../shared/har/redact.js';
import { headerValue, type Exchange, type Session } from '../../shared/model.js';
import { MASK } from './mask.js';

export type Sweep = (text: string) => string;

function feed(redactor: Redactor, exchange: Exchange): void {
  redactor.request(exchange.request);
  if (exchange.outcome !== 'response') return;
  redactor.headers(exchange.response.headers);
  redactor.body(exchange.response.body, headerValue(exchange.response.headers, 'content-type'));
}

/**
 * Incremental per session: a pushed view adds exchanges at the end, and only those are read. The
 * sweep of one exchanges array is shared by every part of the screen that asks for it.
 */
let cache: { sessionId: string; fedIds: Set<string>; fed: readonly Exchange[]; redactor: Redactor; sweep: Sweep } | undefined;

function extends_(all: readonly Exchange[], prefix: readonly Exchange[]): boolean {
  return all.length >= prefix.length && (prefix.length === 0 || all[prefix.length - 1] === prefix[prefix.length - 1]);
}

export function sweepFor(session: Pick<Session, 'id' | 'exchanges'>): Sweep {
  if (cache?.sessionId === session.id && cache.fed === session.exchanges) return cache.sweep;
  if (cache?.sessionId !== session.id) cache = { sessionId: session.id, fedIds: new Set(), fed: [], redactor: createRedactor(), sweep: noSweep };
  const { fedIds, redactor } = cache;
  // The same exchanges with more at the end (a pushed delta): only the new ones; else (a whole view) by id.
  const from = extends_(session.exchanges, cache.fed) ? cache.fed.length : 0;
  for (let i = from; i < session.exchanges.length; i++) {
    const exchange = session.exchanges[i]!;
    if (fedIds.has(exchange.id)) continue;
    fedIds.add(exchange.id);
    feed(redactor, exchange);
  }
  // A new function for a new array: what was swept before may sweep differently now.
  cache = { ...cache, fed: session.exchanges, sweep: (text) => redactor.sweep(text).replace(MARKERS_IN_TEXT, MASK) };
  return cache.sweep;
}

export const noSweep: Sweep = (text) => text;
