import type { Evidence } from '../model.js';
import type { ChallengeFact, Facts } from './facts.js';
import { mcp, rfc } from './spec.js';
import { ALL, SINCE_2025_06 } from './revisions.js';
import type { Finding, Rule } from './types.js';
import { isLoopbackUrl, parseUrl, responded, scopeSet } from './util.js';

function headerEvidence(c: ChallengeFact): Evidence {
  return { exchangeId: c.ex.id, location: { kind: 'response-header', name: 'WWW-Authenticate' }, value: c.headers.join(', ') };
}

/** One finding per distinct header value, so 10,000 identical 401s make one diagnostic. */
function distinctBy<T>(items: T[], key: (item: T) => string): T[] {
  const seen = new Set<string>();
  return items.filter((item) => {
    const k = key(item);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

const wwa01: Rule = {
  id: 'WWA-01',
  title: 'A 401 without WWW-Authenticate',
  severities: ['error'],
  revisions: ALL,
  spec: rfc(9110, '11.6.1'),
  check(facts) {
    const bare = facts.challenges().filter((c) => c.status === 401 && c.headers.length === 0);
    const first = bare[0];
    if (!first) return [];
    return [
      {
        severity: 'error',
        message:
          `${first.ex.request.method} ${first.ex.request.url} answered 401 without a WWW-Authenticate header` +
          (bare.length > 1 ? ` (${bare.length} such responses)` : '') +
          '. HTTP requires it on every 401, and MCP clients read it to find the resource metadata and the scope. ' +
          'Server side: send WWW-Authenticate: Bearer resource_metadata="…".',
        evidence: [{ exchangeId: first.ex.id, location: { kind: 'response-status' }, value: '401' }],
      },
    ];
  },
};

const wwa02: Rule = {
  id: 'WWA-02',
  title: 'WWW-Authenticate does not parse',
  severities: ['error'],
  revisions: ALL,
  spec: rfc(9110, '11.2'),
  check(facts) {
    const broken = facts.challenges().filter((c) => c.parses.some((p) => !p.ok));
    return distinctBy(broken, (c) => c.headers.join('\n')).map((c) => {
      const i = c.parses.findIndex((p) => !p.ok);
      const p = c.parses[i];
      const header = c.headers[i] ?? '';
      const where = p && !p.ok ? `${p.error} at character ${p.position + 1}` : 'unparseable';
      return {
        severity: 'error' as const,
        message:
          `The WWW-Authenticate header ${JSON.stringify(header)} does not parse (${where}). ` +
          'Strict clients drop the whole challenge and with it resource_metadata and scope. ' +
          'Server side: quote parameter values that are not plain tokens, e.g. resource_metadata="https://…".',
        evidence: [{ exchangeId: c.ex.id, location: { kind: 'response-header' as const, name: 'WWW-Authenticate' }, value: header }],
      };
    });
  },
};

const wwa03: Rule = {
  id: 'WWA-03',
  title: 'Several challenges, or Bearer is not the first',
  severities: ['warning'],
  revisions: ALL,
  spec: rfc(9110, '11.6.1'),
  check(facts) {
    const odd = facts
      .challenges()
      // A lone DPoP challenge is how a resource that takes only DPoP-bound tokens answers (RFC 9449 §7.1).
      .filter((c) => c.parses.every((p) => p.ok) && (c.challenges.length > 1 || (c.challenges[0] && !['bearer', 'dpop'].includes(c.challenges[0].scheme.toLowerCase()))));
    return distinctBy(odd, (c) => c.headers.join('\n')).map((c) => {
      const schemes = c.challenges.map((ch) => ch.scheme);
      const bearerFirst = schemes[0]?.toLowerCase() === 'bearer';
      return {
        severity: 'warning' as const,
        message:
          `The response carries ${schemes.length} challenge(s) (${schemes.join(', ')})${bearerFirst ? '' : ' and Bearer is not the first'}. ` +
          'That is legal HTTP, but many MCP clients read only the first challenge. Server side: send a single Bearer challenge, or put Bearer first.',
        evidence: [headerEvidence(c)],
      };
    });
  },
};

const wwa04: Rule = {
  id: 'WWA-04',
  title: 'resource_metadata is not an absolute https URL on the same origin',
  severities: ['warning'],
  revisions: SINCE_2025_06,
  spec: rfc(9728, '5.1'),
  check(facts) {
    const findings: Finding[] = [];
    const candidates = distinctBy(
      facts.challenges().filter((c) => c.resourceMetadata !== undefined),
      (c) => `${c.resourceMetadata}\n${parseUrl(c.ex.request.url)?.origin}`,
    );
    for (const c of candidates) {
      const hint = c.resourceMetadata ?? '';
      const url = parseUrl(hint);
      const resource = parseUrl(c.ex.request.url);
      const problems: string[] = [];
      if (!url) problems.push('it is not an absolute URL');
      else {
        // http is fine when the MCP server itself is plain http on loopback and the hint stays on it.
        const localDev = url.protocol === 'http:' && resource?.protocol === 'http:' && isLoopbackUrl(resource) && url.origin === resource.origin;
        if (url.protocol !== 'https:' && !localDev) problems.push('it is not https');
        if (resource && url.origin !== resource.origin) problems.push(`its origin ${url.origin} differs from the MCP server's ${resource.origin}`);
      }
      if (problems.length === 0) continue;
      findings.push({
        severity: 'warning',
        message:
          `The challenge points at resource_metadata ${JSON.stringify(hint)}, but ${problems.join(' and ')}. ` +
          'Clients may refuse to follow it, or end up at another server than the one they called. ' +
          'Server side: build the hint from the URL the client actually used (scheme, host and port).',
        evidence: [headerEvidence(c)],
      });
    }
    return findings;
  },
};

const wwa05: Rule = {
  id: 'WWA-05',
  title: 'Insufficient scope signalled wrongly, or challenged again after step-up',
  severities: ['warning', 'error'],
  revisions: ALL,
  spec: rfc(6750, '3.1'),
  check(facts) {
    const findings: Finding[] = [];
    const insufficient = facts.challenges().filter((c) => c.params?.error === 'insufficient_scope');
    const as401 = insufficient.find((c) => c.status === 401);
    if (as401) {
      findings.push({
        severity: 'warning',
        title: 'insufficient_scope sent with 401',
        message:
          'The server answers error="insufficient_scope" with 401; RFC 6750 and the MCP step-up flow use 403 for a valid token that lacks scope, ' +
          'and a 401 makes clients throw the token away and start over. Server side: answer 403.',
        evidence: [{ exchangeId: as401.ex.id, location: { kind: 'response-status' }, value: '401' }, headerEvidence(as401)],
      });
    }
    const noScope = insufficient.find((c) => c.status === 403 && c.params?.scope === undefined);
    if (noScope) {
      findings.push({
        severity: 'warning',
        title: 'insufficient_scope without scope',
        message:
          'The 403 insufficient_scope challenge names no scope, so the client cannot know what to ask for in the step-up authorization. ' +
          'Server side: add scope="…" with the scopes the operation needs.',
        evidence: [headerEvidence(noScope)],
        spec: mcp(facts.revision >= '2025-11-25' ? facts.revision : '2025-11-25', 'scope-challenge', 'scope challenge handling'),
      });
    }
    if (facts.revision >= '2025-11-25') {
      const loop = stepUpLoop(facts, insufficient);
      if (loop) {
        findings.push({
          severity: 'error',
          title: 'The same scope is challenged again after step-up',
          message:
            `After the step-up authorization for scope "${loop.first.params?.scope ?? ''}" and a new token, the server challenged the same scope again. ` +
            'The client will loop. Either the new token does not carry the scope (check the token request and the granted scope), ' +
            'or the server does not read it. Server side: grant and honour the challenged scope; client side: request the challenged scope.',
          evidence: [headerEvidence(loop.first), headerEvidence(loop.again)],
          spec: mcp(facts.revision, 'scope-challenge', 'step-up authorization'),
        });
      }
    }
    return findings;
  },
};

/**
 * The first 403 insufficient_scope per scope set, then the same scope challenged again after a
 * successful token that came later than that first challenge. One forward pass over the
 * challenges, with the token requests merged in by position.
 */
function stepUpLoop(facts: Facts, insufficient: ChallengeFact[]): { first: ChallengeFact; again: ChallengeFact } | undefined {
  const tokens = facts.tokenRequests().filter((t) => responded(t.ex) && t.ex.response.status < 300);
  const byScope = new Map<string, { first: ChallengeFact; at: number; again?: ChallengeFact }>();
  let next = 0;
  let lastToken = -1;
  for (const c of insufficient) {
    const at = c.at;
    while (next < tokens.length && facts.position((tokens[next] as (typeof tokens)[number]).ex.id) < at) {
      lastToken = facts.position((tokens[next] as (typeof tokens)[number]).ex.id);
      next++;
    }
    const key = [...scopeSet(c.params?.scope)].sort().join(' ');
    const seen = byScope.get(key);
    if (!seen) {
      if (c.status === 403) byScope.set(key, { first: c, at });
      continue;
    }
    if (!seen.again && seen.first.params?.scope !== undefined && lastToken > seen.at) seen.again = c;
  }
  for (const { first, again } of byScope.values()) if (again) return { first, again };
  return undefined;
}

export const challengeRules: Rule[] = [wwa01, wwa02, wwa03, wwa04, wwa05];
