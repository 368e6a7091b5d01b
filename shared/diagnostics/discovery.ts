import type { Evidence, Severity } from '../model.js';
import type { DocAt, Facts } from './facts.js';
import { mcp, oauth21, rfc } from './spec.js';
import { ALL } from './revisions.js';
import type { Finding, Rule } from './types.js';
import { asMetadataCandidates, issuerFromWellKnown, isWellKnown } from '../interpret/well-known.js';
import { isLoopbackUrl, isRedirect, parseUrl, quote, responded, responseHeader, str, stringArray } from './util.js';

/** The issuer the metadata URL was built from: the configured issuer, the PRM entry, or the URL itself. */
function expectedIssuer(facts: Facts, at: DocAt): { issuer: string; evidence?: Evidence } | undefined {
  const url = at.ex.request.url;
  const target = facts.session.config.target;
  if (target.kind === 'issuer' && asMetadataCandidates(target.issuer).some((c) => c.url === url)) {
    return { issuer: target.issuer, evidence: { location: { kind: 'config', field: 'target.issuer' }, value: target.issuer } };
  }
  const prm = facts.prm();
  const servers = stringArray(prm?.doc.authorization_servers) ?? [];
  const i = servers.findIndex((s) => asMetadataCandidates(s).some((c) => c.url === url));
  if (prm && i >= 0) {
    return {
      issuer: servers[i] ?? '',
      evidence: { exchangeId: prm.ex.id, location: { kind: 'response-json', pointer: `/authorization_servers/${i}` }, value: servers[i] ?? '' },
    };
  }
  const derived = issuerFromWellKnown(url);
  return derived ? { issuer: derived.issuer } : undefined;
}

const dsc01: Rule = {
  id: 'DSC-01',
  title: 'The metadata issuer differs from the issuer the URL was built from',
  // RFC 8414 §3.3: the issuer MUST be identical, in every revision.
  severities: ['error'],
  revisions: ALL,
  spec: rfc(8414, '3.3'),
  check(facts) {
    const findings: Finding[] = [];
    const severity: Severity = 'error';
    const must = facts.revision === '2026-07-28' ? ' MCP 2026-07-28 requires clients to validate it.' : '';
    for (const at of facts.documents('as-metadata')) {
      const expected = expectedIssuer(facts, at);
      if (!expected) continue;
      const got = str(at.doc.issuer);
      if (got === expected.issuer) continue;
      const evidence: Evidence[] = [
        { exchangeId: at.ex.id, location: { kind: 'response-json', pointer: '/issuer' }, value: got ?? 'absent' },
        ...(expected.evidence ? [expected.evidence] : []),
      ];
      let title = 'The metadata issuer differs from the issuer the URL was built from';
      let what = `is ${got === undefined ? 'missing' : JSON.stringify(got)}`;
      if (got !== undefined && got.replace(/\/$/, '') === expected.issuer.replace(/\/$/, '')) {
        title = 'The metadata issuer differs only by a trailing slash';
        what = `is ${JSON.stringify(got)}, which differs from ${JSON.stringify(expected.issuer)} only by a trailing slash (still a mismatch: issuers compare as exact strings)`;
      } else if (got !== undefined && got.toLowerCase() === expected.issuer.toLowerCase()) {
        title = 'The metadata issuer differs only in letter case';
        what = `is ${JSON.stringify(got)}, which differs from ${JSON.stringify(expected.issuer)} only in letter case (still a mismatch)`;
      }
      findings.push({
        severity,
        title,
        message:
          `The metadata fetched from ${at.ex.request.url} was looked up for issuer ${JSON.stringify(expected.issuer)}, but its "issuer" ${what}. ` +
          `Clients that validate the issuer (RFC 8414 §3.3) must stop here.${must} Server side: publish the issuer exactly as it is referenced ` +
          '(in the protected resource metadata and in the well-known URL).',
        evidence,
      });
    }
    return findings;
  },
};

const KEY_FIELDS = [
  'issuer',
  'authorization_endpoint',
  'token_endpoint',
  'registration_endpoint',
  'token_endpoint_auth_methods_supported',
  'code_challenge_methods_supported',
  'response_types_supported',
  'grant_types_supported',
  'client_id_metadata_document_supported',
];

