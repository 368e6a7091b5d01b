// The network policy for requests a server directs (metadata URLs, challenges, redirects): an
// address on the user's own network (loopback, private, link-local, special) is not fetched when
// the target the user chose is public, unless the user consents. A local target (the sandbox, a
// server under development) keeps its neighbours reachable.
import { classifyHost, type AddressClass, type HostClass } from './address.js';

export interface NetworkPolicy {
  /** The URL the user chose: the MCP server, or the authorization server's issuer. */
  target: string;
  /** The user's consent to fetch private and special addresses that servers hand over. */
  allowPrivateTargets: boolean;
  /** Judge the target as public whatever its address (to see what a remote client would refuse). */
  treatTargetAsPublic?: boolean;
}

export type PolicyVerdict = { ok: true } | { ok: false; addressClass: Exclude<AddressClass, 'public'>; message: string; hint: string };

function origin(url: string): string | undefined {
  try {
    return new URL(url).origin;
  } catch {
    return undefined;
  }
}

/** The class the policy gives the target: its address's, unless told to treat it as public. */
export function targetClassOf(policy: NetworkPolicy, resolved: AddressClass | undefined): HostClass {
  if (policy.treatTargetAsPublic) return 'public';
  return resolved ?? classifyHost(new URL(policy.target).hostname);
}

export const PRIVATE_TARGET_HINT =
  'If you trust this server and mean to reach that address, run again with --allow-private-targets (in the app: Allow private addresses, then re-run the step).';

/**
 * Whether a request to `url`, whose host is (or resolved to) an address of class `destination`,
 * may be sent. Requests to the target's own origin always may.
 */
export function judge(policy: NetworkPolicy, url: string, destination: HostClass, target: HostClass, address?: string): PolicyVerdict {
  if (destination === 'public' || destination === 'name' || policy.allowPrivateTargets) return { ok: true };
  if (origin(url) === origin(policy.target)) return { ok: true };
  if (target !== 'public' && target !== 'name') return { ok: true };
  const where = address ? `${new URL(url).host} (${address}, a ${destination} address)` : `${new URL(url).host}, a ${destination} address`;
  return {
    ok: false,
    addressClass: destination,
    message: `not fetched: ${url} points at ${where}, on your own network, while the target ${policy.target} is public; a server handed this URL over`,
    hint: PRIVATE_TARGET_HINT,
  };
}
