// DPoP (RFC 9449): tokens bound to a key must be presented with it, proofs must match the request
// they ride on, nonces a server demands must be sent, and a resource that requires DPoP must get it.
import { headerValue, type Evidence, type Exchange } from '../model.js';
import { isRedacted } from '../har/redact.js';
import { asksForNonce, athProblem, type DpopProblem } from '../interpret/dpop.js';
import type { Facts } from './facts.js';
import { rfc } from './spec.js';
import { ALL } from './revisions.js';
import type { Finding, Rule } from './types.js';
import { isObject, quote, responded, str } from './util.js';

/** The scheme and token of an Authorization header (`DPoP abc`, `Bearer abc`). */
function presented(ex: Exchange): { scheme: string; token: string } | undefined {
  const authorization = headerValue(ex.request.headers, 'authorization');
  const m = authorization ? /^(\S+)\s+(\S+)/.exec(authorization) : null;
  return m ? { scheme: m[1]!.toLowerCase(), token: m[2]! } : undefined;
}

/** Access tokens issued as DPoP-bound (`token_type` DPoP), by value, with the exchange that issued each. */
function boundTokens(facts: Facts): Map<string, string> {
  const bound = new Map<string, string>();
  for (const t of facts.tokenRequests()) {
    const body = facts.resJson(t.ex);
    if (isObject(body) && typeof body.access_token === 'string' && str(body.token_type)?.toLowerCase() === 'dpop') bound.set(body.access_token, t.ex.id);
  }
  return bound;
}

const resourceRequests = (facts: Facts): readonly Exchange[] => facts.byRole('mcp');

const dpop01: Rule = {
  id: 'DPOP-01',
  title: 'A DPoP-bound access token presented as a Bearer token, or without a proof',
  severities: ['error'],
  revisions: ALL,
  spec: rfc(9449, '7.1'),
  check(facts) {
    const bound = boundTokens(facts);
    if (bound.size === 0) return [];
    for (const ex of resourceRequests(facts)) {
      const p = presented(ex);
      if (!p || !bound.has(p.token)) continue;
      const bearer = p.scheme === 'bearer';
      if (!bearer && headerValue(ex.request.headers, 'dpop') !== undefined) continue;
      return [
        {
          severity: 'error',
          message: bearer
            ? `The token endpoint issued a DPoP-bound token (token_type "DPoP"), and it went to ${ex.request.url} with the Bearer scheme. A DPoP-bound token is sent as "Authorization: DPoP <token>" with a fresh DPoP proof; resource servers refuse it otherwise. Client side: use the DPoP scheme and a proof.`
            : `${ex.request.url} was sent a DPoP-bound token without a DPoP proof header. Every request that presents a DPoP-bound token needs a fresh proof with ath. Client side: add the DPoP header.`,
          evidence: [
            { exchangeId: bound.get(p.token)!, location: { kind: 'response-json', pointer: '/token_type' }, value: 'DPoP' },
            { exchangeId: ex.id, location: { kind: 'request-header', name: bearer ? 'Authorization' : 'DPoP' }, value: bearer ? 'Bearer …' : 'absent' },
          ],
        },
      ];
    }
    return [];
  },
};

function problemText(problem: DpopProblem): string {
  switch (problem.kind) {
    case 'not-a-jwt':
      return 'it is not a JWT';
    case 'several-proofs':
      return 'the request carries more than one DPoP proof';
    case 'typ':
      return `typ is ${quote(problem.value)}, not "dpop+jwt"`;
    case 'alg':
      return `alg is ${quote(problem.value)}; a proof is signed with an asymmetric algorithm`;
    case 'jwk':
      return problem.reason === 'missing' ? 'the header has no jwk (the public key)' : 'the jwk in the header holds a private key';
    case 'claim-missing':
      return `the ${problem.claim} claim is missing`;
    case 'htm':
      return `htm is "${problem.value}", but the request is ${problem.expected}`;
    case 'htu':
      return `htu is "${problem.value}", but the request went to ${problem.expected} (htu is the URL without query and fragment)`;
    case 'ath':
      return problem.reason === 'missing' ? 'ath (the hash of the access token) is missing from a proof that presents a token' : 'ath is not the hash of the access token presented';
  }
}

const dpop02: Rule = {
  id: 'DPOP-02',
  title: 'A DPoP proof that does not match its request',
  severities: ['error'],
  revisions: ALL,
  spec: rfc(9449, '4.3'),
  check(facts) {
    const findings: Finding[] = [];
    for (const ex of facts.session.exchanges) {
      const reading = facts.dpopProof(ex);
      if (!reading) continue;
      const p = presented(ex);
      const token = p?.scheme === 'dpop' && !isRedacted(p.token) ? p.token : undefined;
      // readDpopProof with the token: the proof's problems, then its ath's.
      const ath = reading.ok && token !== undefined ? athProblem(reading.proof.payload, token, facts.ath) : undefined;
      const problems = ath ? [...reading.problems, ath] : reading.problems;
      if (problems.length === 0) continue;
      findings.push({
        severity: 'error',
        message: `The DPoP proof sent to ${ex.request.url} is not valid for that request: ${problems.map(problemText).join('; ')}. Servers refuse it with invalid_dpop_proof. Client side: make a fresh proof for each request (RFC 9449 §4.2).`,
        evidence: [{ exchangeId: ex.id, location: { kind: 'request-header', name: 'DPoP' }, value: problems.map((problem) => problem.kind).join(', ') }],
      });
    }
    return findings.slice(0, 5);
  },
};