const dsc02: Rule = {
  id: 'DSC-02',
  title: 'Which well-known URL answered',
  severities: ['warning', 'info'],
  revisions: ALL,
  spec: mcp('2025-11-25', 'as-discovery', 'authorization server metadata discovery'),
  check(facts) {
    const findings: Finding[] = [];
    const spec = mcp(facts.revision, 'as-discovery', 'authorization server metadata discovery');
    const tries = facts.byRole('as-metadata');
    const docs = facts.documents('as-metadata');
    const answered = docs[0];
    if (!answered) return [];
    const failedBefore = tries.filter((t) => facts.position(t.id) < facts.position(answered.ex.id) && !docs.some((d) => d.ex === t));
    if (failedBefore.length > 0) {
      findings.push({
        severity: 'info',
        title: 'AS metadata answered at a later well-known URL',
        message:
          `Authorization server metadata answered at ${answered.ex.request.url} after ${failedBefore.length} other URL(s) did not: ` +
          `${failedBefore.map((t) => `${t.request.url} (${responded(t) ? t.response.status : t.outcome})`).join(', ')}. Clients that stop at the first failure will not find it.`,
        evidence: [
          ...failedBefore.map((t): Evidence => ({ exchangeId: t.id, location: { kind: 'response-status' }, value: responded(t) ? String(t.response.status) : t.outcome })),
          { exchangeId: answered.ex.id, location: { kind: 'response-status' }, value: String(answered.ex.response.status) },
        ],
        spec,
      });
    }
    const kind = issuerFromWellKnown(answered.ex.request.url)?.kind;
    const oauth = docs.find((d) => issuerFromWellKnown(d.ex.request.url)?.kind === 'oauth-inserted');
    const openid = docs.find((d) => issuerFromWellKnown(d.ex.request.url)?.kind !== 'oauth-inserted' && isWellKnown(d.ex.request.url));
    if (oauth && openid) {
      const differing = KEY_FIELDS.filter((f) => JSON.stringify(oauth.doc[f]) !== JSON.stringify(openid.doc[f]));
      if (differing.length > 0) {
        findings.push({
          severity: 'warning',
          title: 'The OAuth and OpenID metadata documents disagree',
          message:
            `The RFC 8414 document (${oauth.ex.request.url}) and the OpenID configuration (${openid.ex.request.url}) disagree on ${differing.join(', ')}. ` +
            'Clients that read a different document behave differently against the same server. Server side: publish the same values in both.',
          evidence: differing.flatMap((f): Evidence[] => [
            { exchangeId: oauth.ex.id, location: { kind: 'response-json', pointer: `/${f}` }, value: oauth.doc[f] === undefined ? 'absent' : quote(oauth.doc[f]) },
            { exchangeId: openid.ex.id, location: { kind: 'response-json', pointer: `/${f}` }, value: openid.doc[f] === undefined ? 'absent' : quote(openid.doc[f]) },
          ]),
          spec,
        });
      }
    }
    const mcpOrigin = parseUrl(facts.mcpUrl())?.origin;
    if (facts.revision >= '2025-06-18' && !facts.prm() && mcpOrigin !== undefined && parseUrl(answered.ex.request.url)?.origin === mcpOrigin) {
      findings.push({
        severity: 'warning',
        title: 'Only the 2025-03-26 discovery works',
        message:
          `No protected resource metadata was found, and the authorization server metadata came from the MCP server's own origin (${answered.ex.request.url}), ` +
          `the 2025-03-26 way. Clients of MCP ${facts.revision} discover the authorization server through protected resource metadata and will not find it. ` +
          'Server side: serve protected resource metadata that names the authorization server.',
        evidence: [{ exchangeId: answered.ex.id, location: { kind: 'response-status' }, value: String(answered.ex.response.status) }],
        spec: mcp(facts.revision, 'prm-discovery', 'authorization server location'),
      });
    }
    if (kind === 'openid-appended' && failedBefore.length > 0) {
      findings.push({
        severity: 'warning',
        title: 'Only the legacy path-appended OpenID URL works',
        message:
          `Metadata answered only at ${answered.ex.request.url}, the OpenID Connect path-appended form; the RFC 8414 path-inserted URLs did not answer. ` +
          'Clients that follow RFC 8414 only will not find the server. Server side: also serve the metadata at the path-inserted well-known URL.',
        evidence: [{ exchangeId: answered.ex.id, location: { kind: 'response-status' }, value: String(answered.ex.response.status) }],
        spec: rfc(8414, '3.1'),
      });
    }
    return findings;
  },
};

