import { usesSharedSecret, type Evidence } from '../model.js';
import type { Facts } from './facts.js';
import { CIMD, rfc } from './spec.js';
import { ALL, SINCE_2025_11 } from './revisions.js';
import type { Finding, Rule } from './types.js';
import { redact, str } from './util.js';

const SOON_MS = 24 * 60 * 60 * 1000;

/** The registration response this session got, else the stored client's raw registration. */
function issued(facts: Facts):
  | { method?: string; secret?: string; expiresAt?: unknown; hasExpiresAt: boolean; at: (field: string, value?: string) => Evidence }
  | undefined {
  const reg = facts.registration();
  if (reg) {
    const r = reg.response;
    const method = str(r.token_endpoint_auth_method) ?? str(reg.request?.token_endpoint_auth_method);
    const secret = str(r.client_secret);
    return {
      ...(method !== undefined && { method }),
      ...(secret !== undefined && { secret }),
      expiresAt: r.client_secret_expires_at,
      hasExpiresAt: 'client_secret_expires_at' in r,
      at: (field, value) => ({
        exchangeId: reg.ex.id,
        location: { kind: 'response-json', pointer: `/${field}` },
        ...(value !== undefined && { value }),
      }),
    };
  }
  const client = facts.session.client;
  if (!client || client.source !== 'dcr') return undefined;
  return {
    ...(client.token_endpoint_auth_method !== 'unknown' && { method: client.token_endpoint_auth_method }),
    ...(client.client_secret !== undefined && { secret: client.client_secret }),
    expiresAt: client.client_secret_expires_at,
    hasExpiresAt: client.client_secret_expires_at !== undefined,
    at: (field, value) => ({ location: { kind: 'client', field }, ...(value !== undefined && { value }) }),
  };
}

const sec01: Rule = {
  id: 'SEC-01',
  title: 'A client secret was issued to a public (none) client',
  severities: ['warning'],
  revisions: ALL,
  spec: rfc(7591, '2'),
  check(facts) {
    const i = issued(facts);
    if (i?.method !== 'none' || !i.secret) return [];
    return [
      {
        severity: 'warning',
        message:
          'The server registered a public client (token_endpoint_auth_method "none") and still issued a client_secret. ' +
          'A public client cannot keep a secret, and clients disagree on whether to send it. Server side: do not issue a secret to "none" clients.',
        evidence: [i.at('token_endpoint_auth_method', 'none'), i.at('client_secret', redact(i.secret))],
      },
    ];
  },
};

const sec02: Rule = {
  id: 'SEC-02',
  title: 'A secret-based method but no client secret',
  severities: ['error'],
  revisions: ALL,
  spec: rfc(7591, '3.2.1'),
  check(facts) {
    const i = issued(facts);
    if (!i?.method || !usesSharedSecret(i.method) || i.secret || facts.session.config.clientSecret) return [];
    return [
      {
        severity: 'error',
        message:
          `The client is registered with "${i.method}" but no client_secret was returned, so it cannot authenticate at the token endpoint. ` +
          'Server side: return the client_secret in the registration response, or register the client as "none".',
        evidence: [i.at('token_endpoint_auth_method', i.method), i.at('client_secret', 'absent')],
      },
    ];
  },
};

const sec03: Rule = {
  id: 'SEC-03',
  title: 'A client secret without client_secret_expires_at',
  severities: ['error'],
  revisions: ALL,
  spec: rfc(7591, '3.2.1'),
  check(facts) {
    const reg = facts.registration();
    const secret = str(reg?.response.client_secret);
    if (!reg || !secret || 'client_secret_expires_at' in reg.response) return [];
    return [
      {
        severity: 'error',
        message:
          'The registration response issued a client_secret without client_secret_expires_at, which RFC 7591 requires whenever a secret is issued ' +
          '(0 means it never expires). Clients cannot tell when to re-register. Server side: add client_secret_expires_at.',
        evidence: [
          { exchangeId: reg.ex.id, location: { kind: 'response-json', pointer: '/client_secret' }, value: redact(secret) },
          { exchangeId: reg.ex.id, location: { kind: 'response-json', pointer: '/client_secret_expires_at' }, value: 'absent' },
        ],
      },
    ];
  },
};

const sec04: Rule = {
  id: 'SEC-04',
  title: 'The client secret has expired or is about to',
  severities: ['error', 'warning'],
  revisions: ALL,
  spec: rfc(7591, '3.2.1'),
  check(facts) {
    const i = issued(facts);
    if (!i || typeof i.expiresAt !== 'number' || i.expiresAt === 0 || !i.secret) return [];
    const expires = i.expiresAt * 1000;
    const left = expires - facts.now;
    if (left > SOON_MS) return [];
    const when = new Date(expires).toISOString();
    const finding: Finding = {
      severity: left <= 0 ? 'error' : 'warning',
      message:
        left <= 0
          ? `The client secret expired at ${when}; token requests with it will fail with invalid_client. Client side: register again (or update the secret).`
          : `The client secret expires at ${when}, within a day of this session. Client side: plan to register again before then.`,
      evidence: [i.at('client_secret_expires_at', String(i.expiresAt))],
    };
    return [finding];
  },
};

const sec05: Rule = {
  id: 'SEC-05',
  title: 'A client ID metadata document with shared secrets or a mismatched client_id',
  severities: ['error'],
  revisions: SINCE_2025_11,
  spec: CIMD,
  check(facts) {
    const findings: Finding[] = [];
    for (const { ex, doc } of facts.documents('client-metadata')) {
      const evidence: Evidence[] = [];
      const problems: string[] = [];
      const method = str(doc.token_endpoint_auth_method);
      if (method && usesSharedSecret(method)) {
        problems.push(`declares the shared-secret method "${method}"`);
        evidence.push({ exchangeId: ex.id, location: { kind: 'response-json', pointer: '/token_endpoint_auth_method' }, value: method });
      }
      for (const field of ['client_secret', 'client_secret_expires_at']) {
        if (field in doc) {
          problems.push(`contains ${field}`);
          const value = doc[field];
          evidence.push({
            exchangeId: ex.id,
            location: { kind: 'response-json', pointer: `/${field}` },
            value: typeof value === 'string' ? redact(value) : String(value),
          });
        }
      }
      const clientId = str(doc.client_id);
      if (clientId !== ex.request.url) {
        problems.push(`has client_id ${JSON.stringify(clientId ?? null)}, not its own URL ${JSON.stringify(ex.request.url)}`);
        evidence.push({ exchangeId: ex.id, location: { kind: 'response-json', pointer: '/client_id' }, value: clientId ?? 'absent' });
      }
      if (problems.length === 0) continue;
      findings.push({
        severity: 'error',
        message:
          `The client ID metadata document ${problems.join('; ')}. A metadata document is public, so it must not use shared secrets, ` +
          'and its client_id must equal the URL it is served from exactly, or the authorization server must reject it. Client side: fix the document.',
        evidence,
      });
    }
    return findings;
  },
};

export const secretRules: Rule[] = [sec01, sec02, sec03, sec04, sec05];
