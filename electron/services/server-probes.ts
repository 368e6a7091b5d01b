// Probes that need no authorization round trip: how the token endpoint answers a client it does not
// know, and how the MCP server answers a token it never issued.
import { randomBytes } from 'node:crypto';
import type { AuthorizationServerMetadata } from '../../shared/flow/context.js';
import { probeRequest } from '../../shared/flow/mcp-messages.js';
import { readJsonObject } from '../../shared/flow/responses.js';
import { oauthChallenge, parseWwwAuthenticate } from '../../shared/http/www-authenticate.js';
import { headerValue, type Revision } from '../../shared/model.js';
import type { ProbeFinding, Send } from './client-auth-probe.js';

export interface UnknownClientProbe {
  answer: string;
  exchangeId: string;
}

/** A token request from a client_id the server never issued: RFC 6749 §5.2 says invalid_client. */
export async function probeUnknownClient(as: AuthorizationServerMetadata, send: Send): Promise<{ result: UnknownClientProbe; findings: ProbeFinding[] }> {
  const form = new URLSearchParams({
    grant_type: 'authorization_code',
    code: randomBytes(32).toString('base64url'),
    redirect_uri: 'http://127.0.0.1/callback',
    code_verifier: randomBytes(32).toString('base64url'),
    client_id: `authtrace-probe-unknown-${randomBytes(8).toString('hex')}`,
  });
  const sent = await send(
    { method: 'POST', url: as.token_endpoint!, headers: [{ name: 'Content-Type', value: 'application/x-www-form-urlencoded' }, { name: 'Accept', value: 'application/json' }], body: form.toString() },
    'token',
    'probe: a token request from a client the server does not know',
  );
  const read = sent.result.outcome === 'response' ? readJsonObject(sent.result.response) : undefined;
  const error = read?.ok && typeof read.value.error === 'string' ? read.value.error : undefined;
  const status = sent.result.outcome === 'response' ? sent.result.response.status : 0;
  const answer = `${status || 'no answer'}${error ? ` ${error}` : ''}`;
  const findings: ProbeFinding[] = [];
  if (error === 'invalid_grant') {
    findings.push({
      id: 'PRB-06',
      severity: 'warning',
      message: `A client the server does not know got ${answer}, not invalid_client. MCP SDK clients register again only on invalid_client: a client whose registration the server lost keeps failing (better-auth #11035, openai/codex #29630). Server side: answer invalid_client (RFC 6749 §5.2).`,
      exchangeIds: [sent.exchangeId],
    });
  } else if (error !== 'invalid_client') {
    findings.push({ id: 'PRB-05', severity: 'info', message: `A client the server does not know got ${answer}: that does not say the client is unknown (RFC 6749 §5.2: invalid_client).`, exchangeIds: [sent.exchangeId] });
  }
  return { result: { answer, exchangeId: sent.exchangeId }, findings };
}

export interface GarbageTokenProbe {
  answer: string;
  exchangeId: string;
}

/** An MCP request with a token the server never issued: RFC 6750 §3.1 asks for 401 with error="invalid_token". */
export async function probeGarbageToken(mcpUrl: string, revision: Revision, send: Send): Promise<{ result: GarbageTokenProbe; findings: ProbeFinding[] }> {
  const request = probeRequest(mcpUrl, revision);
  request.headers.push({ name: 'Authorization', value: `Bearer ${randomBytes(24).toString('base64url')}` });
  const sent = await send(request, 'mcp', 'probe: an MCP request with a token the server never issued');
  const findings: ProbeFinding[] = [];
  if (sent.result.outcome !== 'response') {
    return { result: { answer: sent.result.error.message, exchangeId: sent.exchangeId }, findings };
  }
  const { status, headers } = sent.result.response;
  const challenge = headerValue(headers, 'www-authenticate');
  const parsed = challenge ? parseWwwAuthenticate(challenge) : undefined;
  const error = parsed?.ok ? oauthChallenge(parsed.challenges)?.params.error : undefined;
  const answer = `${status}${challenge ? ` WWW-Authenticate: ${challenge}` : ' without WWW-Authenticate'}`;
  if (status !== 401) {
    findings.push({ id: 'PRB-07', severity: 'error', message: `A token the server never issued got ${status}, not 401: ${status >= 200 && status < 300 ? 'the MCP server serves requests with any token' : 'clients cannot tell that the token is bad and authorize again'}. Server side: answer 401 with a Bearer challenge (RFC 6750 §3.1).`, exchangeIds: [sent.exchangeId] });
  } else if (!challenge) {
    findings.push({ id: 'PRB-07', severity: 'error', message: 'A token the server never issued got 401 without WWW-Authenticate, so clients cannot find where to authorize again. Server side: send the Bearer challenge with resource_metadata.', exchangeIds: [sent.exchangeId] });
  } else if (error !== 'invalid_token') {
    findings.push({ id: 'PRB-07', severity: 'info', message: `A token the server never issued got 401 with a challenge ${error ? `whose error is "${error}"` : 'without error'}; RFC 6750 §3.1 names that case error="invalid_token".`, exchangeIds: [sent.exchangeId] });
  }
  return { result: { answer, exchangeId: sent.exchangeId }, findings };
}
