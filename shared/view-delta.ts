// A session's exchanges only grow, so a screen that has the previous view needs only the new
// ones: each push (and each answer that carries the view) is the view without its exchanges,
// plus the exchanges added since. A long session then costs the same to update as a short one.
import type { SessionView } from './contract.js';
import type { Exchange, Session } from './model.js';

export type ViewWithoutExchanges = Omit<SessionView, 'session'> & { session: Omit<Session, 'exchanges'> };

export type ViewPush =
  | { kind: 'full'; view: SessionView }
  /** `base`: the session and the count of its exchanges the receiver must have for `added` to follow on. */
  | { kind: 'delta'; base: { sessionId: string; exchanges: number }; view: ViewWithoutExchanges; added: Exchange[] };

/** What to send a receiver that was last sent `previous`: a delta when `next` only adds exchanges to it. */
export function encodeView(previous: SessionView | undefined, next: SessionView): ViewPush {
  if (!previous || previous.session.id !== next.session.id) return { kind: 'full', view: next };
  const before = previous.session.exchanges;
  const after = next.session.exchanges;
  if (after.length < before.length) return { kind: 'full', view: next };
  // The host hands out the same exchange objects while they are unchanged; any other object means a rewritten history.
  for (let i = 0; i < before.length; i++) if (before[i] !== after[i]) return { kind: 'full', view: next };
  const { exchanges: _exchanges, ...session } = next.session;
  return { kind: 'delta', base: { sessionId: next.session.id, exchanges: before.length }, view: { ...next, session }, added: after.slice(before.length) };
}

/**
 * The view a push stands for, given the view the receiver has; undefined when a delta does not
 * follow on from it (the receiver then asks for the whole view). Unchanged exchanges keep their
 * array, so a screen can tell that nothing was added.
 */
export function decodeView(current: SessionView | null | undefined, push: ViewPush): SessionView | undefined {
  if (push.kind === 'full') return push.view;
  if (!current || current.session.id !== push.base.sessionId || current.session.exchanges.length !== push.base.exchanges) return undefined;
  const exchanges = push.added.length === 0 ? current.session.exchanges : [...current.session.exchanges, ...push.added];
  return { ...push.view, session: { ...push.view.session, exchanges } };
}
