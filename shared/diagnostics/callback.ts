import type { Severity } from '../model.js';
import { mcp, oauth21, rfc } from './spec.js';
import { ALL } from './revisions.js';
import { str } from './util.js';
import type { Rule } from './types.js';

const cb01: Rule = {
  id: 'CB-01',
  title: 'state is missing or different on the callback',
  severities: ['error'],
  revisions: ALL,
  spec: oauth21('7.12'),
  check(facts) {
    const cb = facts.callback();
    if (!cb) return [];
    const a = facts.lastBefore(facts.authorizeRequests(), cb.ex.id);
    const sent = a?.params.get('state');
    if (!a || !sent) return [];
    const back = cb.params.get('state');
    if (back === sent) return [];
    return [
      {
        severity: 'error',
        message:
          back === null
            ? 'The authorization request sent a state, but the callback came back without one. Server side: return state unchanged; a client must reject the response.'
            : `The callback's state ${JSON.stringify(back)} differs from the ${JSON.stringify(sent)} that was sent; the client must reject it (possible CSRF or a mixed-up flow).`,
        evidence: [
          { exchangeId: a.ex.id, location: a.location('state'), value: sent },
          { exchangeId: cb.ex.id, location: cb.location('state'), value: back ?? 'absent' },
        ],
      },
    ];
  },
};

const cb02: Rule = {
  id: 'CB-02',
  title: 'iss on the callback is wrong or missing',
  severities: ['error', 'warning'],
  revisions: ALL,
  // A missing iss that the metadata promised is an error everywhere (RFC 9207 §2.4: clients MUST
  // reject it); a different iss is an error once MCP 2026-07-28 makes its validation a MUST.
  severityByRevision: { '2026-07-28': ['error'], '2025-11-25': ['error', 'warning'], '2025-06-18': ['error', 'warning'], '2025-03-26': ['error', 'warning'] },
  spec: rfc(9207, '2.4'),
  check(facts) {
    const cb = facts.callback();
    if (!cb) return [];
    const as = facts.asMetadataAt(cb.ex);
    const issuer = str(as?.doc.issuer) ?? facts.issuer();
    if (!issuer) return [];
    const current = facts.revision === '2026-07-28';
    const severity: Severity = current ? 'error' : 'warning';
    const must = current ? ' MCP 2026-07-28 requires clients to validate iss when present.' : '';
    const iss = cb.params.get('iss');
    const issuerEvidence = as
      ? { exchangeId: as.ex.id, location: { kind: 'response-json' as const, pointer: '/issuer' }, value: issuer }
      : { location: { kind: 'config' as const, field: 'issuer' }, value: issuer };
    if (iss !== null && iss !== issuer) {
      return [
        {
          severity,
          message:
            `The callback carries iss ${JSON.stringify(iss)}, but the issuer is ${JSON.stringify(issuer)} (compared as exact strings). ` +
            `A client must reject this response: it may come from another authorization server (a mix-up attack).${must} ` +
            'Server side: send the issuer exactly as in the metadata.',
          evidence: [{ exchangeId: cb.ex.id, location: cb.location('iss'), value: iss }, issuerEvidence],
          ...(current && { spec: mcp(facts.revision, 'issuer', 'issuer validation') }),
        },
      ];
    }
    if (iss === null && as?.doc.authorization_response_iss_parameter_supported === true) {
      return [
        {
          severity: 'error',
          message:
            'The metadata promises authorization_response_iss_parameter_supported: true, but the callback has no iss; RFC 9207 clients must reject it. ' +
            'Server side: add iss to every authorization response (or stop advertising it).',
          evidence: [
            { exchangeId: cb.ex.id, location: cb.location('iss'), value: 'absent' },
            { exchangeId: as.ex.id, location: { kind: 'response-json', pointer: '/authorization_response_iss_parameter_supported' }, value: 'true' },
          ],
        },
      ];
    }
    return [];
  },
};

const cb03: Rule = {
  id: 'CB-03',
  title: 'The authorization server denied a request that asked for no scope',
  severities: ['warning'],
  revisions: ALL,
  spec: oauth21('3.2.2.1'),
  check(facts) {
    const cb = facts.callback();
    const error = cb?.params.get('error');
    if (!cb || (error !== 'access_denied' && error !== 'invalid_scope')) return [];
    const a = facts.lastBefore(facts.authorizeRequests(), cb.ex.id);
    if (!a || a.params.get('scope')) return [];
    return [
      {
        severity: 'warning',
        message:
          `The authorization request carried no scope and the authorization server answered error=${error}. Some servers (oidc-provider among them) refuse a request without a scope rather than apply a default. ` +
          'Client side: ask for a scope (the challenge\'s, or scopes_supported; --scope); server side: apply a default scope, or say in error_description that one is required.',
        evidence: [
          { exchangeId: a.ex.id, location: { kind: 'request-query', name: 'scope' }, value: 'absent' },
          { exchangeId: cb.ex.id, location: cb.location('error'), value: error },
        ],
      },
    ];
  },
};

export const callbackRules: Rule[] = [cb01, cb02, cb03];
