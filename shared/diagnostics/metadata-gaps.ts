// What metadata alone shows will shut clients out, before any client tries: no way to register,
// no public clients, no scopes to ask for, bearer methods MCP forbids, grants OAuth 2.1 removed, an
// error code on a challenge to a request without credentials, and an MCP endpoint that is a web page.
import { headerValue, type Evidence } from '../model.js';
import { mcp, oauth21, rfc } from './spec.js';
import { ALL } from './revisions.js';
import type { Finding, Rule } from './types.js';
import { is2xx, quote, responded, stringArray } from './util.js';

const reg10: Rule = {
  id: 'REG-10',
  title: 'No way for an MCP client to register',
  severities: ['warning'],
  revisions: ALL,
  spec: mcp('2026-07-28', 'registration', 'client registration'),
  check(facts) {
    const as = facts.asMetadata();
    if (!as || typeof as.doc.registration_endpoint === 'string' || as.doc.client_id_metadata_document_supported === true) return [];
    return [
      {
        severity: 'warning',
        message:
          'The authorization server metadata has no registration_endpoint and does not advertise client_id_metadata_document_supported, so an MCP client that has no client id configured for this server cannot register: Claude Code stops with "Incompatible auth server", VS Code asks the user for a client id. ' +
          'Server side: offer dynamic client registration (RFC 7591) or client ID metadata documents; or document the client id users must configure.',
        evidence: [
          { exchangeId: as.ex.id, location: { kind: 'response-json', pointer: '/registration_endpoint' }, value: 'absent' },
          { exchangeId: as.ex.id, location: { kind: 'response-json', pointer: '/client_id_metadata_document_supported' }, value: quote(as.doc.client_id_metadata_document_supported ?? 'absent') },
        ],
        symptom: 'Incompatible auth server: does not support dynamic client registration',
      },
    ];
  },
};

const am10: Rule = {
  id: 'AM-10',
  title: 'Public clients are shut out: none is not advertised',
  severities: ['warning'],
  revisions: ALL,
  spec: mcp('2026-07-28', 'public-clients', 'public clients'),
  check(facts) {
    const adv = facts.advertised();
    // AM-02 says it more precisely once the server has registered or accepted a public client.
    if (!adv || adv.methods.includes('none') || facts.registered()?.method === 'none') return [];
    return [
      {
        severity: 'warning',
        message:
          `The authorization server ${adv.explicit ? `advertises token_endpoint_auth_methods_supported ${quote(adv.methods)}` : 'publishes no token_endpoint_auth_methods_supported, which RFC 8414 reads as ["client_secret_basic"]'}, without "none". ` +
          'MCP desktop and CLI clients are public clients: those that trust the metadata conclude they cannot use this server, or pick a secret method they have no secret for. ' +
          'Server side: if public clients are accepted, advertise "none"; if not, say so in the documentation.',
        evidence: [adv.evidence],
      },
    ];
  },
};

const dsc07: Rule = {
  id: 'DSC-07',
  title: 'No scopes_supported to ask for',
  severities: ['warning', 'info'],
  revisions: ALL,
  spec: rfc(9728, '2'),
  check(facts) {
    const findings: Finding[] = [];
    const prm = facts.prm();
    const challenged = facts.challenges().some((c) => c.params?.scope);
    const empty = (value: unknown) => value === undefined || (Array.isArray(value) && value.length === 0);
    if (prm && empty(prm.doc.scopes_supported) && !challenged) {
      findings.push({
        severity: 'warning',
        message:
          `The protected resource metadata has ${prm.doc.scopes_supported === undefined ? 'no' : 'an empty'} scopes_supported and the 401 challenge names no scope, so a client following the MCP scope selection strategy asks for no scope; authorization servers that need one answer invalid_scope or access_denied (CB-03). ` +
          'Server side: list the scopes in the resource metadata, or name the needed scope in the challenge.',
        evidence: [{ exchangeId: prm.ex.id, location: { kind: 'response-json', pointer: '/scopes_supported' }, value: prm.doc.scopes_supported === undefined ? 'absent' : '[]' }],
        spec: mcp(facts.revision, 'scope-selection', 'scope selection strategy'),
      });
    }
    const as = facts.asMetadata();
    if (as && empty(as.doc.scopes_supported)) {
      findings.push({
        severity: 'info',
        message: `The authorization server metadata has ${as.doc.scopes_supported === undefined ? 'no' : 'an empty'} scopes_supported (RECOMMENDED by RFC 8414 §2). Clients started from the authorization server have nothing to ask for.`,
        evidence: [{ exchangeId: as.ex.id, location: { kind: 'response-json', pointer: '/scopes_supported' }, value: as.doc.scopes_supported === undefined ? 'absent' : '[]' }],
        spec: rfc(8414, '2'),
      });
    }
    return findings;
  },
};

const BEARER_METHODS = new Set(['header', 'body', 'query']);

