// DCR hygiene: registrations a server should refuse. Each is one registration request; a server
// that accepts it has registered a client with it (named "Authtrace probe" so its owner can find it).
import type { AuthorizationServerMetadata } from '../../shared/flow/context.js';
import { readJsonObject } from '../../shared/flow/responses.js';
import type { ProbeFinding, Send } from './client-auth-probe.js';

export interface RegistrationCheck {
  name: string;
  accepted: boolean;
  answer: string;
  exchangeId: string;
}

const CASES = [
  { name: 'a javascript: redirect URI', redirect_uris: ['javascript:alert(document.domain)'], severity: 'error' as const },
  { name: 'a data: redirect URI', redirect_uris: ['data:text/html,<script>alert(1)</script>'], severity: 'error' as const },
  { name: 'no redirect URIs for an authorization code client', redirect_uris: [] as string[], severity: 'warning' as const },
];

export async function probeRegistrationHygiene(as: AuthorizationServerMetadata, send: Send): Promise<{ checks: RegistrationCheck[]; findings: ProbeFinding[] }> {
  const checks: RegistrationCheck[] = [];
  const findings: ProbeFinding[] = [];
  if (typeof as.registration_endpoint !== 'string') return { checks, findings };
  for (const c of CASES) {
    const body = { client_name: 'Authtrace probe', redirect_uris: c.redirect_uris, grant_types: ['authorization_code'], response_types: ['code'], token_endpoint_auth_method: 'none' };
    const sent = await send(
      { method: 'POST', url: as.registration_endpoint, headers: [{ name: 'Content-Type', value: 'application/json' }, { name: 'Accept', value: 'application/json' }], body: JSON.stringify(body) },
      'registration',
      `probe: register with ${c.name}, which the server should refuse`,
    );
    const status = sent.result.outcome === 'response' ? sent.result.response.status : 0;
    const read = sent.result.outcome === 'response' ? readJsonObject(sent.result.response) : undefined;
    const clientId = read?.ok ? read.value.client_id : undefined;
    const accepted = status >= 200 && status < 300 && typeof clientId === 'string';
    checks.push({ name: c.name, accepted, answer: `${status || 'no answer'}`, exchangeId: sent.exchangeId });
    if (accepted) {
      findings.push({
        id: 'PRB-08',
        severity: c.severity,
        message: `The registration endpoint accepted ${c.name} (${status}). ${c.severity === 'error' ? 'An authorization server that redirects to it runs script in the user’s browser in the server’s name (RFC 7591 §5, OAuth 2.1 §2.3.1).' : 'An authorization code client with nowhere to be sent back cannot work, and the server should say so at registration (RFC 7591 §2: invalid_redirect_uri).'} Server side: refuse it with invalid_redirect_uri.`,
        exchangeIds: [sent.exchangeId],
      });
    }
  }
  return { checks, findings };
}
