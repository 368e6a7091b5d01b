// https through an http proxy: a CONNECT tunnel (RFC 9110 §9.3.6), then TLS with the origin inside
// it. The agent keeps tunnels alive and reuses them per origin, as it does direct connections.
import https from 'node:https';
import net from 'node:net';
import type { Duplex } from 'node:stream';
import type tls from 'node:tls';
import type { ProxyEndpoint } from './proxy.js';

/** The proxy's answer head is small; more than this before the blank line is not a proxy. */
const MAX_HEAD_BYTES = 16 * 1024;

export class ProxyTunnelError extends Error {
  constructor(
    message: string,
    readonly code: string,
  ) {
    super(message);
    this.name = 'ProxyTunnelError';
  }
}

function authority(host: string, port: number): string {
  return `${net.isIPv6(host) ? `[${host}]` : host}:${port}`;
}

/** Opens a TCP connection to the proxy and asks it for a tunnel to host:port; resolves with the socket once the proxy answers 2xx. */
export function openTunnel(proxy: ProxyEndpoint, host: string, port: number, timeoutMs: number): Promise<net.Socket> {
  const target = authority(host, port);
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host: proxy.host, port: proxy.port });
    let head = Buffer.alloc(0);
    const detach = () => socket.off('readable', onReadable).off('error', onError).off('close', onClose).off('timeout', onTimeout).setTimeout(0);
    const fail = (error: Error) => {
      detach();
      socket.destroy();
      reject(error);
    };
    const onError = (error: NodeJS.ErrnoException) => fail(error);
    const onClose = () => fail(new ProxyTunnelError(`the proxy ${proxy.display} closed the connection before answering the CONNECT to ${target}`, 'ECONNRESET'));
    const onTimeout = () => fail(new ProxyTunnelError(`the proxy ${proxy.display} did not open the tunnel to ${target} within ${timeoutMs} ms`, 'ETIMEDOUT'));
    // Paused mode: nothing is read past the answer, so TLS starts on a clean stream.
    function onReadable() {
      for (let chunk: Buffer | null; (chunk = socket.read() as Buffer | null) !== null; ) head = Buffer.concat([head, chunk]);
      const end = head.indexOf('\r\n\r\n');
      if (end < 0) {
        if (head.length > MAX_HEAD_BYTES) fail(new ProxyTunnelError(`the proxy ${proxy.display} sent no valid answer to the CONNECT to ${target}`, 'EPROXYTUNNEL'));
        return;
      }
      const statusLine = head.subarray(0, head.indexOf('\r\n')).toString('latin1');
      const status = /^HTTP\/1\.[01] (\d{3})(?: (.*))?$/.exec(statusLine);
      if (!status) return fail(new ProxyTunnelError(`the proxy ${proxy.display} answered the CONNECT to ${target} with "${statusLine.slice(0, 100)}"`, 'EPROXYTUNNEL'));
      if (!status[1]!.startsWith('2')) {
        const reason = status[2] ? ` ${status[2]}` : '';
        return fail(new ProxyTunnelError(`the proxy ${proxy.display} refused the tunnel to ${target}: ${status[1]}${reason}`, 'EPROXYTUNNEL'));
      }
      // The server speaks only after the TLS client hello: bytes here would not be the server's.
      if (head.length > end + 4) return fail(new ProxyTunnelError(`the proxy ${proxy.display} sent data into the tunnel to ${target} before TLS began`, 'EPROXYTUNNEL'));
      detach();
      resolve(socket);
    }
    socket.setTimeout(timeoutMs);
    socket.on('readable', onReadable).on('error', onError).on('close', onClose).on('timeout', onTimeout);
    socket.once('connect', () => {
      const lines = [`CONNECT ${target} HTTP/1.1`, `Host: ${target}`];
      if (proxy.authorization) lines.push(`Proxy-Authorization: ${proxy.authorization}`);
      socket.write(`${lines.join('\r\n')}\r\n\r\n`);
    });
  });
}

/** Request options this agent reads besides Node's: how long the proxy may take to open a tunnel. */
export interface TunnelRequestOptions extends https.RequestOptions {
  tunnelTimeoutMs?: number;
}

/** An https agent whose connections are TLS inside a CONNECT tunnel through one proxy. */
export class TunnelAgent extends https.Agent {
  constructor(
    private readonly proxy: ProxyEndpoint,
    options: https.AgentOptions,
  ) {
    super(options);
  }

  override createConnection(options: TunnelRequestOptions, callback?: (err: Error | null, stream: Duplex) => void): Duplex | null | undefined {
    const host = options.host ?? 'localhost';
    const port = Number(options.port ?? 443);
    openTunnel(this.proxy, host, port, options.tunnelTimeoutMs ?? 30_000).then(
      (socket) => {
        const overTunnel: tls.ConnectionOptions = { socket };
        let secure: Duplex;
        try {
          secure = super.createConnection({ ...options, ...overTunnel }) as Duplex;
        } catch (error) {
          socket.destroy();
          return callback?.(error as Error, undefined as unknown as Duplex);
        }
        callback?.(null, secure);
      },
      (error: Error) => callback?.(error, undefined as unknown as Duplex),
    );
    return undefined;
  }
}
