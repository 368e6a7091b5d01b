// How a request reaches its origin: directly, through an http proxy (absolute-form request line
// for http, a CONNECT tunnel for https), trusting Node's roots plus an optional CA file. One
// keep-alive agent per route; free sockets are unref'd by Node's agent, so an idle connection
// never keeps a CLI run alive.
import http from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import { TunnelAgent, type TunnelRequestOptions } from './connect-tunnel.js';
import { proxySettings, type ProxyEndpoint, type ProxyOptions, type ProxyRoute } from './proxy.js';
import { trustWithCaFile } from './tls-trust.js';

export interface TransportOptions extends ProxyOptions {
  /** A PEM bundle trusted by https requests in addition to Node's default roots. */
  caFile?: string;
  /** Resolves host names for direct connections (net's `lookup`); a proxy resolves the names it is asked for. */
  lookup?: LookupFunction;
}

export interface Route {
  /** For http.request / https.request; headers are the caller's. */
  options: TunnelRequestOptions;
  /** Headers for the proxy alone: sent, not part of the request to the origin. */
  proxyHeaders: [string, string][];
  /** The proxy the request goes through, for messages. */
  via?: string;
}

export interface Transport {
  /** How to send a request to url, or why it cannot be sent. */
  route(url: URL, timeoutMs: number): Route | { error: string };
  /** "direct", "via proxy http://proxy:3128", "…, extra CA from ca.pem": for the session to show. */
  describe(url: string): string;
}

function describeRoute(route: ProxyRoute): string {
  switch (route.kind) {
    case 'direct':
      return route.bypassed ? 'direct (NO_PROXY)' : 'direct';
    case 'proxy':
      return `via proxy ${route.proxy.display}`;
    case 'unusable':
      return `no usable proxy: ${route.message}`;
  }
}

function describeTrust(caFile: string | undefined): string | undefined {
  const nodeExtra = process.env.NODE_EXTRA_CA_CERTS;
  const files = [caFile, nodeExtra && `${nodeExtra} (NODE_EXTRA_CA_CERTS)`].filter(Boolean);
  return files.length > 0 ? `extra CA from ${files.join(' and ')}` : undefined;
}

/** The description of the transport for url that a client created with these options uses; reads no file. */
export function describeTransport(url: string, options: TransportOptions = {}): string {
  return describeWith(proxySettings(options).route, options.caFile)(url);
}

function describeWith(route: (url: URL) => ProxyRoute, caFile: string | undefined): (url: string) => string {
  return (text) => {
    let url: URL;
    try {
      url = new URL(text);
    } catch {
      return 'not a URL';
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return `not an http(s) URL`;
    const trust = url.protocol === 'https:' ? describeTrust(caFile) : undefined;
    return [describeRoute(route(url)), trust].filter(Boolean).join(', ');
  };
}

/** The host to connect to: an IPv6 literal without its brackets. */
function connectHost(url: URL): string {
  return url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname;
}

function originForm(url: URL): string {
  return `${url.pathname}${url.search}`;
}

/** The request target a proxy needs: the whole URL, without credentials or fragment. */
function absoluteForm(url: URL): string {
  return `${url.protocol}//${url.host}${url.pathname}${url.search}`;
}

/** Throws a CaFileError when caFile cannot be read or holds no certificate. */
export function createTransport(options: TransportOptions = {}): Transport {
  const settings = proxySettings(options);
  const ca = options.caFile === undefined ? undefined : trustWithCaFile(options.caFile);
  const tls = { keepAlive: true, ...(ca && { ca }) };
  const direct = { 'http:': new http.Agent({ keepAlive: true }), 'https:': new https.Agent(tls) };
  const viaProxy = new Map<string, { 'http:': http.Agent; 'https:': TunnelAgent }>();
  const proxyAgents = (proxy: ProxyEndpoint) => {
    const key = `${proxy.display} ${proxy.authorization ?? ''}`;
    let agents = viaProxy.get(key);
    if (!agents) {
      agents = { 'http:': new http.Agent({ keepAlive: true }), 'https:': new TunnelAgent(proxy, tls) };
      viaProxy.set(key, agents);
    }
    return agents;
  };

  return {
    route(url, timeoutMs) {
      const scheme = url.protocol as 'http:' | 'https:';
      const port = url.port || (scheme === 'https:' ? 443 : 80);
      const chosen = settings.route(url);
      if (chosen.kind === 'unusable') return { error: chosen.message };
      if (chosen.kind === 'direct') {
        return {
          options: { protocol: scheme, host: connectHost(url), port, path: originForm(url), agent: direct[scheme], ...(options.lookup && { lookup: options.lookup }) },
          proxyHeaders: [],
        };
      }
      const { proxy } = chosen;
      const agents = proxyAgents(proxy);
      if (scheme === 'https:') {
        // The proxy sees only the CONNECT, which carries the credentials; the request goes inside the tunnel.
        return {
          options: { protocol: scheme, host: connectHost(url), port, path: originForm(url), agent: agents['https:'], tunnelTimeoutMs: timeoutMs },
          proxyHeaders: [],
          via: proxy.display,
        };
      }
      return {
        options: { protocol: 'http:', host: proxy.host, port: proxy.port, path: absoluteForm(url), agent: agents['http:'] },
        proxyHeaders: proxy.authorization ? [['Proxy-Authorization', proxy.authorization]] : [],
        via: proxy.display,
      };
    },
    describe: describeWith(settings.route, options.caFile),
  };
}