const dpop03: Rule = {
  id: 'DPOP-03',
  title: 'A DPoP nonce demanded without DPoP-Nonce, or demanded and not sent',
  severities: ['error'],
  revisions: ALL,
  spec: rfc(9449, '8'),
  check(facts) {
    const findings: Finding[] = [];
    /** The last nonce each origin demanded, with the exchange that demanded it. */
    const demanded = new Map<string, { nonce: string; at: string }>();
    for (const ex of facts.session.exchanges) {
      // An origin is read only where a nonce is pending or handed out; most exchanges do neither.
      const origin = demanded.size > 0 ? facts.origin(ex.request.url) : undefined;
      const wanted = origin ? demanded.get(origin) : undefined;
      const reading = facts.dpopProof(ex);
      if (wanted && reading?.ok) {
        const sent = reading.proof.payload.nonce;
        if (sent !== wanted.nonce) {
          findings.push({
            severity: 'error',
            message: `${origin} asked for the DPoP nonce "${wanted.nonce}", and the next proof sent there ${sent === undefined ? 'carries no nonce' : `carries ${quote(sent)}`}. Client side: put the server's latest DPoP-Nonce in the proof's nonce claim and send again.`,
            evidence: [
              { exchangeId: wanted.at, location: { kind: 'response-header', name: 'DPoP-Nonce' }, value: wanted.nonce },
              { exchangeId: ex.id, location: { kind: 'request-header', name: 'DPoP' }, value: sent === undefined ? 'no nonce' : String(sent) },
            ],
          });
        }
        if (origin) demanded.delete(origin);
      }
      if (!responded(ex)) continue;
      const nonce = headerValue(ex.response.headers, 'dpop-nonce');
      const kept = nonce !== undefined && reading !== undefined;
      const asks = asksForNonce(ex.response.status, ex.response.headers, ex.response.body ?? '', facts.parseChallenge);
      if (!kept && !asks) continue;
      const answeredBy = facts.origin(ex.request.url);
      if (!answeredBy) continue;
      if (kept) demanded.set(answeredBy, { nonce: nonce!, at: ex.id });
      if (asks && nonce === undefined) {
        findings.push({
          severity: 'error',
          message: `${ex.request.url} answered use_dpop_nonce without a DPoP-Nonce header, so no client can learn the nonce it wants. Server side: send the nonce in DPoP-Nonce with the error.`,
          evidence: [{ exchangeId: ex.id, location: { kind: 'response-header', name: 'DPoP-Nonce' }, value: 'absent' }],
        });
      }
    }
    return findings.slice(0, 5);
  },
};

const dpop04: Rule = {
  id: 'DPOP-04',
  title: 'The resource requires DPoP-bound tokens, and the client used a Bearer token',
  severities: ['error'],
  revisions: ALL,
  spec: rfc(9728, '2'),
  check(facts) {
    const prm = facts.prm();
    if (!prm || prm.doc.dpop_bound_access_tokens_required !== true) return [];
    const sent = resourceRequests(facts).find((ex) => presented(ex)?.scheme === 'bearer');
    if (!sent) return [];
    const as = facts.asMetadata();
    const asSupports = Array.isArray(as?.doc.dpop_signing_alg_values_supported) && as.doc.dpop_signing_alg_values_supported.length > 0;
    const evidence: Evidence[] = [
      { exchangeId: prm.ex.id, location: { kind: 'response-json', pointer: '/dpop_bound_access_tokens_required' }, value: 'true' },
      { exchangeId: sent.id, location: { kind: 'request-header', name: 'Authorization' }, value: 'Bearer …' },
    ];
    if (as && !asSupports) evidence.push({ exchangeId: as.ex.id, location: { kind: 'response-json', pointer: '/dpop_signing_alg_values_supported' }, value: 'absent' });
    return [
      {
        severity: 'error',
        message: asSupports
          ? `The protected resource metadata says dpop_bound_access_tokens_required, yet ${sent.request.url} was sent a Bearer token. The server will refuse it. Client side: send DPoP proofs at the token endpoint and present the token with the DPoP scheme.`
          : `The protected resource metadata says dpop_bound_access_tokens_required, but its authorization server does not advertise dpop_signing_alg_values_supported, so clients have no way to know DPoP is possible there, and the Bearer token they get is refused. Server side: advertise DPoP at the authorization server, or stop requiring it at the resource.`,
        evidence,
      },
    ];
  },
};

export const dpopRules: Rule[] = [dpop01, dpop02, dpop03, dpop04];
