import type { Evidence } from '../model.js';
import type { ChallengeFact, Facts } from './facts.js';
import { mcp, rfc } from './spec.js';
import { SINCE_2025_06, SINCE_2025_11 } from './revisions.js';
import type { Finding, Rule } from './types.js';
import { isRootResourceMetadata, resourceFromWellKnown } from '../interpret/well-known.js';
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
    // The root fallback URL is built from the origin only, so it cannot say which resource on
    // that origin it serves; the MCP URL itself is as right as the origin (Linear names /mcp).
    const mcpUrl = facts.mcpUrl();
    const rootFallback = !hint && isRootResourceMetadata(url) && mcpUrl !== undefined && mcpUrl !== expected;
    if (rootFallback && resource === mcpUrl) return [];
    const how = hint
      ? `it was reached through the resource_metadata hint of a 401 from ${expected}, so "resource" must be exactly that URL`
      : rootFallback
        ? `it was fetched from the root fallback ${url}, so "resource" must be the origin ${expected} or the MCP server URL ${mcpUrl}`
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
      (f) => f.status === 401 && f.parses.length > 0 && f.parses.every((p) => p.ok) && !f.challenges.some((ch) => 'resource_metadata' in ch.params),
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

/** Distinct (requested, expected) pairs reported one by one; the rest are summed up in one more finding. */
const MAX_SCOPE_GROUPS = 20;
/** Scopes listed in a message before "and N more". */
const MAX_LISTED = 20;

function listed(scopes: string[]): string {
  return scopes.length > MAX_LISTED ? `${scopes.slice(0, MAX_LISTED).join(' ')} and ${scopes.length - MAX_LISTED} more` : scopes.join(' ');
}

/** A short stand-in for each distinct reason in a group key. */
const WHY_CODES = new Map<string, number>();
function whyCode(why: string): number {
  let code = WHY_CODES.get(why);
  if (code === undefined) WHY_CODES.set(why, (code = WHY_CODES.size));
  return code;
}

const prm04: Rule = {
  id: 'PRM-04',
  title: 'The requested scope differs from the challenged scope',
  severities: ['warning'],
  revisions: SINCE_2025_11,
  spec: mcp('2025-11-25', 'scope-selection', 'scope selection strategy'),
  check(facts) {
    const spec = mcp(facts.revision, 'scope-selection', 'scope selection strategy');
    // A session that authorizes a thousand times the same wrong way gets one finding, counted.
    const groups = new Map<string, { count: number; text?: string; evidence?: Evidence[] }>();
    const challenges = facts.challenges().filter((c) => c.params);
    const prm = facts.prm();
    const union = facts.revision >= '2026-07-28';
    // Every scope requested so far; it only grows, so its size names it.
    const previous = new Set<string>();
    // Challenges and authorization requests are both in session order: the last challenge before
    // each request is found by walking forward, as lastBefore would by searching.
    const ordered = facts.inSessionOrder();
    let next = 0;
    let last: ChallengeFact | undefined;
    for (const a of facts.authorizeRequests()) {
      if (ordered) {
        const at = facts.position(a.ex.id);
        while (next < challenges.length && challenges[next]!.at < at) last = challenges[next++];
      } else last = facts.lastBefore(challenges, a.ex.id);
      const requested = scopeSet(a.params.get('scope'));
      const stepUp = last?.status === 403 && last.params?.error === 'insufficient_scope';
      const challenged = last?.params?.scope;
      let expected: Set<string> | undefined;
      let withPrevious = false;
      // Built only for the groups that are shown.
      let source: (() => Evidence) | undefined;
      let why = '';
      if (challenged !== undefined && last) {
        expected = scopeSet(challenged);
        withPrevious = stepUp && union;
        const challenge = last;
        source = () => ({ exchangeId: challenge.ex.id, location: { kind: 'response-header', name: 'WWW-Authenticate' }, value: challenge.headers.join(', ') });
        why = stepUp
          ? union
            ? 'the step-up challenge asked for more scope, and the client should request the union of what it had and what was challenged'
            : 'the step-up challenge named the scope to request'
          : 'the challenge named the scope to request';
      } else if (!last || last.status === 401) {
        const supported = stringArray(prm?.doc.scopes_supported);
        if (prm && supported) {
          expected = new Set(supported);
          source = () => ({ exchangeId: prm.ex.id, location: { kind: 'response-json', pointer: '/scopes_supported' }, value: quote(supported) });
          why = 'there was no scope in the challenge, so the strategy asks for every scope in the resource metadata\'s scopes_supported';
        }
      }
      if (expected && source) {
        const inExpected = (scope: string): boolean => expected.has(scope) || (withPrevious && previous.has(scope));
        const missing = [...expected].filter((scope) => !requested.has(scope));
        if (withPrevious) {
          // What was granted before and is not asked for again; at most MAX_LISTED + |requested| steps.
          for (const scope of previous) {
            if (missing.length > MAX_LISTED) break;
            if (!requested.has(scope) && !expected.has(scope)) missing.push(scope);
          }
        }
        // After a step-up, asking for more than the challenge (what was already granted) is fine.
        const extra = stepUp ? [] : [...requested].filter((scope) => !inExpected(scope) && !IMPLICIT_EXTRAS.has(scope));
        if (missing.length > 0 || extra.length > 0) {
          const key = `${[...requested].sort().join(' ')}\n${[...expected].sort().join(' ')}\n${withPrevious ? previous.size : '-'}\n${whyCode(why)}`;
          const group = groups.get(key);
          if (group) group.count++;
          else if (groups.size > MAX_SCOPE_GROUPS) groups.set(key, { count: 1 });
          else {
            // Only the groups that are shown get a text: the first MAX_SCOPE_GROUPS, and the first of the rest.
            const shown = withPrevious ? `"${listed([...expected])}" plus the ${previous.size} scope(s) requested before` : `"${listed([...expected])}"`;
            groups.set(key, {
              count: 1,
              text:
                `The authorization request asks for scope "${listed([...requested])}", but ${why}: ${shown}` +
                `${missing.length ? ` (missing: ${listed(missing)})` : ''}${extra.length ? ` (extra: ${listed(extra)})` : ''}.`,
              evidence: [{ exchangeId: a.ex.id, location: a.location('scope'), value: a.params.get('scope') ?? 'absent' }, source()],
            });
          }
        }
      }
      for (const scope of requested) previous.add(scope);
    }
    const advice = 'Client side: follow the MCP scope selection strategy' + (facts.session.config.scope ? ' (the session sets an explicit scope).' : '.');
    const all = [...groups.values()];
    const findings = all.slice(0, MAX_SCOPE_GROUPS).map(
      (g): Finding => ({
        severity: 'warning',
        message: `${g.text ?? ''}${g.count > 1 ? ` ${g.count} authorization requests did the same; the first is shown.` : ''} ${advice}`,
        evidence: g.evidence ?? [],
        spec,
      }),
    );
    const rest = all.slice(MAX_SCOPE_GROUPS);
    const first = rest[0];
    if (first?.text !== undefined && first.evidence) {
      const requests = rest.reduce((n, g) => n + g.count, 0);
      findings.push({
        severity: 'warning',
        message:
          `${requests} more authorization request(s), in ${rest.length} other combinations of requested and expected scope, also differ from the scope they should ask for. ` +
          `The first: ${first.text} ${advice}`,
        evidence: first.evidence,
        spec,
      });
    }
    return findings;
  },
};

export const resourceMetadataRules: Rule[] = [prm01, prm02, prm03, prm04];
