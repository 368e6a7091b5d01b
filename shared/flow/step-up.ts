// Whether a 403 insufficient_scope leads to a new authorization, for the client imitated.
import type { SessionConfig } from '../model.js';

/** Whether the client imitated authorizes again for a wider scope (the reference client does). */
export function stepsUp(client: SessionConfig['client'], holdsRefreshToken: boolean): boolean {
  const how = client?.insufficientScope;
  return how !== 'stop' && !(how === 'refresh-then-stop' && holdsRefreshToken);
}
