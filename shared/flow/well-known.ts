// Tries well-known URLs in order until one serves a JSON object, recording every attempt.
import type { ExchangeRole, HttpRequest } from '../model.js';
import type { StepRuntime } from './context.js';
import { isRedirect, readJsonObject, statusLine } from './responses.js';

export const getJson = (url: string): HttpRequest => ({ method: 'GET', url, headers: [{ name: 'Accept', value: 'application/json' }] });

export type WellKnownResult =
  | { found: true; doc: Record<string, unknown>; url: string }
  /** `onlyNotFound`: every URL answered 404, i.e. the document does not exist (rather than being broken). */
  | { found: false; tried: string[]; onlyNotFound: boolean };

/** `first` is the prepared (maybe edited) request for candidates[0]; the rest follow as built. */
export async function fetchFirstJson(rt: StepRuntime, first: HttpRequest, candidates: { url: string; purpose: string }[], role: ExchangeRole): Promise<WellKnownResult> {
  const tried: string[] = [];
  let onlyNotFound = true;
  let next: HttpRequest | undefined = first;
  for (let index = 0; next; next = candidates[++index] ? getJson(candidates[index]!.url) : undefined) {
    const result = await rt.send(next, role, candidates[index]?.purpose ?? 'edited request');
    if (result.outcome === 'network-error' || result.response.status !== 404) onlyNotFound = false;
    if (result.outcome === 'network-error') tried.push(`${next.url}: ${result.error.message}`);
    // RFC 8414 §3.2 / RFC 9728 §3.2: metadata is served directly; a redirect is not followed.
    else if (isRedirect(result.response.status)) tried.push(`${next.url}: ${statusLine(result.response)} redirect (not followed)`);
    else if (result.response.status !== 200) tried.push(`${next.url}: ${statusLine(result.response)}`);
    else {
      const json = readJsonObject(result.response);
      if (json.ok) return { found: true, doc: json.value, url: next.url };
      tried.push(`${next.url}: ${json.reason}`);
    }
  }
  return { found: false, tried, onlyNotFound };
}
