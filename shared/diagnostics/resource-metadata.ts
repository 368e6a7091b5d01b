import type { Evidence } from '../model.js';
import type { ChallengeFact, Facts } from './facts.js';
import { mcp, rfc } from './spec.js';
import { SINCE_2025_06, SINCE_2025_11 } from './revisions.js';
import type { Finding, Rule } from './types.js';
import { resourceFromWellKnown } from './well-known.js';
import { quote, scopeSet, str, stringArray } from './util.js';

/** The challenge whose resource_metadata pointed at this URL, if the client followed one. */
function hintFor(facts: Facts, url: string): ChallengeFact | undefined {
  return facts.challenges().find((c) => c.resourceMetadata === url);
}

const prm01: Rule = {
  id: 'PRM-01',
  title: 'The resource metadata names another resource',
  severities: ['error'],
  revisions: SINCE_2025_06,
  spec: rfc(9728, '3.3'),
  check(facts) {
    const prm = facts.prm();
    if (!prm) return [];
    const url = prm.ex.request.url;
    const hint = hintFor(facts, url);
    const expected = hint ? hint.ex.request.url : (resourceFromWellKnown(url) ?? facts.mcpUrl());
    const resource = str(prm.doc.resource);
    if (!expected || resource === expected) return [];
    const how = hint
      ? `it was reached through the resource_metadata hint of a 401 from ${expected}, so "resource" must be exactly that URL`
      : `it was fetched from ${url}, built from the resource ${expected}`;
    const slash = resource !== undefined && resource.replace(/\/$/, '') === expected.replace(/\/$/, '') ? ' They differ only by a trailing slash, which still counts.' : '';
    const evidence: Evidence[] = [{ exchangeId: prm.ex.id, location: { kind: 'response-json', pointer: '/resource' }, value: resource ?? 'absent' }];
    if (hint) evidence.push({ exchangeId: hint.ex.id, location: { kind: 'response-header', name: 'WWW-Authenticate' }, value: hint.headers.join(', ') });
    return [
      {
        severity: 'error',
        message:
          `The protected resource metadata says "resource": ${resource === undefined ? 'nothing' : JSON.stringify(resource)}, but ${how}.${slash} ` +
          'RFC 9728 requires clients to reject such metadata. Server side: set "resource" to the MCP endpoint URL clients use (or serve per-path metadata).',
        evidence,
      },
    ];
  },
};

const prm02: Rule = {
  id: 'PRM-02',
  title: 'authorization_servers is missing, empty, or lists several',
  severities: ['error', 'info'],
  revisions: SINCE_2025_06,
  spec: rfc(9728, '7.6'),
  check(facts) {
    const prm = facts.prm();
    if (!prm) return [];
    const servers = stringArray(prm.doc.authorization_servers);
    const evidence: Evidence = {
      exchangeId: prm.ex.id,
      location: { kind: 'response-json', pointer: '/authorization_servers' },
      value: servers ? quote(servers) : 'absent',
    };
    if (!servers || servers.length === 0) {
      return [
        {
          severity: 'error',
          title: 'authorization_servers is missing or empty',
          message:
            'The protected resource metadata names no authorization server, so an MCP client cannot find where to get a token. ' +
            'Server side: list at least one issuer in authorization_servers.',
          evidence: [evidence],
          spec: mcp(facts.revision, 'prm-discovery', 'authorization server location'),
        },
      ];
    }
    if (servers.length === 1) return [];
    const chosen = facts.issuer();
    return [
      {
        severity: 'info',
        title: 'Several authorization servers are listed',
        message:
          `The protected resource metadata lists ${servers.length} authorization servers; the client picks one. ` +
          (chosen ? `This session used ${JSON.stringify(chosen)}. ` : '') +
          'Each is an independent issuer with its own clients and tokens.',
        evidence: [evidence],
      },
    ];
  },
};