const prm05: Rule = {
  id: 'PRM-05',
  title: 'bearer_methods_supported names a method MCP forbids, or one that does not exist',
  severities: ['warning'],
  revisions: ALL,
  spec: rfc(9728, '2'),
  check(facts) {
    const prm = facts.prm();
    const methods = stringArray(prm?.doc.bearer_methods_supported);
    if (!prm || !methods) return [];
    const unknown = methods.filter((m) => !BEARER_METHODS.has(m));
    const forbidden = methods.filter((m) => m === 'query' || m === 'body');
    if (unknown.length === 0 && forbidden.length === 0) return [];
    const parts = [
      ...(forbidden.length ? [`${quote(forbidden)}: MCP clients must send the token in the Authorization header and never in the query string (MCP authorization, token requirements)`] : []),
      ...(unknown.length ? [`${quote(unknown)}: not a method RFC 6750 defines (header, body, query)`] : []),
    ];
    return [
      {
        severity: 'warning',
        message: `The protected resource metadata lists bearer_methods_supported ${quote(methods)}; ${parts.join('; ')}. Server side: list ["header"].`,
        evidence: [{ exchangeId: prm.ex.id, location: { kind: 'response-json', pointer: '/bearer_methods_supported' }, value: quote(methods) }],
      },
    ];
  },
};

const dsc08: Rule = {
  id: 'DSC-08',
  title: 'The implicit or password grant is advertised',
  severities: ['warning'],
  revisions: ALL,
  spec: oauth21('10.1'),
  check(facts) {
    const as = facts.asMetadata();
    if (!as) return [];
    const grants = (stringArray(as.doc.grant_types_supported) ?? []).filter((g) => g === 'implicit' || g === 'password');
    const tokenResponses = (stringArray(as.doc.response_types_supported) ?? []).filter((r) => r.split(' ').includes('token'));
    if (grants.length === 0 && tokenResponses.length === 0) return [];
    const evidence: Evidence[] = [];
    if (grants.length) evidence.push({ exchangeId: as.ex.id, location: { kind: 'response-json', pointer: '/grant_types_supported' }, value: quote(grants) });
    if (tokenResponses.length) evidence.push({ exchangeId: as.ex.id, location: { kind: 'response-json', pointer: '/response_types_supported' }, value: quote(tokenResponses) });
    return [
      {
        severity: 'warning',
        message:
          `The authorization server advertises ${[...grants.map((g) => `the ${g} grant`), ...tokenResponses.map((r) => `response type "${r}" (tokens in the redirect)`)].join(' and ')}, which OAuth 2.1 removes and the MCP authorization spec (built on OAuth 2.1) does not allow. ` +
          'Server side: drop them from the metadata, and from the server.',
        evidence,
      },
    ];
  },
};

const wwa06: Rule = {
  id: 'WWA-06',
  title: 'An error code on the challenge to a request without credentials',
  severities: ['warning'],
  revisions: ALL,
  spec: rfc(6750, '3.1'),
  check(facts) {
    const odd = facts
      .challenges()
      .find((c) => c.ex.response.status === 401 && headerValue(c.ex.request.headers, 'authorization') === undefined && c.params?.error !== undefined);
    if (!odd) return [];
    return [
      {
        severity: 'warning',
        message:
          `${odd.ex.request.url} answered a request that carried no credentials with error="${odd.params!.error}". RFC 6750 §3.1: when a request lacks authentication, the server SHOULD NOT include an error code. ` +
          'Clients that read invalid_token as "the token expired" try to refresh a token they never had, or report the wrong problem. Server side: send the challenge without error.',
        evidence: [{ exchangeId: odd.ex.id, location: { kind: 'response-header', name: 'WWW-Authenticate' }, value: odd.headers.join(', ') }],
      },
    ];
  },
};

const http04: Rule = {
  id: 'HTTP-04',
  title: 'The MCP endpoint answered with a web page',
  severities: ['error'],
  revisions: ALL,
  spec: mcp('2026-07-28', 'communication', 'communication'),
  check(facts) {
    const page = [...facts.byRole('mcp-probe'), ...facts.byRole('mcp')].find(
      (ex) => responded(ex) && is2xx(ex.response) && /^text\/html\b/i.test(headerValue(ex.response.headers, 'content-type') ?? ''),
    );
    if (!page || !responded(page)) return [];
    return [
      {
        severity: 'error',
        message:
          `${page.request.url} answered an MCP request with ${page.response.status} and an HTML page: a login wall in front of the server, or a URL that is not the MCP endpoint. An MCP client gets neither a JSON-RPC answer nor a 401 challenge to start authorization from. ` +
          'Check the MCP endpoint URL (often /mcp); server side: answer unauthenticated MCP requests with 401 and a WWW-Authenticate challenge.',
        evidence: [{ exchangeId: page.id, location: { kind: 'response-header', name: 'Content-Type' }, value: headerValue(page.response.headers, 'content-type') ?? '' }],
      },
    ];
  },
};

export const metadataGapRules: Rule[] = [reg10, am10, dsc07, prm05, dsc08, wwa06, http04];
