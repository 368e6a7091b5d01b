import type { Evidence, Exchange, Severity } from '../model.js';
import type { Facts } from './facts.js';
import { mcp, OIDC_REGISTRATION, oauth21, rfc } from './spec.js';
import { ALL } from './revisions.js';
import type { Finding, Rule } from './types.js';
import { isLoopbackUrl, isObject, list, parseUrl, quote, responded, str, stringArray } from './util.js';

/** Exact match, except that a loopback URI may differ in its port (RFC 8252 §7.3). */
export function redirectMatches(used: string, registered: string): boolean {
  if (used === registered) return true;
  const a = parseUrl(used);
  const b = parseUrl(registered);
  if (!a || !b || !isLoopbackUrl(a) || a.protocol !== 'http:') return false;
  return a.protocol === b.protocol && a.hostname === b.hostname && a.pathname === b.pathname && a.search === b.search;
}

function registeredRedirects(facts: Facts): { uris: string[]; evidence: Evidence } | undefined {
  const fromRegistration = facts.registeredRedirectUris();
  if (fromRegistration) return fromRegistration;
  const cimd = facts.documents('client-metadata')[0];
  const uris = stringArray(cimd?.doc.redirect_uris);
  if (!cimd || !uris) return undefined;
  return { uris, evidence: { exchangeId: cimd.ex.id, location: { kind: 'response-json', pointer: '/redirect_uris' }, value: quote(uris) } };
}

const reg01: Rule = {
  id: 'REG-01',
  title: 'The authorize redirect_uri is not a registered one',
  severities: ['error'],
  revisions: ALL,
  spec: oauth21('2.3'),
  check(facts) {
    const registered = registeredRedirects(facts);
    if (!registered) return [];
    const findings: Finding[] = [];
    // Each redirect_uri is judged once: reported the first time, or known to match.
    const seen = new Set<string>();
    for (const a of facts.authorizeRequests()) {
      const used = a.params.get('redirect_uri');
      if (used === null || seen.has(used)) continue;
      seen.add(used);
      if (registered.uris.some((r) => redirectMatches(used, r))) continue;
      findings.push({
        severity: 'error',
        message:
          `The authorization request uses redirect_uri ${JSON.stringify(used)}, which is not one of the registered ${list(registered.uris)}. ` +
          'Redirect URIs are compared exactly (only a loopback URI may differ in its port), so the server must refuse it. ' +
          'Client side: send a registered redirect_uri, or register this one.',
        evidence: [{ exchangeId: a.ex.id, location: a.location('redirect_uri'), value: used }, registered.evidence],
      });
    }
    return findings;
  },
};

const reg02: Rule = {
  id: 'REG-02',
  title: 'Loopback redirect URI problems',
  severities: ['error', 'info'],
  revisions: ALL,
  spec: rfc(8252, '7.3'),
  check(facts) {
    const findings: Finding[] = [];
    const registered = registeredRedirects(facts);
    const used = facts.authorizeRequests().flatMap((a) => {
      const uri = a.params.get('redirect_uri');
      return uri === null ? [] : [{ uri, evidence: { exchangeId: a.ex.id, location: a.location('redirect_uri'), value: uri } as Evidence, ex: a.ex }];
    });
    const seen = new Set<string>();
    const all = [
      ...used,
      ...(registered?.uris.map((uri) => ({ uri, evidence: registered.evidence, ex: undefined })) ?? []),
    ].filter((u) => !seen.has(u.uri) && seen.add(u.uri));
    const localhost = all.find((u) => parseUrl(u.uri)?.hostname === 'localhost');
    if (localhost) {
      findings.push({
        severity: 'info',
        title: 'Loopback redirect URI uses localhost',
        message:
          `The redirect URI ${JSON.stringify(localhost.uri)} uses "localhost". RFC 8252 §8.3 recommends the literal 127.0.0.1 or [::1]: ` +
          '"localhost" can resolve elsewhere or to the other IP family, and servers compare it as a different host. Client side: listen on and register 127.0.0.1.',
        evidence: [localhost.evidence],
        spec: rfc(8252, '8.3'),
      });
    }
    const insecure = all.find((u) => {
      const url = parseUrl(u.uri);
      return url?.protocol === 'http:' && !isLoopbackUrl(url);
    });
    if (insecure) {
      findings.push({
        severity: 'error',
        title: 'Redirect URI uses http on a non-loopback host',
        message:
          `The redirect URI ${JSON.stringify(insecure.uri)} is plain http on a host that is not loopback, so the authorization code travels unprotected. ` +
          'Client side: use https, or a loopback address for a native client.',
        evidence: [insecure.evidence],
        spec: oauth21('2.3.1'),
      });
    }
    if (registered) {
      for (const u of used) {
        const rejected = u.ex && responded(u.ex) && u.ex.response.status >= 400;
        if (!rejected || registered.uris.includes(u.uri) || !isLoopbackUrl(parseUrl(u.uri))) continue;
        const portOnly = registered.uris.some((r) => redirectMatches(u.uri, r));
        if (!portOnly) continue;
        findings.push({
          severity: 'error',
          title: 'The server rejects another port on a loopback redirect URI',
          message:
            `The authorization request used the loopback redirect URI ${JSON.stringify(u.uri)}, which differs from the registered one only in its port, ` +
            `and the server refused it (HTTP ${responded(u.ex) ? u.ex.response.status : ''}). Native clients get a new ephemeral port every run; ` +
            'RFC 8252 §7.3 requires the server to allow any port for loopback redirect URIs. Server side: ignore the port when matching loopback URIs.',
          evidence: [u.evidence, registered.evidence, { exchangeId: u.ex.id, location: { kind: 'response-status' }, value: String(responded(u.ex) ? u.ex.response.status : '') }],
        });
        break;
      }
    }
    return findings;
  },
};

