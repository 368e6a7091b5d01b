import type { Evidence } from '../model.js';
import type { Facts } from './facts.js';
import { mcp, rfc } from './spec.js';
import { SINCE_2025_06 } from './revisions.js';
import type { Finding, Rule } from './types.js';
import { isObject, str, stringArray } from './util.js';

/** Why a resource value is not the canonical URI of the MCP server (MCP: resource parameter implementation). */
function canonicalProblems(resource: string): { severity: 'error' | 'warning'; problem: string }[] {
  const problems: { severity: 'error' | 'warning'; problem: string }[] = [];
  let url: URL;
  try {
    url = new URL(resource);
  } catch {
    return [{ severity: 'error', problem: 'it is not an absolute URI' }];
  }
  if (resource.includes('#')) problems.push({ severity: 'error', problem: 'it has a fragment, which RFC 8707 forbids' });
  const schemeAndHost = /^([a-zA-Z][a-zA-Z0-9+.-]*):\/\/([^/?#]*)/.exec(resource);
  if (schemeAndHost && (schemeAndHost[1] !== schemeAndHost[1]?.toLowerCase() || schemeAndHost[2] !== schemeAndHost[2]?.toLowerCase())) {
    problems.push({ severity: 'warning', problem: 'its scheme or host is not lower case' });
  }
  if (resource.endsWith('/') && !url.search) problems.push({ severity: 'warning', problem: 'it ends with a slash (the canonical form has none)' });
  return problems;
}

const res01: Rule = {
  id: 'RES-01',
  title: 'The resource parameter is missing, inconsistent, or not canonical',
  severities: ['error', 'warning'],
  revisions: SINCE_2025_06,
  spec: rfc(8707, '2'),
  check(facts) {
    // Without an MCP server (a flow started from an authorization server) there is no resource to name.
    if (facts.session.config.target.kind !== 'mcp') return [];
    const findings: Finding[] = [];
    const spec = mcp(facts.revision, 'resource', 'resource parameter implementation');
    const a = facts.authorizeRequests()[0];
    const t = facts.tokenRequests().find((r) => r.grant === 'authorization_code');
    const inAuthorize = a?.params.get('resource') ?? undefined;
    const inToken = t?.auth.form?.get('resource') ?? undefined;
    const authorizeEvidence: Evidence | undefined = a && { exchangeId: a.ex.id, location: a.location('resource'), value: inAuthorize ?? 'absent' };
    const tokenEvidence: Evidence | undefined = t && { exchangeId: t.ex.id, location: { kind: 'request-form', name: 'resource' }, value: inToken ?? 'absent' };
    const missing = [
      ...(authorizeEvidence && inAuthorize === undefined ? [['authorization request', authorizeEvidence] as const] : []),
      ...(tokenEvidence && inToken === undefined ? [['token request', tokenEvidence] as const] : []),
    ];
    if (missing.length > 0) {
      findings.push({
        severity: 'error',
        message:
          `The ${missing.map(([w]) => w).join(' and the ')} ${missing.length > 1 ? 'carry' : 'carries'} no resource parameter. ` +
          'MCP clients must send resource (the MCP server URL) in both, so the token is bound to this server. Client side: add resource.',
        evidence: missing.map(([, e]) => e),
        spec,
      });
    }
    if (inAuthorize !== undefined && inToken !== undefined && inAuthorize !== inToken && authorizeEvidence && tokenEvidence) {
      findings.push({
        severity: 'error',
        message: `The authorization request asked for resource ${JSON.stringify(inAuthorize)} and the token request for ${JSON.stringify(inToken)}. Client side: send the same resource in both.`,
        evidence: [authorizeEvidence, tokenEvidence],
        spec,
      });
    }
    const refresh = facts.tokenRequests().find((r) => r.grant === 'refresh_token' && r.auth.form?.has('resource'));
    const inRefresh = refresh?.auth.form?.get('resource') ?? undefined;
    if (refresh && inRefresh !== undefined && inAuthorize !== undefined && inRefresh !== inAuthorize && authorizeEvidence) {
      findings.push({
        severity: 'error',
        message: `The refresh request asks for resource ${JSON.stringify(inRefresh)}, but the authorization was for ${JSON.stringify(inAuthorize)}. Client side: keep the resource.`,
        evidence: [authorizeEvidence, { exchangeId: refresh.ex.id, location: { kind: 'request-form', name: 'resource' }, value: inRefresh }],
        spec,
      });
    }
    const value = inAuthorize ?? inToken;
    const evidence = inAuthorize !== undefined ? authorizeEvidence : tokenEvidence;
    if (value !== undefined && evidence) {
      const problems = canonicalProblems(value);
      if (problems.length > 0) {
        findings.push({
          severity: problems.some((p) => p.severity === 'error') ? 'error' : 'warning',
          title: 'The resource parameter is not canonical',
          message:
            `The resource ${JSON.stringify(value)} is not a canonical server URI: ${problems.map((p) => p.problem).join('; ')}. ` +
            'Servers compare it as a string with the audience they expect. Client side: send the MCP server URL in canonical form.',
          evidence: [evidence],
          spec,
        });
      }
    }
    return findings;
  },
};

const res02: Rule = {
  id: 'RES-02',
  title: 'The access token audience lacks the resource',
  severities: ['warning'],
  revisions: SINCE_2025_06,
  spec: rfc(9068, '3'),
  check(facts) {
    const resource = requestedResource(facts);
    if (!resource) return [];
    for (const t of facts.tokenRequests()) {
      const body = facts.resJson(t.ex);
      const token = isObject(body) ? str(body.access_token) : undefined;
      const claims = token ? facts.jwtPayload(token) : undefined;
      if (!claims) continue;
      const aud = typeof claims.aud === 'string' ? [claims.aud] : (stringArray(claims.aud) ?? []);
      if (aud.includes(resource)) continue;
      return [
        {
          severity: 'warning',
          message:
            `The JWT access token has aud ${JSON.stringify(claims.aud ?? null)}, which does not include the resource ${JSON.stringify(resource)}. ` +
            'The MCP server must reject tokens not issued for it. Server side: put the requested resource in aud.',
          evidence: [{ exchangeId: t.ex.id, location: { kind: 'response-json', pointer: '/access_token' }, value: `JWT with aud ${JSON.stringify(claims.aud ?? null)}` }],
          spec: mcp(facts.revision, 'audience', 'token audience binding and validation'),
        },
      ];
    }
    return [];
  },
};

function requestedResource(facts: Facts): string | undefined {
  const t = facts.tokenRequests().find((r) => r.grant === 'authorization_code');
  return (
    t?.auth.form?.get('resource') ??
    facts.authorizeRequests()[0]?.params.get('resource') ??
    str(facts.prm()?.doc.resource) ??
    facts.mcpUrl()
  );
}

export const resourceRules: Rule[] = [res01, res02];
