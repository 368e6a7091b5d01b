import { describe, expect, it } from 'vitest';
import type { SessionView } from './contract.js';
import type { Exchange } from './model.js';
import { decodeView, encodeView } from './view-delta.js';
import { bigSessionView } from '../bench/big-session.js';

function grown(view: SessionView, count: number): SessionView {
  const more = bigSessionView(view.session.exchanges.length + count).session.exchanges.slice(view.session.exchanges.length);
  return { ...view, session: { ...view.session, exchanges: [...view.session.exchanges, ...more] }, next: { step: 'mcp', action: 'send' } };
}

describe('encodeView and decodeView', () => {
  const base = bigSessionView(50);

  it('sends only the exchanges added since the last view, and rebuilds the same view on the other side', () => {
    const next = grown(base, 3);
    const push = encodeView(base, next);
    expect(push.kind).toBe('delta');
    if (push.kind !== 'delta') return;
    expect(push.added.map((e) => e.id)).toEqual(['ex-51', 'ex-52', 'ex-53']);
    expect('exchanges' in push.view.session).toBe(false);
    // What crosses the wire is JSON: the receiver has its own copy of the earlier view.
    const receiver = JSON.parse(JSON.stringify(base)) as SessionView;
    const rebuilt = decodeView(receiver, JSON.parse(JSON.stringify(push)));
    expect(rebuilt).toEqual(JSON.parse(JSON.stringify(next)));
    expect(JSON.stringify(push).length).toBeLessThan(JSON.stringify(next).length / 10);
  });

  it('keeps the exchanges array when nothing was added, so a screen can skip re-reading it', () => {
    const next = { ...base, session: { ...base.session, steps: [...base.session.steps] }, next: null };
    const push = encodeView(base, next);
    expect(push.kind === 'delta' && push.added).toEqual([]);
    expect(decodeView(base, push)?.session.exchanges).toBe(base.session.exchanges);
  });

  it('sends the whole view for a first push, another session, or a history that was not only added to', () => {
    expect(encodeView(undefined, base).kind).toBe('full');
    expect(encodeView(base, { ...base, session: { ...base.session, id: 'other' } }).kind).toBe('full');
    const rewritten = { ...base, session: { ...base.session, exchanges: base.session.exchanges.map((e, i) => (i === 3 ? ({ ...e, id: 'changed' } as Exchange) : e)) } };
    expect(encodeView(base, rewritten).kind).toBe('full');
    const shorter = { ...base, session: { ...base.session, exchanges: base.session.exchanges.slice(1) } };
    expect(encodeView(base, shorter).kind).toBe('full');
  });

  it('refuses a delta that does not follow on from the view the receiver has', () => {
    const push = encodeView(base, grown(base, 1));
    expect(decodeView(null, push)).toBeUndefined();
    expect(decodeView(bigSessionView(49), push)).toBeUndefined();
    expect(decodeView({ ...base, session: { ...base.session, id: 'other' } }, push)).toBeUndefined();
  });
});