const reg03: Rule = {
  id: 'REG-03',
  title: 'The grant in use is not registered or not supported',
  severities: ['error'],
  revisions: ALL,
  spec: rfc(7591, '2'),
  check(facts) {
    const findings: Finding[] = [];
    const reg = facts.registration();
    const client = facts.session.client;
    const registeredGrants = stringArray(reg?.response.grant_types) ?? (reg ? undefined : client?.grant_types);
    const regEvidence: Evidence | undefined = registeredGrants
      ? reg
        ? { exchangeId: reg.ex.id, location: { kind: 'response-json', pointer: '/grant_types' }, value: quote(registeredGrants) }
        : { location: { kind: 'client', field: 'grant_types' }, value: quote(registeredGrants) }
      : undefined;
    const as = facts.asMetadata();
    const supported = stringArray(as?.doc.grant_types_supported);
    const seen = new Set<string>();
    for (const t of facts.tokenRequests()) {
      const grant = t.grant;
      if (!grant || seen.has(grant)) continue;
      seen.add(grant);
      const grantEvidence: Evidence = { exchangeId: t.ex.id, location: { kind: 'request-form', name: 'grant_type' }, value: grant };
      if (registeredGrants && regEvidence && !registeredGrants.includes(grant)) {
        findings.push({
          severity: 'error',
          message:
            `The client uses the ${grant} grant, but its registered grant_types are ${list(registeredGrants)}. ` +
            `Client side: register with "${grant}" in grant_types; server side: if the grant should work, register it.`,
          evidence: [grantEvidence, regEvidence],
        });
      }
      if (as && supported && !supported.includes(grant)) {
        findings.push({
          severity: 'error',
          message:
            `The client uses the ${grant} grant, but the authorization server's grant_types_supported is ${list(supported)}. ` +
            `Server side: list "${grant}" if it is supported; client side: do not rely on it.`,
          evidence: [grantEvidence, { exchangeId: as.ex.id, location: { kind: 'response-json', pointer: '/grant_types_supported' }, value: quote(supported) }],
          spec: rfc(8414, '2'),
        });
      }
    }
    return findings;
  },
};

const reg04: Rule = {
  id: 'REG-04',
  title: 'The code response type is not registered or not supported',
  severities: ['error'],
  revisions: ALL,
  spec: rfc(7591, '2'),
  check(facts) {
    const findings: Finding[] = [];
    const reg = facts.registration();
    const registered = stringArray(reg?.response.response_types) ?? (reg ? undefined : facts.session.client?.response_types);
    if (registered && !registered.includes('code')) {
      findings.push({
        severity: 'error',
        message: `The client's registered response_types ${list(registered)} do not include "code", so the authorization code flow cannot run. Client side: register response_types ["code"].`,
        evidence: [
          reg
            ? { exchangeId: reg.ex.id, location: { kind: 'response-json', pointer: '/response_types' }, value: quote(registered) }
            : { location: { kind: 'client', field: 'response_types' }, value: quote(registered) },
        ],
      });
    }
    const as = facts.asMetadata();
    const supported = stringArray(as?.doc.response_types_supported);
    if (as && supported && !supported.includes('code')) {
      findings.push({
        severity: 'error',
        message: `The authorization server's response_types_supported ${list(supported)} does not include "code". Server side: support and advertise "code".`,
        evidence: [{ exchangeId: as.ex.id, location: { kind: 'response-json', pointer: '/response_types_supported' }, value: quote(supported) }],
        spec: rfc(8414, '2'),
      });
    }
    return findings;
  },
};

