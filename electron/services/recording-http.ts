// The engine's HTTP client: node:http(s), so that the recorded request is exactly what went over
// the wire. Node adds nothing we do not record: Host, User-Agent, Content-Length and Connection
// are set here and recorded with the rest. Connections are kept alive, as browsers and fetch do. Raw response headers are kept in order, bodies are
// capped, and the timeout covers the wait for the response head and then each silence in the body.
import http from 'node:http';
import https from 'node:https';
import type { Header, HttpRequest, HttpResponse, NetworkError, NetworkErrorCode } from '../../shared/model.js';
import type { HttpClient, HttpResult } from '../../shared/flow/ports.js';

// setTimeout fires at once above this.
const MAX_TIMER_MS = 2 ** 31 - 1;

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
  if (!has('connection')) headers.push({ name: 'Connection', value: 'keep-alive' });
  return headers;
}

export function createRecordingHttpClient(): HttpClient {
  // Free sockets are unref'd by Node's agent, so an idle connection never keeps a CLI run alive.
  const agents = { 'http:': new http.Agent({ keepAlive: true }), 'https:': new https.Agent({ keepAlive: true }) };
  return {
    send(request, { timeoutMs, maxBodyBytes, signal }) {
      return new Promise<HttpResult>((resolve) => {
        const startedAt = new Date().toISOString();
        const t0 = performance.now();
        const timerMs = Math.min(timeoutMs, MAX_TIMER_MS);
        let sent: HttpRequest = request;
        let settled = false;
        let timer: ReturnType<typeof setTimeout> | undefined;
        const onAbort = () => req?.destroy(new Error('aborted by the client'));
        const settle = (result: HttpResult) => {
          if (settled) return;
          settled = true;
          clearTimeout(timer);
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
        const lib = url.protocol === 'https:' ? https : http;
        let req: http.ClientRequest | undefined;
        try {
          req = lib.request(url, {
            method: request.method,
            headers: headers.flatMap((h) => [h.name, h.value]) as unknown as http.OutgoingHttpHeaders,
            setHost: false,
            agent: agents[url.protocol as 'http:' | 'https:'],
          });
        } catch (e) {
          // Node refuses some headers and methods outright (line breaks, non-Latin-1 values, bad names).
          fail({ code: 'other', message: `the request cannot be sent: ${(e as Error).message}` });
          return;
        }
        const client = req;
        let gotResponse = false;
        timer = setTimeout(() => {
          client.destroy();
          fail({ code: 'timeout', message: `no answer from ${url.host} within ${timeoutMs} ms` });
        }, timerMs);
        signal?.addEventListener('abort', onAbort, { once: true });
        client.on('error', (error: NodeJS.ErrnoException) => {
          // After the head, the response's own close event records what arrived.
          if (gotResponse) return;
          const code = classify(error);
          fail({ code, message: describe(code, error, url, timeoutMs) });
        });
        client.on('response', (res) => {
          gotResponse = true;
          clearTimeout(timer);
          const tHead = performance.now();
          const chunks: Buffer[] = [];
          let kept = 0;
          let size = 0;
          const idle = () => {
            clearTimeout(timer);
            timer = setTimeout(() => res.destroy(), timerMs);
          };
          idle();
          const finish = () => {
            const end = performance.now();
            const responseHeaders: Header[] = [];
            for (let i = 0; i + 1 < res.rawHeaders.length; i += 2) responseHeaders.push({ name: res.rawHeaders[i]!, value: res.rawHeaders[i + 1]! });
            const response: HttpResponse = {
              status: res.statusCode ?? 0,
              statusText: res.statusMessage ?? '',
              headers: responseHeaders,
              body: Buffer.concat(chunks).toString('utf8'),
              // Cut by the cap, or cut short (aborted, reset, silent past the timeout).
              truncated: size > kept || !res.complete,
              bodySize: size,
              httpVersion: `HTTP/${res.httpVersion}`,
            };
            settle({ outcome: 'response', sent, startedAt, timings: { wait: tHead - t0, receive: end - tHead, total: end - t0 }, response });
          };
          res.on('data', (chunk: Buffer) => {
            idle();
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
        client.end(body);
      });
    },
  };
}