const prm03: Rule = {
  id: 'PRM-03',
  title: 'A 401 without resource_metadata',
  severities: ['error', 'info'],
  revisions: SINCE_2025_06,
  severityByRevision: { '2026-07-28': ['info', 'error'], '2025-11-25': ['info', 'error'], '2025-06-18': ['error'] },
  spec: mcp('2025-11-25', 'prm-discovery', 'protected resource metadata discovery'),
  check(facts) {
    const c = facts.challenges().find(
      (f) => f.ex.response.status === 401 && f.parses.length > 0 && f.parses.every((p) => p.ok) && !f.challenges.some((ch) => 'resource_metadata' in ch.params),
    );
    if (!c) return [];
    const spec = mcp(facts.revision, 'prm-discovery', 'protected resource metadata discovery');
    const evidence: Evidence[] = [{ exchangeId: c.ex.id, location: { kind: 'response-header', name: 'WWW-Authenticate' }, value: c.headers.join(', ') }];
    if (facts.revision === '2025-06-18') {
      return [
        {
          severity: 'error',
          message:
            'The 401 has no resource_metadata parameter in WWW-Authenticate; under MCP 2025-06-18 that header is how clients find the protected resource metadata. ' +
            'Server side: add resource_metadata="<metadata URL>" to the Bearer challenge.',
          evidence,
          spec,
        },
      ];
    }
    const prm = facts.prm();
    if (prm) {
      return [
        {
          severity: 'info',
          message:
            `The 401 has no resource_metadata parameter; the client found the metadata at the well-known fallback ${prm.ex.request.url}. ` +
            'That works under this revision; adding the parameter saves clients the guessing.',
          evidence: [...evidence, { exchangeId: prm.ex.id, location: { kind: 'response-status' }, value: String(prm.ex.response.status) }],
          spec,
        },
      ];
    }
    return [
      {
        severity: 'error',
        message:
          'The 401 has no resource_metadata parameter and no well-known fallback URL served protected resource metadata, so clients cannot discover the authorization server. ' +
          'Server side: serve /.well-known/oauth-protected-resource (path-inserted) and point to it from WWW-Authenticate.',
        evidence,
        spec,
      },
    ];
  },
};

const IMPLICIT_EXTRAS = new Set(['offline_access']);

const prm04: Rule = {
  id: 'PRM-04',
  title: 'The requested scope differs from the challenged scope',
  severities: ['warning'],
  revisions: SINCE_2025_11,
  spec: mcp('2025-11-25', 'scope-selection', 'scope selection strategy'),
  check(facts) {
    const spec = mcp(facts.revision, 'scope-selection', 'scope selection strategy');
    const findings: Finding[] = [];
    const challenges = facts.challenges().filter((c) => c.params);
    const prm = facts.prm();
    let previous = new Set<string>();
    for (const a of facts.authorizeRequests()) {
      const last = facts.lastBefore(challenges, a.ex.id);
      const requested = scopeSet(a.params.get('scope'));
      const requestedEvidence: Evidence = { exchangeId: a.ex.id, location: a.location('scope'), value: a.params.get('scope') ?? 'absent' };
      const stepUp = last?.ex.response.status === 403 && last.params?.error === 'insufficient_scope';
      const challenged = last?.params?.scope;
      let expected: Set<string> | undefined;
      let source: Evidence | undefined;
      let why = '';
      if (challenged !== undefined && last) {
        expected = scopeSet(challenged);
        if (stepUp && facts.revision >= '2026-07-28') expected = new Set([...previous, ...expected]);
        source = { exchangeId: last.ex.id, location: { kind: 'response-header', name: 'WWW-Authenticate' }, value: last.headers.join(', ') };
        why = stepUp
          ? facts.revision >= '2026-07-28'
            ? 'the step-up challenge asked for more scope, and the client should request the union of what it had and what was challenged'
            : 'the step-up challenge named the scope to request'
          : 'the challenge named the scope to request';
      } else if (!last || last.ex.response.status === 401) {
        const supported = stringArray(prm?.doc.scopes_supported);
        if (prm && supported) {
          expected = new Set(supported);
          source = { exchangeId: prm.ex.id, location: { kind: 'response-json', pointer: '/scopes_supported' }, value: quote(supported) };
          why = 'there was no scope in the challenge, so the strategy asks for every scope in the resource metadata\'s scopes_supported';
        }
      }
      previous = new Set([...previous, ...requested]);
      if (!expected || !source) continue;
      const missing = [...expected].filter((s) => !requested.has(s));
      // After a step-up, asking for more than the challenge (what was already granted) is fine.
      const extra = stepUp ? [] : [...requested].filter((s) => !expected.has(s) && !IMPLICIT_EXTRAS.has(s));
      if (missing.length === 0 && extra.length === 0) continue;
      findings.push({
        severity: 'warning',
        message:
          `The authorization request asks for scope "${[...requested].join(' ')}", but ${why}: "${[...expected].join(' ')}"` +
          `${missing.length ? ` (missing: ${missing.join(' ')})` : ''}${extra.length ? ` (extra: ${extra.join(' ')})` : ''}. ` +
          'Client side: follow the MCP scope selection strategy' + (facts.session.config.scope ? ' (the session sets an explicit scope).' : '.'),
        evidence: [requestedEvidence, source],
        spec,
      });
    }
    return findings;
  },
};

export const resourceMetadataRules: Rule[] = [prm01, prm02, prm03, prm04];
