// What kind of address a host is: the network policy refuses server-directed requests to the
// user's own network (loopback, private, link-local, and the other special-purpose ranges of the
// IANA registries, RFC 6890) when the target the user chose is public.

export type AddressClass = 'public' | 'loopback' | 'private' | 'link-local' | 'special';
/** A host name that is not an address literal: its class is known only once it resolves. */
export type HostClass = AddressClass | 'name';

function ipv4(text: string): number[] | undefined {
  const parts = text.split('.');
  if (parts.length !== 4) return undefined;
  const bytes = parts.map((p) => (/^\d{1,3}$/.test(p) ? Number(p) : NaN));
  return bytes.every((b) => b >= 0 && b <= 255) ? bytes : undefined;
}

function classifyV4([a, b, c]: number[]): AddressClass {
  if (a === 127) return 'loopback';
  if (a === 10 || (a === 172 && b! >= 16 && b! <= 31) || (a === 192 && b === 168)) return 'private';
  if (a === 169 && b === 254) return 'link-local';
  if (
    a === 0 || // this network
    (a === 100 && b! >= 64 && b! <= 127) || // shared address space (carrier-grade NAT)
    (a === 192 && b === 0 && (c === 0 || c === 2)) || // IETF protocol assignments, TEST-NET-1
    (a === 198 && (b === 18 || b === 19)) || // benchmarking
    (a === 198 && b === 51 && c === 100) || // TEST-NET-2
    (a === 203 && b === 0 && c === 113) || // TEST-NET-3
    a! >= 224 // multicast, reserved, broadcast
  ) {
    return 'special';
  }
  return 'public';
}

/** The eight 16-bit groups of an IPv6 address, or undefined when it is not one. */
function ipv6(text: string): number[] | undefined {
  let s = text.toLowerCase();
  if (s.includes('%')) s = s.slice(0, s.indexOf('%'));
  let tail: number[] = [];
  const dotted = /(\d{1,3}(?:\.\d{1,3}){3})$/.exec(s);
  if (dotted) {
    const v4 = ipv4(dotted[1]!);
    if (!v4) return undefined;
    tail = [(v4[0]! << 8) | v4[1]!, (v4[2]! << 8) | v4[3]!];
    s = s.slice(0, -dotted[1]!.length) + (s.endsWith(`:${dotted[1]}`) ? '0' : '');
    if (s.endsWith(':0')) s = s.slice(0, -2) + (s.endsWith(':') ? ':' : '');
  }
  const halves = s.split('::');
  if (halves.length > 2) return undefined;
  const group = (part: string) => (part === '' ? [] : part.split(':'));
  const head = group(halves[0]!);
  const rest = halves.length === 2 ? group(halves[1]!) : [];
  if ([...head, ...rest].some((g) => !/^[0-9a-f]{1,4}$/.test(g))) return undefined;
  const known = head.length + rest.length + tail.length;
  if (halves.length === 1 ? known !== 8 : known > 7) return undefined;
  const zeros = new Array<number>(8 - known).fill(0);
  return [...head.map((g) => parseInt(g, 16)), ...(halves.length === 2 ? zeros : []), ...rest.map((g) => parseInt(g, 16)), ...tail];
}

function classifyV6(g: number[]): AddressClass {
  const allZero = (from: number, to: number) => g.slice(from, to).every((x) => x === 0);
  if (allZero(0, 7) && g[7] === 1) return 'loopback';
  if (allZero(0, 8)) return 'special';
  // IPv4-mapped (::ffff:a.b.c.d) and IPv4-compatible addresses are their IPv4 address.
  if (allZero(0, 5) && (g[5] === 0xffff || g[5] === 0)) return classifyV4([g[6]! >> 8, g[6]! & 255, g[7]! >> 8, g[7]! & 255]);
  if ((g[0]! & 0xfe00) === 0xfc00) return 'private'; // unique local fc00::/7
  if ((g[0]! & 0xffc0) === 0xfe80) return 'link-local';
  if ((g[0]! & 0xff00) === 0xff00) return 'special'; // multicast
  if (g[0] === 0x2001 && g[1] === 0x0db8) return 'special'; // documentation
  if (g[0] === 0x0064 && g[1] === 0xff9b) return 'special'; // NAT64
  return 'public';
}

/** The class of an IP address literal (IPv4, or IPv6 with or without brackets); undefined for a name. */
export function classifyAddress(address: string): AddressClass | undefined {
  const bare = address.startsWith('[') && address.endsWith(']') ? address.slice(1, -1) : address;
  const v4 = ipv4(bare);
  if (v4) return classifyV4(v4);
  const v6 = bare.includes(':') ? ipv6(bare) : undefined;
  return v6 ? classifyV6(v6) : undefined;
}

/** A URL's host: an address literal by its class; `localhost` and `*.localhost` are loopback (RFC 6761); any other name is 'name'. */
export function classifyHost(hostname: string): HostClass {
  const host = hostname.toLowerCase().replace(/\.$/, '');
  if (host === 'localhost' || host.endsWith('.localhost')) return 'loopback';
  return classifyAddress(host) ?? 'name';
}
