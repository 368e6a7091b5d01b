// Which proxy, if any, a request goes through. The environment is read as curl reads it:
// https_proxy or HTTPS_PROXY for https URLs, http_proxy or HTTP_PROXY for http URLs (the lower
// case name first; curl ignores HTTP_PROXY, a guard for CGI programs that Authtrace is not),
// no_proxy or NO_PROXY for the hosts to reach directly. Loopback is proxied like any other host
// unless NO_PROXY names it, as curl does. The environment is read once, when the client is made.
import { noProxyMatcher, type NoProxyMatcher } from './no-proxy.js';

export interface ProxyEndpoint {
  /** Host and port to connect to (an IPv6 host without brackets). */
  host: string;
  port: number;
  /** `Basic …` from the credentials in the proxy URL, sent as Proxy-Authorization. */
  authorization?: string;
  /** The proxy URL without its credentials, for messages: `http://proxy:3128`. */
  display: string;
}

export type ProxyRoute =
  | { kind: 'direct'; bypassed: boolean }
  | { kind: 'proxy'; proxy: ProxyEndpoint }
  | { kind: 'unusable'; message: string };

export interface ProxyOptions {
  /** The environment to read; default process.env. */
  env?: NodeJS.ProcessEnv;
  /** A proxy URL for http and https alike, instead of the environment's; null: never a proxy. NO_PROXY still applies. */
  proxy?: string | null;
}

export interface ProxySettings {
  route(url: URL): ProxyRoute;
}

type Parsed = { ok: true; proxy: ProxyEndpoint } | { ok: false; message: string };

function firstSet(env: NodeJS.ProcessEnv, names: string[]): { name: string; value: string } | undefined {
  for (const name of names) {
    const value = env[name]?.trim();
    if (value) return { name, value };
  }
  return undefined;
}

function basic(url: URL): string | undefined {
  if (!url.username && !url.password) return undefined;
  const credentials = `${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}`;
  return `Basic ${Buffer.from(credentials, 'utf8').toString('base64')}`;
}

/** Reads a proxy URL; one without a scheme is http, as curl takes it. Messages never repeat credentials. */
export function parseProxyUrl(value: string, source: string): Parsed {
  const text = /^[a-z][a-z0-9+.-]*:\/\//i.test(value) ? value : `http://${value}`;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return { ok: false, message: `${source} is not a valid proxy URL` };
  }
  if (url.protocol !== 'http:') return { ok: false, message: `${source} names a ${url.protocol.slice(0, -1)} proxy: only http:// proxies are supported` };
  if (!url.hostname) return { ok: false, message: `${source} names no proxy host` };
  const host = url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname;
  const authorization = basic(url);
  return { ok: true, proxy: { host, port: Number(url.port || 80), ...(authorization && { authorization }), display: `http://${url.host}` } };
}

function defaultPort(url: URL): number {
  return Number(url.port || (url.protocol === 'https:' ? 443 : 80));
}

export function proxySettings({ env = process.env, proxy }: ProxyOptions = {}): ProxySettings {
  const bypass: NoProxyMatcher = noProxyMatcher(firstSet(env, ['no_proxy', 'NO_PROXY'])?.value);
  const fromOption = typeof proxy === 'string' ? parseProxyUrl(proxy, 'the proxy option') : undefined;
  const fromEnv = (scheme: 'http' | 'https'): Parsed | undefined => {
    const found = firstSet(env, [`${scheme}_proxy`, `${scheme.toUpperCase()}_PROXY`]);
    return found && parseProxyUrl(found.value, found.name);
  };
  const perScheme = { 'http:': fromEnv('http'), 'https:': fromEnv('https') };
  return {
    route(url) {
      const chosen = proxy === null ? undefined : (fromOption ?? perScheme[url.protocol as 'http:' | 'https:']);
      if (!chosen) return { kind: 'direct', bypassed: false };
      if (bypass(url.hostname, defaultPort(url))) return { kind: 'direct', bypassed: true };
      return chosen.ok ? { kind: 'proxy', proxy: chosen.proxy } : { kind: 'unusable', message: chosen.message };
    },
  };
}
