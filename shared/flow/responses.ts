// Turns recorded results into the values a step needs, or into a StepFailure that says
// which URL answered what, and what was expected.
import { headerValue, MAX_BODY_BYTES, type Exchange, type NetworkError } from '../model.js';
import { networkErrorCode } from '../errors/step.js';
import { PRIVATE_TARGET_HINT } from '../net/policy.js';
import { StepFailure } from './context.js';
import type { HttpResult } from './ports.js';

type Response = Extract<HttpResult, { outcome: 'response' }>['response'];

export function describeNetworkError(url: string, error: NetworkError): StepFailure {
  const hints: Record<NetworkError['code'], string> = {
    'connection-refused': 'Nothing is listening there: check the host and port, and that the server is running.',
    dns: 'The host name does not resolve: check the spelling, or your network and DNS.',
    timeout: 'The server did not answer in time: check that it is up, or raise --timeout.',
    tls: 'The TLS handshake failed: check the certificate and the https URL.',
    reset: 'The server closed the connection: check its logs.',
    'invalid-url': 'Check the URL.',
    blocked: PRIVATE_TARGET_HINT,
    other: 'Check the URL and the server.',
  };
  return new StepFailure(networkErrorCode(error.code), `${url}: ${error.message}`, hints[error.code]);
}

export function requireResponse(result: HttpResult, url: string): Response {
  if (result.outcome === 'network-error') throw describeNetworkError(url, result.error);
  return result.response;
}

export type JsonRead =
  | { ok: true; value: Record<string, unknown> }
  | { ok: false; reason: string };

function megabytes(bytes: number): string {
  const mb = bytes / (1024 * 1024);
  return Number.isInteger(mb) ? `${mb} MB` : `${bytes} bytes`;
}

/** Why a recorded body is not the whole body, in words; undefined when it is whole. */
export function bodyCutShort(response: Response): string | undefined {
  const cut = response.incomplete;
  const n = response.bodySize;
  // Past the cap, the cap is the reason, whatever ended the body afterwards.
  if (response.truncated && n > MAX_BODY_BYTES) return `the body was cut short (over the cap of ${megabytes(MAX_BODY_BYTES)}: ${n} bytes received)`;
  if (!cut) return response.truncated ? `the body was cut short (${n} bytes received)` : undefined;
  switch (cut.reason) {
    case 'closed':
      return `the body was cut short (the server closed the connection after ${n} bytes)`;
    case 'timeout':
      return `the body was cut short (no more data within ${cut.afterMs === undefined ? 'the timeout' : `${cut.afterMs} ms`}, after ${n} bytes)`;
    case 'deadline':
      return `the body was cut short (still arriving at the deadline${cut.afterMs === undefined ? '' : ` of ${cut.afterMs} ms`}, after ${n} bytes)`;
    case 'aborted':
      return `the body was cut short (the request was aborted after ${n} bytes)`;
  }
}

/** Reads a JSON object body, saying precisely what was wrong otherwise. */
export function readJsonObject(response: Response): JsonRead {
  const cut = bodyCutShort(response);
  if (cut) return { ok: false, reason: cut };
  const type = headerValue(response.headers, 'content-type') ?? '';
  const text = response.body.trim();
  if (!text) return { ok: false, reason: 'the body is empty' };
  if (/text\/html/i.test(type) || text.startsWith('<')) return { ok: false, reason: `it answered with HTML (${type || 'no content type'}), not JSON` };
  try {
    const value: unknown = JSON.parse(text);
    if (value === null || typeof value !== 'object' || Array.isArray(value)) return { ok: false, reason: 'the JSON is not an object' };
    return { ok: true, value: value as Record<string, unknown> };
  } catch (e) {
    return { ok: false, reason: `the body is not JSON (${(e as Error).message})` };
  }
}

export function isRedirect(status: number): boolean {
  return status >= 300 && status < 400;
}

/** "error: description" from an OAuth error body, when there is one. */
export function oauthError(response: Response): string | undefined {
  const json = readJsonObject(response);
  if (!json.ok) return undefined;
  const { error, error_description: description } = json.value;
  if (typeof error !== 'string') return undefined;
  return typeof description === 'string' ? `${error}: ${description}` : error;
}

export function statusLine(response: Response): string {
  return `${response.status}${response.statusText ? ` ${response.statusText}` : ''}`;
}

/** The exchange a sent request leaves in a session: what came back and when, or the network error. */
export function sentExchange(base: Omit<Exchange, 'outcome' | 'startedAt' | 'request'>, result: HttpResult): Exchange {
  const sent = { ...base, startedAt: result.startedAt, request: result.sent };
  return result.outcome === 'response'
    ? { ...sent, outcome: 'response', response: result.response, timings: result.timings }
    : { ...sent, outcome: 'network-error', error: result.error, timings: result.timings };
}
