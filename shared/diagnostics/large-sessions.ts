// 10,000-exchange sessions for the diagnostics benchmark (bench/diagnostics.ts) and the test that
// keeps the rules' results on them unchanged (large-sessions.test.ts). Test and bench support only.
import type { Exchange, Header, Session } from '../model.js';
import { ACCESS_TOKEN, basic, cyclingSession, goodSession, ISSUER, MCP_URL, jwt } from './test-support.js';

function copy(exchange: Exchange, id: number): Exchange {
  return { ...(structuredClone(exchange) as Exchange), id: `x${id}` };
}

/** One flow, then MCP calls; every 50th call a 401 and a refresh. */
export function longSession(count: number): Session {
  const base = goodSession();
  const mcp = base.exchanges.find((e) => e.role === 'mcp')!;
  const probe = base.exchanges.find((e) => e.role === 'mcp-probe')!;
  const refresh = base.exchanges.find((e) => e.role === 'refresh')!;
  const exchanges = [...base.exchanges];
  while (exchanges.length < count) {
    const n = exchanges.length;
    if (n % 50 === 0) exchanges.push({ ...copy(probe, n), role: 'mcp', step: 'mcp' });
    else if (n % 50 === 1) exchanges.push(copy(refresh, n));
    else exchanges.push(copy(mcp, n));
  }
  return { ...base, exchanges };
}

/** The whole flow repeated until `count` exchanges. */
export function repeatedSession(count: number): Session {
  const base = goodSession();
  const exchanges: Exchange[] = [];
  while (exchanges.length < count) {
    for (const e of base.exchanges) if (exchanges.length < count) exchanges.push(copy(e, exchanges.length));
  }
  return { ...base, exchanges };
}

/**
 * Step-up rounds (403 insufficient_scope → authorize → callback → token), a new scope each, after
 * one flow. Copied like the other shapes: cyclingSession builds every exchange through its own
 * SessionBuilder, which leaves each with its own V8 hidden class, unlike recorded sessions (a handful
 * for a whole session), and every rule would then measure that instead.
 */
export function stepUpSession(count: number): Session {
  const session = cyclingSession(count - goodSession().exchanges.length);
  return { ...session, exchanges: session.exchanges.map((e) => structuredClone(e)) };
}

/** A small deterministic generator (mulberry32), so the mixed session is the same on every run. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const part = (value: object) => btoa(JSON.stringify(value)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');

function setHeader(headers: Header[], name: string, value: string): void {
  const i = headers.findIndex((h) => h.name.toLowerCase() === name.toLowerCase());
  if (i >= 0) headers.splice(i, 1);
  headers.push({ name, value });
}

/**
 * The whole flow repeated with faults sprinkled in by a seeded generator: other authentication
 * methods, DPoP proofs right and wrong, nonces demanded and ignored, challenges well and badly
 * formed, step-ups, metadata that moves, URLs that do not parse. Many rules fire, many times.
 */
export function mixedSession(count: number, seed = 14): Session {
  const next = random(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
  const base = goodSession();
  const exchanges: Exchange[] = [];
  while (exchanges.length < count) {
    for (const template of base.exchanges) {
      if (exchanges.length >= count) break;
      const ex = copy(template, exchanges.length);
      const n = exchanges.length;
      const roll = next();
      const proof = (htm: string, htu: string, claims: object = {}) =>
        `${part({ typ: pick(['dpop+jwt', 'dpop+jwt', 'JWT']), alg: pick(['ES256', 'ES256', 'HS256']), jwk: { kty: 'EC', crv: 'P-256', x: 'x', y: 'y' } })}.${part({ jti: `j${n}`, htm, htu, iat: 1785578400, ...claims })}.sig`;
      if (roll < 0.08) setHeader(ex.request.headers, 'DPoP', proof(pick([ex.request.method, 'GET']), pick([ex.request.url.split('?')[0]!, `${ISSUER}/other`])));
      if (ex.outcome === 'response') {
        if (roll > 0.95) setHeader(ex.response.headers, 'DPoP-Nonce', `nonce-${Math.floor(next() * 5)}`);
        if (ex.role === 'mcp' && roll > 0.8) {
          ex.response.status = pick([401, 401, 403]);
          setHeader(
            ex.response.headers,
            'WWW-Authenticate',
            pick([
              `Bearer error="invalid_token", resource_metadata="${MCP_URL.replace('/mcp', '/.well-known/oauth-protected-resource/mcp')}"`,
              `Bearer error="insufficient_scope", scope="mcp s${Math.floor(next() * 40)}"`,
              `DPoP error="use_dpop_nonce", algs="ES256"`,
              'Bearer realm=unquoted value, error=',
              `Bearer resource_metadata="http://other.example/.well-known/oauth-protected-resource"`,
            ]),
          );
        }
        if (ex.role === 'token' && roll > 0.85) {
          ex.response.status = pick([400, 401]);
          ex.response.body = JSON.stringify({ error: pick(['invalid_client', 'invalid_grant', 'use_dpop_nonce', 'invalid_scope']) });
        }
        if (ex.role === 'as-metadata' && roll > 0.97) {
          const doc = JSON.parse(ex.response.body ?? '{}') as Record<string, unknown>;
          ex.response.body = JSON.stringify({ ...doc, issuer: `${ISSUER}/moved`, token_endpoint_auth_methods_supported: pick([['client_secret_basic'], ['none', 'private_key_jwt'], undefined]) });
        }
      }
      if ((ex.role === 'token' || ex.role === 'refresh') && roll > 0.7) {
        if (roll > 0.9) setHeader(ex.request.headers, 'Authorization', basic('c-7f3a', `secret ${n % 3}`));
        else ex.request.body = `${ex.request.body ?? ''}&client_secret=s${n % 7}`;
      }
      if (ex.role === 'mcp' && roll < 0.03) setHeader(ex.request.headers, 'Authorization', `DPoP ${pick([ACCESS_TOKEN, jwt({ iss: ISSUER, aud: 'http://elsewhere/', scope: 'x' })])}`);
      if (ex.role === 'authorize' && roll > 0.9) ex.request.url = ex.request.url.replace('scope=mcp', `scope=mcp+extra${n % 4}`);
      if (roll > 0.997) ex.request.url = pick(['not a url', 'http://[::1', '/relative']);
      exchanges.push(ex);
    }
  }
  return { ...base, exchanges };
}