const dsc03: Rule = {
  id: 'DSC-03',
  title: 'Required AS metadata is missing',
  severities: ['error'],
  revisions: ALL,
  spec: rfc(8414, '2'),
  check(facts) {
    const at = facts.asMetadata();
    if (!at) return [];
    const missing = ['authorization_endpoint', 'token_endpoint', 'response_types_supported'].filter((f) => at.doc[f] === undefined);
    if (missing.length === 0) return [];
    return [
      {
        severity: 'error',
        message: `The authorization server metadata lacks ${missing.join(', ')}, which RFC 8414 requires for the authorization code flow. Server side: publish them.`,
        evidence: missing.map((f): Evidence => ({ exchangeId: at.ex.id, location: { kind: 'response-json', pointer: `/${f}` }, value: 'absent' })),
      },
    ];
  },
};

const dsc04: Rule = {
  id: 'DSC-04',
  title: 'PKCE S256 is not advertised or not used',
  severities: ['error', 'warning'],
  revisions: ALL,
  severityByRevision: { '2026-07-28': ['error'], '2025-11-25': ['error'], '2025-06-18': ['error', 'warning'], '2025-03-26': ['error', 'warning'] },
  spec: mcp('2025-11-25', 'pkce', 'authorization code protection'),
  check(facts) {
    const findings: Finding[] = [];
    const spec = facts.revision >= '2025-11-25' ? mcp(facts.revision, 'pkce', 'authorization code protection') : rfc(7636, '4.2');
    const at = facts.asMetadata();
    if (at) {
      const methods = stringArray(at.doc.code_challenge_methods_supported);
      const evidence: Evidence = {
        exchangeId: at.ex.id,
        location: { kind: 'response-json', pointer: '/code_challenge_methods_supported' },
        value: methods ? quote(methods) : 'absent',
      };
      if (!methods) {
        const mustRefuse = facts.revision >= '2025-11-25';
        findings.push({
          severity: mustRefuse ? 'error' : 'warning',
          message:
            'The authorization server metadata has no code_challenge_methods_supported, so a client cannot tell whether PKCE is supported' +
            (mustRefuse ? `; MCP ${facts.revision} clients must refuse to proceed.` : '.') +
            ' Server side: publish code_challenge_methods_supported ["S256"].',
          evidence: [evidence],
          spec,
        });
      } else if (!methods.includes('S256')) {
        findings.push({
          severity: 'error',
          message: `code_challenge_methods_supported is ${quote(methods)}, without "S256". Server side: support and advertise S256.`,
          evidence: [evidence],
          spec,
        });
      }
    }
    const a = facts.authorizeRequests()[0];
    if (a) {
      const challenge = a.params.get('code_challenge');
      const method = a.params.get('code_challenge_method');
      if (!challenge) {
        findings.push({
          severity: 'error',
          message: 'The authorization request carries no code_challenge: the flow runs without PKCE. Client side: send an S256 code_challenge.',
          evidence: [{ exchangeId: a.ex.id, location: a.location('code_challenge'), value: 'absent' }],
          spec,
        });
      } else if (method !== 'S256') {
        findings.push({
          severity: 'error',
          message:
            `The authorization request uses PKCE method ${method === null ? 'plain (code_challenge_method is absent, which means plain)' : JSON.stringify(method)}. ` +
            'Client side: use S256.',
          evidence: [{ exchangeId: a.ex.id, location: a.location('code_challenge_method'), value: method ?? 'absent' }],
          spec,
        });
      }
      const t = facts.tokenRequests().find((r) => r.grant === 'authorization_code');
      if (challenge && t && !t.auth.form?.get('code_verifier')) {
        findings.push({
          severity: 'error',
          message: 'The authorization request sent a code_challenge but the token request has no code_verifier. Client side: send the code_verifier.',
          evidence: [{ exchangeId: t.ex.id, location: { kind: 'request-form', name: 'code_verifier' }, value: 'absent' }],
          spec,
        });
      }
    }
    return findings;
  },
};

