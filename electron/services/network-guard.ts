// The network policy (shared/net/policy.ts) where addresses are known: an address literal is
// judged before connecting; a name is judged on the addresses it resolves to, in the lookup the
// connection itself uses, so a name cannot resolve to one address when checked and another when
// connecting. Through a proxy the proxy resolves names, and only literals and localhost are judged.
import dns from 'node:dns';
import type { LookupFunction } from 'node:net';
import { classifyAddress, classifyHost, type AddressClass } from '../../shared/net/address.js';
import { judge, targetClassOf, type NetworkPolicy, type PolicyVerdict } from '../../shared/net/policy.js';

export class PolicyRefusal extends Error {
  readonly code = 'ENETPOLICY';
  constructor(readonly verdict: Extract<PolicyVerdict, { ok: false }>) {
    super(verdict.message);
    this.name = 'PolicyRefusal';
  }
}

type Resolve = (hostname: string) => Promise<string[]>;

const systemResolve: Resolve = (hostname) =>
  new Promise((resolve, reject) => dns.lookup(hostname, { all: true }, (error, addresses) => (error ? reject(error) : resolve(addresses.map((a) => a.address)))));

/** Resolved target classes, per resolver and name, for a minute: every request is judged against the target's. */
const targetClasses = new WeakMap<Resolve, Map<string, { cls: AddressClass | undefined; until: number }>>();
const TARGET_CLASS_TTL_MS = 60_000;

/** The target's own class: its literal, else the first address its name resolves to (undefined when it does not resolve). */
async function targetClass(policy: NetworkPolicy, resolve: Resolve): Promise<AddressClass | undefined> {
  const hostname = new URL(policy.target).hostname;
  const host = classifyHost(hostname);
  if (host !== 'name') return host;
  const cache = targetClasses.get(resolve) ?? new Map<string, { cls: AddressClass | undefined; until: number }>();
  targetClasses.set(resolve, cache);
  const hit = cache.get(hostname);
  if (hit && hit.until > Date.now()) return hit.cls;
  const addresses = await resolve(hostname).catch(() => []);
  const cls = addresses[0] === undefined ? undefined : classifyAddress(addresses[0]);
  cache.set(hostname, { cls, until: Date.now() + TARGET_CLASS_TTL_MS });
  return cls;
}

/** Judges a URL whose host is an address literal or a localhost name; undefined when its host is a name to resolve. */
export async function judgeLiteral(policy: NetworkPolicy, url: URL, resolve: Resolve = systemResolve): Promise<PolicyVerdict | undefined> {
  const host = classifyHost(url.hostname);
  if (host === 'name') return undefined;
  return judge(policy, url.href, host, targetClassOf(policy, await targetClass(policy, resolve)));
}

/** A `lookup` for node:net that refuses, with a PolicyRefusal, a name resolving to an address the policy does not allow. */
export function policyLookup(policy: NetworkPolicy, url: URL, resolve: Resolve = systemResolve): LookupFunction {
  return (hostname, options, callback) => {
    void (async () => {
      const addresses = await resolve(hostname);
      const target = targetClassOf(policy, await targetClass(policy, resolve));
      for (const address of addresses) {
        const verdict = judge(policy, url.href, classifyAddress(address) ?? 'public', target, address);
        if (!verdict.ok) throw new PolicyRefusal(verdict);
      }
      const family = (a: string) => (a.includes(':') ? 6 : 4);
      const wanted = options.family === 4 || options.family === 6 ? addresses.filter((a) => family(a) === options.family) : addresses;
      if (wanted.length === 0) throw Object.assign(new Error(`${hostname} has no IPv${options.family} address`), { code: 'ENOTFOUND' });
      if (options.all) callback(null, wanted.map((address) => ({ address, family: family(address) })));
      else callback(null, wanted[0]!, family(wanted[0]!));
    })().catch((error: NodeJS.ErrnoException) => callback(error, '', 0));
  };
}
