import { useMemo } from 'react';
import { noSweep, sweepFor, type Sweep } from '../lib/screen-secrets.js';
import { useStore } from '../state/store.js';

/** The session's secret sweep while secrets are masked; the identity once they are revealed. */
export function useSweep(mask: boolean): Sweep {
  const session = useStore((s) => s.view?.session);
  return useMemo(() => (mask && session ? sweepFor(session) : noSweep), [mask, session]);
}
