import type { AuthMethod, Evidence } from '../model.js';
import type { Facts, TokenRequestFact } from './facts.js';
import { mcp, oauth21, rfc } from './spec.js';
import { ALL } from './revisions.js';
import type { Finding, Rule } from './types.js';
import { is2xx, isObject, list, responded, str } from './util.js';

export const SYMPTOM_NO_CLIENT_INFO = 'Existing OAuth client information is required when exchanging an authorization code';
export const SYMPTOM_INVALID_CLIENT = 'Token request fails with 401 {"error":"invalid_client"} (client authentication failed)';

function advertisedText(facts: Facts): string {
  const adv = facts.advertised();
  if (!adv) return '';
  return adv.explicit
    ? `advertises token_endpoint_auth_methods_supported ${list(adv.methods)}`
    : 'publishes no token_endpoint_auth_methods_supported, which RFC 8414 reads as ["client_secret_basic"]';
}

/** One entry per distinct method used, keeping the first request that used it. */
function firstUseOfEachMethod(facts: Facts): TokenRequestFact[] {
  const seen = new Map<AuthMethod, TokenRequestFact>();
  for (const t of facts.tokenRequests()) if (t.used && !seen.has(t.used)) seen.set(t.used, t);
  return [...seen.values()];
}

function failedWithInvalidClient(facts: Facts, t: TokenRequestFact): boolean {
  const body = facts.resJson(t.ex);
  return responded(t.ex) && isObject(body) && body.error === 'invalid_client';
}

const am01: Rule = {
  id: 'AM-01',
  title: 'The registered token endpoint auth method is not advertised',
  severities: ['error'],
  revisions: ALL,
  spec: rfc(8414, '2'),
  check(facts) {
    const adv = facts.advertised();
    const reg = facts.registered();
    // A `none` client is AM-02's more specific case.
    if (!adv || !reg || reg.method === 'unknown' || reg.method === 'none') return [];
    if (adv.methods.includes(reg.method)) return [];
    return [
      {
        severity: 'error',
        message:
          `The client is registered with token_endpoint_auth_method "${reg.method}", but the authorization server ${advertisedText(facts)}. ` +
          `Clients that trust the metadata will not authenticate this way. Server side: advertise "${reg.method}" or stop registering clients with it; ` +
          `client side: register with one of the advertised methods.`,
        evidence: [adv.evidence, reg.evidence],
      },
    ];
  },
};

const am02: Rule = {
  id: 'AM-02',
  title: 'A public client (none) is registered or accepted, but none is not advertised',
  severities: ['error'],
  revisions: ALL,
  spec: rfc(7591, '2'),
  check(facts) {
    const adv = facts.advertised();
    if (!adv || adv.methods.includes('none')) return [];
    const evidence: Evidence[] = [];
    const reg = facts.registered();
    if (reg?.method === 'none') evidence.push(reg.evidence);
    const accepted = facts
      .tokenRequests()
      .find((t) => t.used === 'none' && responded(t.ex) && is2xx(t.ex.response));
    if (accepted) evidence.push(...accepted.usedEvidence, { exchangeId: accepted.ex.id, location: { kind: 'response-status' }, value: String(responded(accepted.ex) ? accepted.ex.response.status : '') });
    if (evidence.length === 0) return [];
    return [
      {
        severity: 'error',
        message:
          `The server ${reg?.method === 'none' ? 'registered a public client (token_endpoint_auth_method "none")' : 'accepted a token request from a public client'}, ` +
          `but it ${advertisedText(facts)}, without "none". MCP desktop and CLI clients register as public clients, complete the browser step, ` +
          `and then refuse or fail at the token exchange. Server side: add "none" to token_endpoint_auth_methods_supported, ` +
          `or reject public registrations with invalid_client_metadata and a secret-based method.`,
        evidence: [adv.evidence, ...evidence],
        symptom: SYMPTOM_NO_CLIENT_INFO,
        spec: mcp(facts.revision, 'public-clients', 'public clients'),
      },
    ];
  },
};