const reg05: Rule = {
  id: 'REG-05',
  title: "The token request's redirect_uri differs from the authorize request's",
  severities: ['error'],
  revisions: ALL,
  spec: oauth21('4.1.3'),
  check(facts) {
    const authorizes = facts.authorizeRequests();
    for (const t of facts.tokenRequests()) {
      if (t.grant !== 'authorization_code') continue;
      const a = facts.lastBefore(authorizes, t.ex.id);
      const sent = a?.params.get('redirect_uri');
      if (!a || sent === null || sent === undefined) continue;
      const inToken = t.auth.form?.get('redirect_uri') ?? null;
      if (inToken === sent) continue;
      return [
        {
          severity: 'error',
          message:
            inToken === null
              ? `The authorization request sent redirect_uri ${JSON.stringify(sent)} but the token request sent none; it is required when the authorization request had one. Client side: send the same redirect_uri.`
              : `The token request sends redirect_uri ${JSON.stringify(inToken)}, but the authorization request sent ${JSON.stringify(sent)}; the server must refuse the code (invalid_grant). Client side: send the identical redirect_uri.`,
          evidence: [
            { exchangeId: a.ex.id, location: a.location('redirect_uri'), value: sent },
            { exchangeId: t.ex.id, location: { kind: 'request-form', name: 'redirect_uri' }, value: inToken ?? 'absent' },
          ],
        },
      ];
    }
    return [];
  },
};

const reg06: Rule = {
  id: 'REG-06',
  title: 'Dynamic client registration answered 200 instead of 201',
  severities: ['warning'],
  revisions: ALL,
  spec: rfc(7591, '3.2.1'),
  check(facts) {
    const reg = facts.registration();
    if (!reg || !responded(reg.ex) || reg.ex.response.status !== 200) return [];
    return [
      {
        severity: 'warning',
        message:
          'The registration endpoint answered 200 OK; RFC 7591 requires 201 Created for a successful registration, and strict clients treat anything else as a failure. Server side: answer 201.',
        evidence: [{ exchangeId: reg.ex.id, location: { kind: 'response-status' }, value: '200' }],
      },
    ];
  },
};

const reg07: Rule = {
  id: 'REG-07',
  title: 'Client registration path against the spec priority',
  severities: ['warning', 'info'],
  revisions: ALL,
  severityByRevision: { '2026-07-28': ['warning', 'info'], '2025-11-25': ['info', 'warning'], '2025-06-18': ['warning'], '2025-03-26': ['warning'] },
  spec: mcp('2025-11-25', 'registration', 'client registration'),
  check(facts) {
    const first = facts.byRole('registration')[0];
    const as = facts.asMetadata();
    if (!first || !as) return [];
    const findings: Finding[] = [];
    if (!str(as.doc.registration_endpoint)) {
      findings.push({
        severity: 'warning',
        title: 'Dynamic client registration tried without a registration_endpoint',
        message:
          `The client tried dynamic client registration at ${first.request.url}, but the authorization server metadata has no registration_endpoint, ` +
          'so the server does not offer DCR. Client side: use a pre-registered client or a client ID metadata document.',
        evidence: [
          { exchangeId: as.ex.id, location: { kind: 'response-json', pointer: '/registration_endpoint' }, value: 'absent' },
          { exchangeId: first.id, location: { kind: 'response-status' }, value: responded(first) ? String(first.response.status) : first.outcome },
        ],
        spec: mcp(facts.revision, 'dcr', 'dynamic client registration'),
      });
    }
    if (as.doc.client_id_metadata_document_supported === true && facts.revision >= '2025-11-25') {
      const current = facts.revision === '2026-07-28';
      // Only a client that has a metadata document can follow the priority; one without it falls back to DCR legitimately.
      const hasDocument = facts.session.config.clientMetadataUrl !== undefined || facts.byRole('client-metadata').length > 0;
      findings.push({
        severity: current && hasDocument ? 'warning' : 'info',
        message:
          'The client used dynamic client registration although the authorization server supports client ID metadata documents ' +
          `(client_id_metadata_document_supported: true), which the MCP ${facts.revision} priority order puts first` +
          (current ? '; DCR is deprecated since 2026-07-28.' : '.') +
          (hasDocument
            ? ' Client side: this client has a metadata document; use it as the client_id.'
            : ' Client side: publish a client ID metadata document at an https URL and use it as the client_id.'),
        evidence: [
          { exchangeId: as.ex.id, location: { kind: 'response-json', pointer: '/client_id_metadata_document_supported' }, value: 'true' },
          { exchangeId: first.id, location: { kind: 'response-status' }, value: responded(first) ? String(first.response.status) : first.outcome },
        ],
        spec: mcp(facts.revision, 'registration', 'client registration priority'),
      });
    }
    return findings;
  },
};

