// The engine's HTTP client: node:http(s), so that the recorded request is exactly what went over
// the wire to the origin. Node adds nothing we do not record: Host, User-Agent, Content-Length
// and Connection are set here and recorded with the rest. What only a proxy sees (the CONNECT,
// Proxy-Authorization) is not part of the request to the origin and is not recorded.
// Connections are kept alive, as browsers and fetch do. Raw response headers are kept in order,
// bodies are capped; the timeout covers the wait for the response head and then each silence in
// the body, and the deadline the whole request.
import http from 'node:http';
import https from 'node:https';
import { requestDeadline, type Header, type HttpRequest, type NetworkError, type NetworkErrorCode } from '../../shared/model.js';
import type { HttpClient, HttpResult } from '../../shared/flow/ports.js';
import { MAX_TIMER_MS, readResponse, type ResponseReader } from './response-reader.js';
import { createTransport, type TransportOptions } from './transport.js';
import { judgeLiteral, policyLookup } from './network-guard.js';

export type RecordingHttpOptions = TransportOptions;

export interface RecordingHttpClient extends HttpClient {
  /** How a request to url would travel: "direct", "via proxy http://proxy:3128", "…, extra CA from ca.pem". */
  describeTransport(url: string): string;
}

function classify(error: NodeJS.ErrnoException): NetworkErrorCode {
  switch (error.code) {
    case 'ECONNREFUSED':
      return 'connection-refused';
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return 'dns';
    case 'ECONNRESET':
    case 'EPIPE':
      return 'reset';
    case 'ETIMEDOUT':
      return 'timeout';
    case 'ENETPOLICY':
      // A `lookup` enforcing the network policy refused the address (electron/services/network-guard.ts).
      return 'blocked';
    default:
      // OpenSSL's verification codes (UNABLE_TO_VERIFY_LEAF_SIGNATURE, SELF_SIGNED_CERT_IN_CHAIN…) and Node's ERR_TLS_*, ERR_SSL_*.
      return /SSL|TLS|CERT|^UNABLE_TO_|SIGNATURE|^INVALID_(CA|PURPOSE)$|^PATH_LENGTH_EXCEEDED$/i.test(error.code ?? error.message) ? 'tls' : 'other';
  }
}

/** `via`: the proxy the request went through, which is then the host connected to and resolved. */
function describe(code: NetworkErrorCode, error: Error, url: URL, timeoutMs: number, via: string | undefined): string {
  switch (code) {
    case 'connection-refused':
      return via ? `connection refused by the proxy ${via}` : `connection refused by ${url.host}`;
    case 'dns':
      return via ? `the proxy host name in ${via} could not be resolved` : `the host name ${url.hostname} could not be resolved`;
    case 'timeout':
      return error.name === 'ProxyTunnelError' ? error.message : `no answer within ${timeoutMs} ms`;
    case 'reset':
      return error.name === 'ProxyTunnelError' ? error.message : `the connection to ${url.host}${via ? ` through the proxy ${via}` : ''} was reset`;
    case 'tls':
      return `TLS error with ${url.host}: ${error.message}`;
    default:
      return error.message;
  }
}

/** Adds the headers Node would add anyway, so the recorded request equals the sent one. */
export function wireHeaders(request: HttpRequest, url: URL, bodyBytes: number | undefined): Header[] {
  const headers = [...request.headers];
  const has = (name: string) => headers.some((h) => h.name.toLowerCase() === name);
  if (!has('host')) headers.unshift({ name: 'Host', value: url.host });
  if (!has('user-agent')) headers.push({ name: 'User-Agent', value: 'authtrace/0.1' });
  if (bodyBytes !== undefined && !has('content-length')) headers.push({ name: 'Content-Length', value: String(bodyBytes) });
  if (!has('connection')) headers.push({ name: 'Connection', value: 'keep-alive' });
  return headers;
}

/**
 * Proxies come from HTTPS_PROXY, HTTP_PROXY and NO_PROXY of `env` (default process.env) unless
 * `proxy` says otherwise. Throws a CaFileError when `caFile` cannot be read or holds no certificate.
 */