interface Endpoint {
  url: string;
  evidence: Evidence;
}

function endpoints(facts: Facts): Endpoint[] {
  const out: Endpoint[] = [];
  const at = facts.asMetadata();
  if (at) {
    for (const [field, value] of Object.entries(at.doc)) {
      if ((field === 'issuer' || field.endsWith('_endpoint') || field === 'jwks_uri') && typeof value === 'string') {
        out.push({ url: value, evidence: { exchangeId: at.ex.id, location: { kind: 'response-json', pointer: `/${field}` }, value } });
      }
    }
  }
  const prm = facts.prm();
  if (prm) {
    const resource = str(prm.doc.resource);
    if (resource) out.push({ url: resource, evidence: { exchangeId: prm.ex.id, location: { kind: 'response-json', pointer: '/resource' }, value: resource } });
    (stringArray(prm.doc.authorization_servers) ?? []).forEach((s, i) =>
      out.push({ url: s, evidence: { exchangeId: prm.ex.id, location: { kind: 'response-json', pointer: `/authorization_servers/${i}` }, value: s } }),
    );
  }
  const mcpUrl = facts.mcpUrl();
  if (mcpUrl) out.push({ url: mcpUrl, evidence: { location: { kind: 'config', field: 'target.url' }, value: mcpUrl } });
  return out;
}

const dsc05: Rule = {
  id: 'DSC-05',
  title: 'Endpoints are not https',
  severities: ['error', 'info'],
  revisions: ALL,
  spec: oauth21('1.5'),
  check(facts) {
    const plain = endpoints(facts).filter((e) => parseUrl(e.url)?.protocol === 'http:');
    const loopback = plain.filter((e) => isLoopbackUrl(parseUrl(e.url)));
    const remote = plain.filter((e) => !isLoopbackUrl(parseUrl(e.url)));
    const findings: Finding[] = [];
    if (remote.length > 0) {
      findings.push({
        severity: 'error',
        message:
          `These endpoints use plain http on a non-loopback host: ${[...new Set(remote.map((e) => e.url))].join(', ')}. ` +
          'Codes, tokens and credentials would travel unencrypted. Server side: serve them over https.',
        evidence: remote.map((e) => e.evidence),
      });
    }
    if (loopback.length > 0) {
      findings.push({
        severity: 'info',
        title: 'Endpoints use http on loopback',
        message: `Endpoints use http on a loopback address (${[...new Set(loopback.map((e) => parseUrl(e.url)?.origin))].join(', ')}). That is fine for local development; deployed servers need https.`,
        evidence: loopback.map((e) => e.evidence),
      });
    }
    return findings;
  },
};

const dsc06: Rule = {
  id: 'DSC-06',
  title: 'A well-known URL answered with a redirect',
  severities: ['error'],
  revisions: ALL,
  spec: rfc(8414, '3.2'),
  check(facts) {
    const findings: Finding[] = [];
    for (const role of ['as-metadata', 'resource-metadata'] as const) {
      const ex = facts.responses(role).find((e) => isRedirect(e.response));
      if (!ex) continue;
      const location = responseHeader(ex, 'location');
      findings.push({
        severity: 'error',
        message:
          `${ex.request.url} answered ${ex.response.status} with a redirect${location ? ` to ${location}` : ''}. Metadata must be served directly with 200; ` +
          'many clients do not follow redirects for metadata, and following one lets another origin answer for this server. Server side: serve the document at the well-known URL itself.',
        evidence: [
          { exchangeId: ex.id, location: { kind: 'response-status' }, value: String(ex.response.status) },
          ...(location ? [{ exchangeId: ex.id, location: { kind: 'response-header' as const, name: 'Location' }, value: location }] : []),
        ],
        ...(role === 'resource-metadata' && { spec: rfc(9728, '3.2') }),
      });
    }
    return findings;
  },
};

export const discoveryRules: Rule[] = [dsc01, dsc02, dsc03, dsc04, dsc05, dsc06];
