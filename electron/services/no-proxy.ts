// NO_PROXY as curl reads it: a list of host names (each matching itself and its subdomains, with
// or without a leading dot), IP addresses or CIDR ranges, and `*` for every host. Two additions
// of other clients are accepted: `host:port` (that port only) and a leading `*.`. Names and
// addresses are compared as written: `localhost` does not cover 127.0.0.1, nor the reverse.
import net from 'node:net';

export type NoProxyMatcher = (hostname: string, port: number) => boolean;

type Entry =
  | { kind: 'all' }
  | { kind: 'domain'; domain: string; port?: number }
  | { kind: 'address'; block: net.BlockList; port?: number };

/** The host of a URL without IPv6 brackets or a trailing dot, lower case. */
function bareHost(hostname: string): string {
  const host = hostname.startsWith('[') && hostname.endsWith(']') ? hostname.slice(1, -1) : hostname;
  return host.replace(/\.$/, '').toLowerCase();
}

function family(address: string): 'ipv4' | 'ipv6' | undefined {
  const version = net.isIP(address);
  return version === 4 ? 'ipv4' : version === 6 ? 'ipv6' : undefined;
}

function addressEntry(text: string, port: number | undefined): Entry | undefined {
  const [address = '', bits, ...rest] = text.split('/');
  const type = family(address);
  if (!type || rest.length > 0) return undefined;
  const block = new net.BlockList();
  if (bits === undefined) {
    block.addAddress(address, type);
  } else {
    const prefix = /^\d{1,3}$/.test(bits) ? Number(bits) : NaN;
    if (!(prefix <= (type === 'ipv4' ? 32 : 128))) return undefined;
    block.addSubnet(address, prefix, type);
  }
  return { kind: 'address', block, ...(port !== undefined && { port }) };
}

function parseEntry(raw: string): Entry | undefined {
  const text = raw.toLowerCase();
  if (text === '*') return { kind: 'all' };
  const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(text);
  if (bracketed) return addressEntry(bracketed[1]!, bracketed[2] === undefined ? undefined : Number(bracketed[2]));
  const address = addressEntry(text, undefined);
  if (address) return address;
  const withPort = /^([^:]+):(\d+)$/.exec(text);
  const host = withPort ? withPort[1]! : text;
  const port = withPort ? Number(withPort[2]) : undefined;
  const portEntry = addressEntry(host, port);
  if (portEntry) return portEntry;
  const domain = host.replace(/^\*?\./, '').replace(/\.$/, '');
  if (!domain || domain.includes(':') || domain.includes('/')) return undefined;
  return { kind: 'domain', domain, ...(port !== undefined && { port }) };
}

function matches(entry: Entry, host: string, port: number): boolean {
  if (entry.kind === 'all') return true;
  if (entry.port !== undefined && entry.port !== port) return false;
  if (entry.kind === 'domain') return host === entry.domain || host.endsWith(`.${entry.domain}`);
  const type = family(host);
  return type !== undefined && entry.block.check(host, type);
}

/** Reads a NO_PROXY list (commas or blanks between entries); entries it cannot read match nothing. */
export function noProxyMatcher(list: string | undefined): NoProxyMatcher {
  const entries = (list ?? '')
    .split(/[\s,]+/)
    .filter(Boolean)
    .map(parseEntry)
    .filter((e): e is Entry => e !== undefined);
  return (hostname, port) => {
    const host = bareHost(hostname);
    return entries.some((entry) => matches(entry, host, port));
  };
}