const am03: Rule = {
  id: 'AM-03',
  title: 'The method used at the token endpoint differs from the registered one',
  severities: ['error'],
  revisions: ALL,
  spec: oauth21('2.4'),
  check(facts) {
    const reg = facts.registered();
    if (!reg) return [];
    const registered = reg.method === 'unknown' ? reg.rawMethod : reg.method;
    const regEvidence = reg.method === 'unknown' ? reg.rawEvidence : reg.evidence;
    if (!registered || !regEvidence) return [];
    const findings: Finding[] = [];
    for (const t of firstUseOfEachMethod(facts)) {
      if (t.used === registered) continue;
      const accepted = responded(t.ex) && is2xx(t.ex.response);
      const lost = reg.method === 'unknown' ? ' The stored client lost its method, and the method was picked some other way.' : '';
      const finding: Finding = {
        severity: 'error',
        message:
          `The token request authenticated with "${t.used}", but the client is registered with "${registered}".${lost} ` +
          (accepted
            ? 'The server accepted it anyway, which hides the bug until a stricter server refuses it. '
            : '') +
          `Client side: authenticate with the registered method "${registered}"` +
          (accepted ? `; server side: enforce the registered method.` : '.'),
        evidence: [regEvidence, ...t.usedEvidence],
      };
      if (!accepted || failedWithInvalidClient(facts, t)) finding.symptom = SYMPTOM_INVALID_CLIENT;
      findings.push(finding);
    }
    return findings;
  },
};

const am04: Rule = {
  id: 'AM-04',
  title: 'The method used at the token endpoint is not advertised',
  severities: ['warning'],
  revisions: ALL,
  spec: rfc(8414, '2'),
  check(facts) {
    const adv = facts.advertised();
    if (!adv) return [];
    const publicRegistered = facts.registered()?.method === 'none';
    return firstUseOfEachMethod(facts)
      .filter((t) => t.used !== undefined && !adv.methods.includes(t.used))
      // An accepted or registered `none` is AM-02's finding already.
      .filter((t) => t.used !== 'none' || !(publicRegistered || (responded(t.ex) && is2xx(t.ex.response))))
      .map((t) => ({
        severity: 'warning' as const,
        message:
          `The token request authenticated with "${t.used}", but the authorization server ${advertisedText(facts)}. ` +
          `Client side: use an advertised method; server side: if "${t.used}" is meant to work, advertise it.`,
        evidence: [adv.evidence, ...t.usedEvidence],
      }));
  },
};

const am05: Rule = {
  id: 'AM-05',
  title: 'More than one client authentication method in one request',
  severities: ['error'],
  revisions: ALL,
  spec: rfc(6749, '2.3'),
  check(facts) {
    const t = facts.tokenRequests().find((r) => r.auth.methods.length > 1);
    if (!t) return [];
    return [
      {
        severity: 'error',
        message:
          `The token request authenticates the client ${t.auth.methods.length} ways at once (${t.auth.methods.join(' + ')}); ` +
          `RFC 6749 forbids more than one method per request and servers may reject it with invalid_request or invalid_client. ` +
          `Client side: send only the registered method.`,
        evidence: t.usedEvidence,
      },
    ];
  },
};

const am06: Rule = {
  id: 'AM-06',
  title: 'The server registered a different method than the one requested',
  severities: ['info'],
  revisions: ALL,
  spec: rfc(7591, '3.2.1'),
  check(facts) {
    const reg = facts.registration();
    const requested = reg?.request?.token_endpoint_auth_method;
    const returned = reg?.response.token_endpoint_auth_method;
    if (!reg || typeof requested !== 'string' || typeof returned !== 'string' || requested === returned) return [];
    return [
      {
        severity: 'info',
        message:
          `The registration asked for "${requested}" and the server registered "${returned}" instead. That is allowed, ` +
          `but the client must keep and use the returned value "${returned}", not the one it asked for.`,
        evidence: [
          { exchangeId: reg.ex.id, location: { kind: 'request-json', pointer: '/token_endpoint_auth_method' }, value: requested },
          { exchangeId: reg.ex.id, location: { kind: 'response-json', pointer: '/token_endpoint_auth_method' }, value: returned },
        ],
      },
    ];
  },
};

/**
 * A client rebuilt from a recording made elsewhere (a HAR without its registration) has no
 * method because the recording never showed one, not because a cache lost it.
 */
function methodNeverSeen(facts: Facts): boolean {
  return facts.session.client?.source === 'imported' && facts.byRole('registration').length === 0;
}

