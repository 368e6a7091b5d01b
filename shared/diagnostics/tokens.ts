import type { Evidence } from '../model.js';
import type { Facts, TokenRequestFact } from './facts.js';
import { oauth21 } from './spec.js';
import { ALL } from './revisions.js';
import type { Finding, Rule } from './types.js';
import { is2xx, isObject, redact, responded, scopeSet, str, stringArray, type JsonObject } from './util.js';

interface Success {
  t: TokenRequestFact;
  body: JsonObject | undefined;
}

const successesOf = new WeakMap<Facts, Success[]>();

/** The token requests that succeeded, with their JSON bodies; read once per run, for every rule here. */
function successes(facts: Facts): Success[] {
  let found = successesOf.get(facts);
  if (!found) {
    found = [];
    for (const t of facts.tokenRequests()) {
      if (!responded(t.ex) || !is2xx(t.ex.response)) continue;
      const body = facts.resJson(t.ex);
      found.push({ t, body: isObject(body) ? body : undefined });
    }
    successesOf.set(facts, found);
  }
  return found;
}

const at = (t: TokenRequestFact, pointer: string, value: string): Evidence => ({
  exchangeId: t.ex.id,
  location: { kind: 'response-json', pointer },
  value,
});

const tok01: Rule = {
  id: 'TOK-01',
  title: 'The token response lacks access_token or a usable token_type',
  severities: ['error'],
  revisions: ALL,
  spec: oauth21('3.2.3'),
  check(facts) {
    for (const { t, body } of successes(facts)) {
      const problems: string[] = [];
      const evidence: Evidence[] = [];
      if (!body || typeof body.access_token !== 'string') {
        problems.push(body ? 'no access_token' : 'a body that is not a JSON object');
        evidence.push(at(t, '/access_token', 'absent'));
      }
      const type = body?.token_type;
      if (body && typeof type !== 'string') {
        problems.push('no token_type');
        evidence.push(at(t, '/token_type', 'absent'));
      } else if (typeof type === 'string' && !['bearer', 'dpop'].includes(type.toLowerCase())) {
        problems.push(`token_type ${JSON.stringify(type)}`);
        evidence.push(at(t, '/token_type', type));
      }
      if (problems.length === 0) continue;
      return [
        {
          severity: 'error',
          message:
            `The successful token response from ${t.ex.request.url} has ${problems.join(' and ')}; clients need an access_token and a token_type of Bearer (or DPoP). ` +
            'Server side: return both.',
          evidence,
        },
      ];
    }
    return [];
  },
};

const tok02: Rule = {
  id: 'TOK-02',
  title: 'expires_in is absent or not a number',
  severities: ['warning', 'error'],
  revisions: ALL,
  spec: oauth21('3.2.3'),
  check(facts) {
    for (const { t, body } of successes(facts)) {
      if (!body || typeof body.access_token !== 'string') continue;
      const value = body.expires_in;
      if (typeof value === 'number' && Number.isFinite(value)) continue;
      const finding: Finding =
        value === undefined
          ? {
              severity: 'warning',
              message: 'The token response has no expires_in, so the client cannot tell when to refresh and learns it from a 401. Server side: return expires_in (seconds).',
              evidence: [at(t, '/expires_in', 'absent')],
            }
          : typeof value === 'string' && /^\d+$/.test(value)
            ? {
                severity: 'warning',
                message: `expires_in is the string ${JSON.stringify(value)}; it must be a JSON number, and strict clients reject the response. Server side: send ${value} unquoted.`,
                evidence: [at(t, '/expires_in', JSON.stringify(value))],
              }
            : {
                severity: 'error',
                message: `expires_in is ${JSON.stringify(value)}, not a number of seconds. Server side: send a JSON number.`,
                evidence: [at(t, '/expires_in', JSON.stringify(value))],
              };
      return [finding];
    }
    return [];
  },
};

