// Reading a token endpoint's answer to a request with a bogus code: client authentication passed
// when the server complains about the grant (invalid_grant), failed when it complains about the
// client (invalid_client). Anything else does not say which (RFC 6749 §5.2).
export type Acceptance = { verdict: 'accepted' | 'refused' | 'unreadable'; error?: string; why: string };

export function readAcceptance(status: number, body: string): Acceptance {
  let error: string | undefined;
  try {
    const parsed = JSON.parse(body) as { error?: unknown };
    if (typeof parsed.error === 'string') error = parsed.error;
  } catch {
    error = undefined;
  }
  // RFC 6749 §5.2: errors are 400 (or 401). A 2xx carrying one reads as success to every client.
  if (status >= 200 && status < 300 && error) return { verdict: 'unreadable', error, why: `${status} with error "${error}" in the body: clients take a 2xx for success (RFC 6749 §5.2 answers errors with 400)` };
  if (error === 'invalid_grant') return { verdict: 'accepted', error, why: 'client authentication passed; then the bogus code was refused (invalid_grant)' };
  if (error === 'invalid_client' || status === 401) return { verdict: 'refused', ...(error && { error }), why: `client authentication failed (${error ?? status})` };
  if (status >= 200 && status < 300) return { verdict: 'unreadable', why: `${status} to a bogus code: the server issued tokens for a code it never gave out` };
  return { verdict: 'unreadable', ...(error && { error }), why: `${status}${error ? ` ${error}` : ''} does not say whether client authentication passed` };
}
