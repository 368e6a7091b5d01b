// A fetch for the MCP client SDK that sends through the step runtime, so every request the SDK
// makes is recorded as an exchange exactly as it went over the wire.
import { headerValue, type ExchangeRole, type Header, type HttpRequest } from '../model.js';
import { sendWithNonce, withProof } from './dpop.js';
import type { StepRuntime } from './context.js';
import { bodyCutShort } from './responses.js';

export function recordingFetch(rt: StepRuntime, role: ExchangeRole, onResponse?: (request: HttpRequest, status: number, headers: Header[]) => void): typeof fetch {
  return async (input, init) => {
    const unsigned = await toHttpRequest(input, init);
    const signal = init?.signal ?? (input instanceof Request ? input.signal : undefined);
    const first = await proofFor(rt, unsigned);
    const { request, result } = await sendWithNonce(
      first !== unsigned ? rt.state.dpop : undefined,
      first,
      (r, again) => rt.send(r, role, again ? `${purposeOf(r)}, again with the DPoP nonce the server asked for` : purposeOf(r), signal ?? undefined),
      () => proofFor(rt, unsigned),
    );
    if (result.outcome === 'network-error') throw new TypeError(`fetch failed: ${result.error.message}`);
    const { response } = result;
    onResponse?.(request, response.status, response.headers);
    // The SDK would parse a cut 2xx body and report a JSON position; say what happened instead. A
    // GET is the SSE stream for server messages, whose end the SDK handles; an abort is the SDK's own.
    const parsed = response.status >= 200 && response.status < 300 && request.method !== 'GET' && response.incomplete?.reason !== 'aborted';
    const cut = parsed ? bodyCutShort(response) : undefined;
    if (cut) throw new TypeError(`fetch failed: ${cut}`);
    const headers = new Headers();
    for (const h of response.headers) {
      try {
        headers.append(h.name, h.value);
      } catch {
        // a header the Fetch API refuses to carry (rare); it stays in the recorded exchange
      }
    }
    const nullBody = response.status === 204 || response.status === 304 || request.method === 'HEAD';
    return new Response(nullBody ? null : response.body, { status: response.status, statusText: response.statusText, headers });
  };
}

/** A fresh DPoP proof for a request that presents a DPoP-bound token (RFC 9449 §4.2, §7.1); others go as they are. */
function proofFor(rt: StepRuntime, request: HttpRequest): Promise<HttpRequest> {
  const authorization = headerValue(request.headers, 'authorization') ?? '';
  if (!/^dpop\s/i.test(authorization) || !rt.state.dpop) return Promise.resolve(request);
  const key = rt.state.dpop;
  return withProof(request, key, authorization.replace(/^dpop\s+/i, ''));
}

async function toHttpRequest(input: string | URL | Request, init?: RequestInit): Promise<HttpRequest> {
  const url = input instanceof Request ? input.url : String(input);
  const method = init?.method ?? (input instanceof Request ? input.method : 'GET');
  const headers: Header[] = [];
  new Headers(init?.headers ?? (input instanceof Request ? input.headers : undefined)).forEach((value, name) => headers.push({ name, value }));
  let body: string | undefined;
  if (init?.body !== undefined && init.body !== null) body = typeof init.body === 'string' ? init.body : await new Response(init.body).text();
  else if (input instanceof Request && input.body) body = await input.text();
  return { method, url, headers, ...(body !== undefined && { body }) };
}

function purposeOf(request: HttpRequest): string {
  if (request.method === 'GET') return 'SSE stream for server messages';
  if (request.method === 'DELETE') return 'end of the MCP session';
  try {
    const msg = JSON.parse(request.body ?? '') as { method?: string };
    return msg.method ? `MCP ${msg.method}` : 'MCP message';
  } catch {
    return 'MCP message';
  }
}
