// The engine's HTTP client: node:http(s) so that the recorded request is exactly what went over
// the wire (no headers added behind our back beyond Host, Content-Length and Connection, which
// are recorded too), with raw response headers in order, a body cap and per-request timeouts.
import http from 'node:http';
import https from 'node:https';
import type { Header, HttpRequest, NetworkError, NetworkErrorCode } from '../../shared/model.js';
import type { HttpClient, HttpResult } from '../../shared/flow/ports.js';

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
    default:
      return /SSL|TLS|CERT/i.test(error.code ?? error.message) ? 'tls' : 'other';
  }
}

function describe(code: NetworkErrorCode, error: Error, url: URL, timeoutMs: number): string {
  switch (code) {
    case 'connection-refused':
      return `connection refused by ${url.host}`;
    case 'dns':
      return `the host name ${url.hostname} could not be resolved`;
    case 'timeout':
      return `no answer within ${timeoutMs} ms`;
    case 'reset':
      return `the connection to ${url.host} was reset`;
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
  if (!has('connection')) headers.push({ name: 'Connection', value: 'close' });
  return headers;
}

export function createRecordingHttpClient(): HttpClient {
  return {
    send(request, { timeoutMs, maxBodyBytes, signal }) {
      return new Promise<HttpResult>((resolve) => {
        const startedAt = new Date().toISOString();
        const t0 = performance.now();
        let url: URL;
        let sent: HttpRequest = request;
        const fail = (error: NetworkError): void => {
          const total = performance.now() - t0;
          resolve({ outcome: 'network-error', sent, error, startedAt, timings: { wait: total, receive: 0, total } });
        };
        try {
          url = new URL(request.url);
          if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error(`unsupported scheme ${url.protocol}`);
        } catch (e) {
          fail({ code: 'invalid-url', message: `not a valid http(s) URL: ${request.url} (${(e as Error).message})` });
          return;
        }
        const body = request.body === undefined ? undefined : Buffer.from(request.body, 'utf8');
        const headers = wireHeaders(request, url, body?.length);
        sent = { ...request, headers };
        const lib = url.protocol === 'https:' ? https : http;
        const req = lib.request(url, {
          method: request.method,
          headers: headers.flatMap((h) => [h.name, h.value]) as unknown as http.OutgoingHttpHeaders,
          setHost: false,
          // One connection per exchange, as the recorded Connection: close says.
          agent: false,
        });
        let settled = false;
        const timer = setTimeout(() => {
          if (settled) return;
          settled = true;
          req.destroy();
          fail({ code: 'timeout', message: `no answer from ${url.host} within ${timeoutMs} ms` });
        }, timeoutMs);
        const onAbort = () => req.destroy(new Error('aborted by the client'));
        signal?.addEventListener('abort', onAbort, { once: true });
        req.on('error', (error: NodeJS.ErrnoException) => {
          if (settled) return;
          settled = true;
          clearTimeout(timer);
          const code = classify(error);
          fail({ code, message: describe(code, error, url, timeoutMs) });
        });
        req.on('response', (res) => {
          const tHead = performance.now();
          const chunks: Buffer[] = [];
          let kept = 0;
          let size = 0;
          const finish = () => {
            if (settled) return;
            settled = true;
            clearTimeout(timer);
            signal?.removeEventListener('abort', onAbort);
            const end = performance.now();
            const responseHeaders: Header[] = [];
            for (let i = 0; i + 1 < res.rawHeaders.length; i += 2) responseHeaders.push({ name: res.rawHeaders[i]!, value: res.rawHeaders[i + 1]! });
            resolve({
              outcome: 'response',
              sent,
              startedAt,
              timings: { wait: tHead - t0, receive: end - tHead, total: end - t0 },
              response: {
                status: res.statusCode ?? 0,
                statusText: res.statusMessage ?? '',
                headers: responseHeaders,
                body: Buffer.concat(chunks).toString('utf8'),
                truncated: size > kept,
                bodySize: size,
                httpVersion: `HTTP/${res.httpVersion}`,
              },
            });
          };
          res.on('data', (chunk: Buffer) => {
            size += chunk.length;
            if (kept < maxBodyBytes) {
              const part = chunk.subarray(0, maxBodyBytes - kept);
              chunks.push(part);
              kept += part.length;
            }
          });
          res.on('end', finish);
          res.on('close', finish);
          res.on('error', finish);
        });
        req.end(body);
      });
    },
  };
}
