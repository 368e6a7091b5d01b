import type { ExchangeRole } from '../model.js';
import type { Facts } from './facts.js';
import { oauth21, rfc } from './spec.js';
import { ALL } from './revisions.js';
import type { Finding, Rule } from './types.js';
import { is2xx, isObject, responseHeader, type Responded } from './util.js';

function firstPerRole(facts: Facts, roles: ExchangeRole[], test: (ex: Responded) => boolean): Responded[] {
  return roles.flatMap((role) => {
    const ex = facts.responses(role).find(test);
    return ex ? [ex] : [];
  });
}

const http01: Rule = {
  id: 'HTTP-01',
  title: 'Token or registration response without Cache-Control: no-store',
  severities: ['warning'],
  revisions: ALL,
  spec: oauth21('3.2.3'),
  check(facts) {
    return firstPerRole(facts, ['registration', 'token', 'refresh'], (ex) => {
      if (!is2xx(ex.response)) return false;
      return !/(^|[\s,])no-store($|[\s,;=])/i.test(responseHeader(ex, 'cache-control') ?? '');
    }).map(
      (ex): Finding => ({
        severity: 'warning',
        message:
          `The ${ex.role} response from ${ex.request.url} carries credentials but no Cache-Control: no-store, so a proxy or the browser cache may keep them. ` +
          'Server side: send Cache-Control: no-store.',
        evidence: [{ exchangeId: ex.id, location: { kind: 'response-header', name: 'Cache-Control' }, value: responseHeader(ex, 'cache-control') ?? 'absent' }],
        ...(ex.role === 'registration' && { spec: rfc(7591, '3.2.1') }),
      }),
    );
  },
};

const JSON_TYPE = /^application\/([\w.+-]+\+)?json\s*(;|$)/i;

const http02: Rule = {
  id: 'HTTP-02',
  title: 'JSON served without an application/json content type',
  severities: ['warning'],
  revisions: ALL,
  spec: rfc(8414, '3.2'),
  check(facts) {
    const roles: ExchangeRole[] = ['resource-metadata', 'as-metadata', 'registration', 'client-metadata', 'token', 'refresh'];
    return firstPerRole(facts, roles, (ex) => !JSON_TYPE.test(responseHeader(ex, 'content-type') ?? '') && isObject(facts.resJson(ex))).map(
      (ex): Finding => ({
        severity: 'warning',
        message:
          `${ex.request.url} returned a JSON body with Content-Type ${JSON.stringify(responseHeader(ex, 'content-type') ?? 'absent')}. ` +
          'Clients that check the media type (oauth4webapi does) reject it. Server side: send Content-Type: application/json.',
        evidence: [{ exchangeId: ex.id, location: { kind: 'response-header', name: 'Content-Type' }, value: responseHeader(ex, 'content-type') ?? 'absent' }],
        ...(ex.role === 'resource-metadata' && { spec: rfc(9728, '3.2') }),
      }),
    );
  },
};

const http03: Rule = {
  id: 'HTTP-03',
  title: 'invalid_client not sent as 401 with WWW-Authenticate',
  severities: ['info'],
  revisions: ALL,
  spec: oauth21('3.2.4'),
  check(facts) {
    for (const t of facts.tokenRequests()) {
      const body = facts.resJson(t.ex);
      if (t.ex.outcome !== 'response' || !isObject(body) || body.error !== 'invalid_client') continue;
      const status = t.ex.response.status;
      const basic = t.auth.methods.includes('client_secret_basic');
      const challenge = responseHeader(t.ex, 'www-authenticate');
      if (status === 401 && (!basic || challenge)) continue;
      if (status !== 401 && !basic) {
        // Allowed (400 is fine without a Basic attempt), but clients branch on 401.
        return [
          {
            severity: 'info',
            message: `invalid_client came back as HTTP ${status}. That is allowed when no Authorization header was sent, but clients that look for 401 to re-register will not react.`,
            evidence: [{ exchangeId: t.ex.id, location: { kind: 'response-status' }, value: String(status) }],
          },
        ];
      }
      return [
        {
          severity: 'info',
          message:
            `The client authenticated with Authorization: Basic and got invalid_client as HTTP ${status}${challenge ? '' : ' without WWW-Authenticate'}; ` +
            'OAuth requires 401 with a WWW-Authenticate challenge in that case. Server side: answer 401 and WWW-Authenticate: Basic.',
          evidence: [
            { exchangeId: t.ex.id, location: { kind: 'response-status' }, value: String(status) },
            { exchangeId: t.ex.id, location: { kind: 'response-header', name: 'WWW-Authenticate' }, value: challenge ?? 'absent' },
          ],
        },
      ];
    }
    return [];
  },
};

const net01: Rule = {
  id: 'NET-01',
  title: 'A public server handed over a URL on the user\'s own network',
  severities: ['error'],
  revisions: ALL,
  spec: rfc(9728, '7'),
  check(facts) {
    return facts.session.exchanges
      .filter((ex) => ex.outcome === 'network-error' && ex.error.code === 'blocked')
      .slice(0, 20)
      .map(
        (ex): Finding => ({
          severity: 'error',
          message:
            `${ex.request.url} (${ex.purpose ?? ex.role}) points at a loopback, private or link-local address while the target is public. ` +
            'Authtrace did not fetch it: a remote server can use such URLs to make a client reach services on the user\'s own network (SSRF), and remote clients cannot reach them anyway. ' +
            'Server side: publish URLs that clients can reach (a misconfigured issuer or resource URL behind a proxy often causes this); user side: --allow-private-targets if you trust the server.',
          evidence: [{ exchangeId: ex.id, location: { kind: 'response-status' }, value: 'not sent (network policy)' }],
        }),
      );
  },
};

export const httpRules: Rule[] = [http01, http02, http03, net01];
