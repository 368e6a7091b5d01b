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

/** Incremental per session: a pushed view adds exchanges at the end, and only those are read. */
let cache: { sessionId: string; fed: Set<string>; redactor: Redactor } | undefined;

export function sweepFor(session: Pick<Session, 'id' | 'exchanges'>): Sweep {
  if (cache?.sessionId !== session.id) cache = { sessionId: session.id, fed: new Set(), redactor: createRedactor() };
  const { fed, redactor } = cache;
  for (const exchange of session.exchanges) {
    if (fed.has(exchange.id)) continue;
    fed.add(exchange.id);
    feed(redactor, exchange);
  }
  return (text) => redactor.sweep(text).replace(MARKERS_IN_TEXT, MASK);
}

export const noSweep: Sweep = (text) => text;