export function createRecordingHttpClient(options: RecordingHttpOptions = {}): RecordingHttpClient {
  const transport = createTransport(options);
  return {
    describeTransport: (url) => transport.describe(url),
    async send(request, { timeoutMs, maxBodyBytes, signal, deadlineMs = requestDeadline({ timeoutMs }), policy }) {
      // An address literal (or localhost) is judged before anything is sent; a name, on what it resolves to (below).
      const refused = policy && URL.canParse(request.url) ? await judgeLiteral(policy, new URL(request.url)) : undefined;
      if (refused && !refused.ok) {
        return { outcome: 'network-error', sent: request, error: { code: 'blocked', message: refused.message }, startedAt: new Date().toISOString(), timings: { wait: 0, receive: 0, total: 0 } };
      }
      return new Promise<HttpResult>((resolve) => {
        const startedAt = new Date().toISOString();
        const t0 = performance.now();
        let sent: HttpRequest = request;
        let settled = false;
        const timers: ReturnType<typeof setTimeout>[] = [];
        let reader: ResponseReader | undefined;
        let req: http.ClientRequest | undefined;
        const onAbort = () => {
          if (reader) reader.cut({ reason: 'aborted' });
          else req?.destroy(new Error('aborted by the client'));
        };
        const settle = (result: HttpResult) => {
          if (settled) return;
          settled = true;
          timers.forEach(clearTimeout);
          signal?.removeEventListener('abort', onAbort);
          resolve(result);
        };
        const fail = (error: NetworkError) => {
          const total = performance.now() - t0;
          settle({ outcome: 'network-error', sent, error, startedAt, timings: { wait: total, receive: 0, total } });
        };

        let url: URL;
        try {
          url = new URL(request.url);
          if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error(`unsupported scheme ${url.protocol}`);
        } catch (e) {
          fail({ code: 'invalid-url', message: `not a valid http(s) URL: ${request.url} (${(e as Error).message})` });
          return;
        }
        if (signal?.aborted) {
          fail({ code: 'other', message: 'aborted by the client before it was sent' });
          return;
        }
        const body = request.body === undefined ? undefined : Buffer.from(request.body, 'utf8');
        const headers = wireHeaders(request, url, body?.length);
        sent = { ...request, headers };
        const route = transport.route(url, timeoutMs);
        if ('error' in route) {
          fail({ code: 'other', message: `the request cannot be sent: ${route.error}` });
          return;
        }
        const lib = route.options.protocol === 'https:' ? https : http;
        try {
          req = lib.request({
            ...route.options,
            ...(policy && !route.via && { lookup: policyLookup(policy, url) }),
            method: request.method,
            headers: [...headers.flatMap((h) => [h.name, h.value]), ...route.proxyHeaders.flat()] as unknown as http.OutgoingHttpHeaders,
            setHost: false,
          });
        } catch (e) {
          // Node refuses some headers and methods outright (line breaks, non-Latin-1 values, bad names).
          fail({ code: 'other', message: `the request cannot be sent: ${(e as Error).message}` });
          return;
        }
        const client = req;
        const via = route.via;
        const from = `${url.host}${via ? ` through the proxy ${via}` : ''}`;
        const headTimer = setTimeout(() => {
          client.destroy();
          fail({ code: 'timeout', message: `no answer from ${from} within ${timeoutMs} ms` });
        }, Math.min(timeoutMs, MAX_TIMER_MS));
        const deadlineTimer = setTimeout(() => {
          if (reader) return reader.cut({ reason: 'deadline', afterMs: deadlineMs });
          client.destroy();
          fail({ code: 'timeout', message: `no answer from ${from} within the deadline of ${deadlineMs} ms` });
        }, Math.min(deadlineMs, MAX_TIMER_MS));
        timers.push(headTimer, deadlineTimer);
        signal?.addEventListener('abort', onAbort, { once: true });
        client.on('error', (error: NodeJS.ErrnoException) => {
          // After the head, the reader records what arrived.
          if (reader) return;
          const code = classify(error);
          fail({ code, message: describe(code, error, url, timeoutMs, via) });
        });
        client.on('response', (res) => {
          clearTimeout(headTimer);
          const tHead = performance.now();
          reader = readResponse(res, { maxBodyBytes, idleMs: timeoutMs });
          void reader.done.then(({ response, endedAt }) =>
            settle({ outcome: 'response', sent, startedAt, timings: { wait: tHead - t0, receive: endedAt - tHead, total: endedAt - t0 }, response }),
          );
        });
        client.end(body);
      });
    },
  };
}