function currentIssuerEvidence(facts: Facts, at?: Exchange): Evidence {
  const as = at ? facts.asMetadataAt(at) : facts.asMetadata();
  const issuer = (at ? facts.issuerAt(at) : facts.issuer()) ?? '';
  return as && str(as.doc.issuer) === issuer
    ? { exchangeId: as.ex.id, location: { kind: 'response-json', pointer: '/issuer' }, value: issuer }
    : { location: { kind: 'config', field: 'issuer' }, value: issuer };
}

const reg08: Rule = {
  id: 'REG-08',
  title: 'Client or tokens issued by another issuer',
  severities: ['error', 'warning'],
  revisions: ALL,
  severityByRevision: { '2026-07-28': ['error'], '2025-11-25': ['warning'], '2025-06-18': ['warning'], '2025-03-26': ['warning'] },
  spec: mcp('2026-07-28', 'issuer', 'authorization server binding'),
  check(facts) {
    const issuer = facts.issuer();
    if (!issuer) return [];
    const severity: Severity = facts.revision === '2026-07-28' ? 'error' : 'warning';
    const spec = facts.revision === '2026-07-28' ? mcp(facts.revision, 'issuer', 'authorization server binding') : rfc(6749, '2.2');
    const findings: Finding[] = [];
    const client = facts.session.client;
    if (client && client.issuer !== issuer) {
      findings.push({
        severity,
        message:
          `The stored client ${JSON.stringify(client.client_id)} was issued by ${JSON.stringify(client.issuer)}, but this session talks to ${JSON.stringify(issuer)}. ` +
          'Client IDs and credentials belong to the issuer that created them. Client side: keep clients per issuer and register (or look up) a client for this one.',
        evidence: [{ location: { kind: 'client', field: 'issuer' }, value: client.issuer }, currentIssuerEvidence(facts)],
        spec,
      });
    }
    for (const t of facts.tokenRequests()) {
      const body = facts.resJson(t.ex);
      const token = isObject(body) ? str(body.access_token) : undefined;
      const iss = token ? str(facts.jwtPayload(token)?.iss) : undefined;
      const issuerThen = facts.issuerAt(t.ex) ?? issuer;
      if (!iss || iss === issuerThen) continue;
      findings.push({
        severity,
        message:
          `The access token from ${t.ex.request.url} carries iss ${JSON.stringify(iss)}, but the issuer in use is ${JSON.stringify(issuerThen)}. ` +
          'Tokens are bound to the issuer that minted them. Client side: do not reuse tokens across authorization servers; server side: mint tokens with the advertised issuer.',
        evidence: [{ exchangeId: t.ex.id, location: { kind: 'response-json', pointer: '/access_token' }, value: `JWT with iss ${iss}` }, currentIssuerEvidence(facts, t.ex)],
        spec,
      });
      break;
    }
    return findings;
  },
};

const reg09: Rule = {
  id: 'REG-09',
  title: 'Dynamic client registration without the right application_type',
  severities: ['error', 'info'],
  revisions: ALL,
  severityByRevision: { '2026-07-28': ['error'], '2025-11-25': ['info'], '2025-06-18': ['info'], '2025-03-26': ['info'] },
  spec: OIDC_REGISTRATION,
  check(facts) {
    const reg = facts.registrationRequest();
    if (!reg) return [];
    const current = facts.revision === '2026-07-28';
    const severity: Severity = current ? 'error' : 'info';
    const spec = current ? mcp(facts.revision, 'dcr', 'dynamic client registration') : OIDC_REGISTRATION;
    const type = reg.request.application_type;
    const redirects = stringArray(reg.request.redirect_uris) ?? [];
    const loopback = redirects.some((u) => isLoopbackUrl(parseUrl(u)));
    if (type === undefined) {
      return [
        {
          severity,
          message:
            'The registration request has no application_type, so an OpenID Connect server registers the client as "web" and may refuse loopback redirect URIs' +
            (current ? '; MCP 2026-07-28 requires clients to send it.' : '.') +
            ` Client side: send application_type "${loopback ? 'native' : 'web'}".`,
          evidence: [{ exchangeId: reg.ex.id, location: { kind: 'request-json', pointer: '/application_type' }, value: 'absent' }],
          spec,
        },
      ];
    }
    if (type === 'web' && loopback) {
      return [
        {
          severity,
          message:
            'A native client with loopback redirect URIs registers as application_type "web"; servers may reject the loopback redirect URIs or treat the client as confidential. ' +
            'Client side: register as "native".',
          evidence: [
            { exchangeId: reg.ex.id, location: { kind: 'request-json', pointer: '/application_type' }, value: 'web' },
            { exchangeId: reg.ex.id, location: { kind: 'request-json', pointer: '/redirect_uris' }, value: quote(redirects) },
          ],
          spec,
        },
      ];
    }
    return [];
  },
};

export const registrationRules: Rule[] = [reg01, reg02, reg03, reg04, reg05, reg06, reg07, reg08, reg09];