const tok03: Rule = {
  id: 'TOK-03',
  title: 'The granted scope is narrower than requested',
  severities: ['warning'],
  revisions: ALL,
  spec: oauth21('3.2.3'),
  check(facts) {
    const authorizes = facts.authorizeRequests();
    for (const { t, body } of successes(facts)) {
      const granted = str(body?.scope);
      if (granted === undefined) continue;
      const a = facts.lastBefore(authorizes, t.ex.id);
      const fromToken = t.auth.form?.get('scope');
      const requested = fromToken ?? (t.grant === 'authorization_code' ? a?.params.get('scope') : undefined);
      if (!requested) continue;
      const have = scopeSet(granted);
      const missing = [...scopeSet(requested)].filter((s) => !have.has(s));
      if (missing.length === 0) continue;
      const requestEvidence: Evidence =
        fromToken || !a
          ? { exchangeId: t.ex.id, location: { kind: 'request-form', name: 'scope' }, value: requested }
          : { exchangeId: a.ex.id, location: a.location('scope'), value: requested };
      return [
        {
          severity: 'warning',
          message:
            `The client asked for "${requested}" and was granted "${granted}" (without ${missing.join(', ')}). ` +
            'Calls that need the missing scope will get 403 insufficient_scope. Check the user\'s consent and the client\'s allowed scopes (server side).',
          evidence: [requestEvidence, at(t, '/scope', granted)],
        },
      ];
    }
    return [];
  },
};

function registeredGrants(facts: Facts): { grants: string[]; evidence: Evidence } | undefined {
  const reg = facts.registration();
  const fromResponse = stringArray(reg?.response.grant_types);
  if (reg && fromResponse) {
    return { grants: fromResponse, evidence: { exchangeId: reg.ex.id, location: { kind: 'response-json', pointer: '/grant_types' }, value: JSON.stringify(fromResponse) } };
  }
  const client = facts.session.client;
  if (!reg && client?.grant_types) {
    return { grants: client.grant_types, evidence: { location: { kind: 'client', field: 'grant_types' }, value: JSON.stringify(client.grant_types) } };
  }
  return undefined;
}

const tok04: Rule = {
  id: 'TOK-04',
  title: 'No refresh token, or a refresh token that is not rotated',
  severities: ['info', 'warning'],
  revisions: ALL,
  spec: oauth21('4.3.1'),
  check(facts) {
    const findings: Finding[] = [];
    const all = successes(facts);
    const first = all.find((s) => s.t.grant === 'authorization_code' && s.body);
    const grants = registeredGrants(facts);
    if (first?.body && grants?.grants.includes('refresh_token') && first.body.refresh_token === undefined) {
      findings.push({
        severity: 'info',
        title: 'No refresh token',
        message:
          'The client is registered for the refresh_token grant, but the token response has no refresh_token; the user will have to log in again when the access token expires. ' +
          'Servers often require the offline_access scope or a consent setting for it.',
        evidence: [grants.evidence, at(first.t, '/refresh_token', 'absent')],
      });
    }
    const publicClient = (t: TokenRequestFact): boolean => t.used === 'none';
    for (const { t, body } of all) {
      if (t.grant !== 'refresh_token' || !body || !publicClient(t)) continue;
      if (str(body.token_type)?.toLowerCase() === 'dpop') continue; // sender-constrained instead of rotated
      const sent = t.auth.form?.get('refresh_token') ?? '';
      const next = str(body.refresh_token);
      if (next !== undefined && next !== sent) continue;
      findings.push({
        severity: 'warning',
        title: 'Refresh token not rotated for a public client',
        message:
          (next === undefined
            ? 'The refresh response for a public client returns no new refresh token, so the old one stays valid. '
            : 'The refresh response for a public client returns the same refresh token. ') +
          'OAuth 2.1 requires rotation (or sender-constrained tokens) for public clients, so a stolen refresh token is detected. Server side: rotate refresh tokens.',
        evidence: [
          { exchangeId: t.ex.id, location: { kind: 'request-form', name: 'refresh_token' }, value: redact(sent) },
          at(t, '/refresh_token', next === undefined ? 'absent' : redact(next)),
        ],
      });
      break;
    }
    return findings;
  },
};

export const tokenRules: Rule[] = [tok01, tok02, tok03, tok04];