const am07: Rule = {
  id: 'AM-07',
  title: 'The stored client has no auth method recorded',
  severities: ['warning'],
  revisions: ALL,
  spec: rfc(7591, '2'),
  check(facts) {
    const reg = facts.registered();
    const client = facts.session.client;
    if (reg?.method !== 'unknown' || !client || methodNeverSeen(facts)) return [];
    const raw = reg.rawMethod ? ` The stored raw registration response still says "${reg.rawMethod}".` : '';
    const noSecret = client.client_secret
      ? ''
      : ' This client has no secret, so client_secret_basic cannot work either.';
    return [
      {
        severity: 'warning',
        message:
          `The stored client ${JSON.stringify(client.client_id)} has no token_endpoint_auth_method; RFC 7591 makes the effective default ` +
          `"client_secret_basic".${noSecret}${raw} Client side: store the method returned at registration with the client ID and secret.`,
        evidence: [reg.evidence, ...(reg.rawEvidence ? [reg.rawEvidence] : [])],
      },
    ];
  },
};

const am08: Rule = {
  id: 'AM-08',
  title: 'A client without a stored method picked the first advertised one',
  severities: ['warning'],
  revisions: ALL,
  spec: rfc(7591, '2'),
  check(facts) {
    const reg = facts.registered();
    const adv = facts.advertised();
    if (reg?.method !== 'unknown' || !adv?.explicit || adv.methods.length < 2 || methodNeverSeen(facts)) return [];
    // The known failure is a cached id and secret that lost the method. Without a secret the
    // client can only use `none`, whatever the list order.
    const secret = facts.session.client?.client_secret ?? str(facts.registration()?.response.client_secret);
    if (!secret) return [];
    const first = adv.methods[0];
    // When the first entry is client_secret_basic, list order and the RFC 7591 default agree.
    if (first === 'client_secret_basic') return [];
    const t = facts.tokenRequests().find((r) => r.used === first);
    if (!t) return [];
    return [
      {
        severity: 'warning',
        message:
          `The stored client has no method recorded and the token request used "${first}", the first entry of ` +
          `token_endpoint_auth_methods_supported: a method chosen by list order, a known client bug. List order means nothing. ` +
          `Client side: keep the registered method with the cached client (or re-register); without one, the RFC 7591 default is client_secret_basic.`,
        evidence: [reg.evidence, adv.evidence, ...t.usedEvidence],
        symptom: `${SYMPTOM_INVALID_CLIENT}, after a cached client lost its registered method`,
      },
    ];
  },
};

// RFC 6749 §2.3.1: client_id and secret are form-urlencoded before they are joined and base64-encoded.
const NEEDS_ENCODING = /[^A-Za-z0-9\-._~*%+]|%(?![0-9A-Fa-f]{2})/;

const am09: Rule = {
  id: 'AM-09',
  title: 'Basic credentials were not form-urlencoded before base64',
  severities: ['warning'],
  revisions: ALL,
  spec: rfc(6749, '2.3.1'),
  check(facts) {
    const t = facts.tokenRequests().find(
      (r) => r.auth.basic && (NEEDS_ENCODING.test(r.auth.basic.rawId) || NEEDS_ENCODING.test(r.auth.basic.rawSecret)),
    );
    if (!t?.auth.basic) return [];
    const parts = [
      NEEDS_ENCODING.test(t.auth.basic.rawId) ? 'the client_id' : '',
      NEEDS_ENCODING.test(t.auth.basic.rawSecret) ? 'the secret' : '',
    ].filter(Boolean);
    return [
      {
        severity: 'warning',
        message:
          `In the Authorization: Basic header, ${parts.join(' and ')} contain${parts.length > 1 ? '' : 's'} characters that must be ` +
          `form-urlencoded before base64 (RFC 6749 §2.3.1). Servers that decode correctly will see different credentials and answer invalid_client. ` +
          `Client side: form-urlencode the id and the secret, join them with ":", then base64.`,
        evidence: t.usedEvidence.filter((e) => e.location.kind === 'request-header'),
      },
    ];
  },
};

export const authMethodRules: Rule[] = [am01, am02, am03, am04, am05, am06, am07, am08, am09];
