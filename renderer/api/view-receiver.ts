// The screen's side of view-delta.ts: keeps the last view, so each push can add to it.
import type { SessionView } from '../../shared/contract.js';
import { decodeView, type ViewPush } from '../../shared/view-delta.js';

export interface ViewReceiver {
  /** The view a push stands for; undefined when it does not follow on from the one held (ask for the whole view). */
  receive(push: ViewPush): SessionView | undefined;
  /** A whole view got another way (session:get). */
  reset(view: SessionView | null): void;
}

export function viewReceiver(): ViewReceiver {
  let current: SessionView | null = null;
  return {
    receive(push) {
      const view = decodeView(current, push);
      if (view) current = view;
      return view;
    },
    reset(view) {
      current = view;
    },
  };
}
