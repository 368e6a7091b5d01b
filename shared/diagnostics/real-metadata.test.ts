// The real documents of fixtures/real-metadata (see SOURCES.md there), put into sessions as
// the exchanges a client would have recorded, to check that what fires is right about the real world.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Revision, Session } from '../model.js';
import { asMetadataCandidates } from '../interpret/well-known.js';
import { form, runDiagnostics, SessionBuilder } from './test-support.js';

const DIR = path.resolve(__dirname, '../../fixtures/real-metadata');
const load = (name: string): Record<string, unknown> => JSON.parse(readFileSync(path.join(DIR, name), 'utf8')) as Record<string, unknown>;
const header = (name: string): string => load(name).header as string;

interface RealFlow {
  mcpUrl: string;
  challenge?: string;
  prm?: Record<string, unknown>;
  /** Where the PRM was fetched; default: the challenge's resource_metadata. */
  prmUrl?: string;
  as?: Record<string, unknown>;
  asUrl?: string;
  revision?: Revision;
  /** A token request with this client authentication. */
  token?: { method: 'none' | 'client_secret_post'; status?: number; body?: object };
  client?: Session['client'];
  registration?: { method: string };
}

function realSession(flow: RealFlow): Session {
  const issuer = (flow.as?.issuer as string | undefined) ?? 'https://as.example';
  const b = new SessionBuilder(flow.revision ?? '2026-07-28', flow.mcpUrl, issuer);
  if (flow.challenge !== undefined) {
    b.add('mcp-probe', { method: 'POST', url: flow.mcpUrl }, { status: 401, headers: { 'WWW-Authenticate': flow.challenge } });
  }
  if (flow.prm) {
    const hinted = flow.challenge && /resource_metadata="([^"]+)"/.exec(flow.challenge)?.[1];
    b.add('resource-metadata', { url: flow.prmUrl ?? hinted ?? `${new URL(flow.mcpUrl).origin}/.well-known/oauth-protected-resource` }, { status: 200, body: flow.prm });
  }
  if (flow.as) {
    const url = flow.asUrl ?? asMetadataCandidates(issuer)[0]?.url ?? '';
    b.add('as-metadata', { url }, { status: 200, body: flow.as, headers: { 'Content-Type': 'application/json' } });
  }
  if (flow.registration) {
    const body = { redirect_uris: ['http://127.0.0.1:53123/callback'], token_endpoint_auth_method: flow.registration.method, application_type: 'native' };
    b.add('registration', { method: 'POST', url: `${issuer}/register`, body: JSON.stringify(body) }, {
      status: 201,
      headers: { 'Cache-Control': 'no-store' },
      body: { ...body, client_id: 'real-client' },
    });
  }
  if (flow.token) {
    const fields: Record<string, string> = { grant_type: 'authorization_code', code: 'c', client_id: 'real-client', code_verifier: 'v', resource: flow.mcpUrl };
    if (flow.token.method === 'client_secret_post') fields.client_secret = 'cached-secret';
    b.add('token', { method: 'POST', url: (flow.as?.token_endpoint as string | undefined) ?? `${issuer}/token`, body: form(fields) }, {
      status: flow.token.status ?? 200,
      headers: { 'Cache-Control': 'no-store' },
      body: flow.token.body ?? { access_token: 'opaque', token_type: 'Bearer', expires_in: 3600 },
    });
  }
  if (flow.client) b.withClient(flow.client);
  return b.build();
}

const rules = (s: Session, prefix = ''): string[] => runDiagnostics(s).filter((d) => d.rule.startsWith(prefix)).map((d) => `${d.rule} ${d.severity}`);

describe('Notion hosted MCP', () => {
  const notion: RealFlow = {
    mcpUrl: 'https://mcp.notion.com/mcp',
    challenge: header('notion-mcp-www-authenticate.json'),
    prm: load('notion-mcp-protected-resource.json'),
    as: load('notion-mcp-as-metadata.json'),
  };
  it('PRM-01: the resource is the bare origin while the hint was for /mcp', () => {
    const [d] = runDiagnostics(realSession(notion)).filter((x) => x.rule === 'PRM-01');
    expect(d?.severity).toBe('error');
    expect(d?.evidence[0]?.value).toBe('https://mcp.notion.com');
  });
  it('PRM-01 stays quiet when the root well-known URL served it without a hint (bare origin is then right)', () => {
    const s = realSession({ ...notion, challenge: 'Bearer realm="OAuth"', revision: '2025-11-25', prmUrl: 'https://mcp.notion.com/.well-known/oauth-protected-resource' });
    expect(rules(s, 'PRM-01')).toEqual([]);
    expect(rules(s, 'PRM-03')).toEqual(['PRM-03 info']);
  });
  it('DSC-04 stays quiet: plain is advertised next to S256, which is what the rule text allows', () => {
    expect(rules(realSession(notion), 'DSC-04')).toEqual([]);
    for (const file of ['notion-mcp-2025-10-as-metadata.json', 'notion-mcp-2026-05-as-metadata.json', 'asana-mcp-v1-as-metadata.json']) {
      expect(rules(realSession({ ...notion, as: { ...load(file), issuer: 'https://mcp.notion.com' } }), 'DSC-04')).toEqual([]);
    }
  });
  it('DSC-04 fires once a request actually uses plain', () => {
    const s = realSession(notion);
    s.exchanges.push({ ...s.exchanges[0]!, id: 'az', role: 'authorize', step: 'authorize', outcome: 'opened-in-browser', request: { method: 'GET', url: 'https://mcp.notion.com/authorize?code_challenge=abc&code_challenge_method=plain', headers: [] } } as Session['exchanges'][number]);
    expect(rules(s, 'DSC-04')).toEqual(['DSC-04 error']);
  });
  it('a public client is fine on methods (none is advertised, last)', () => {
    expect(rules(realSession({ ...notion, registration: { method: 'none' }, token: { method: 'none' } }), 'AM-')).toEqual([]);
  });
  it('REG-07 when DCR is used although it advertises CIMD (2026-05 says false, 2025-10 says nothing)', () => {
    expect(rules(realSession({ ...notion, registration: { method: 'none' } }), 'REG-07')).toEqual(['REG-07 info']);
    const withDocument = realSession({ ...notion, registration: { method: 'none' } });
    withDocument.config.clientMetadataUrl = 'https://client.example/authtrace.json';
    expect(rules(withDocument, 'REG-07')).toEqual(['REG-07 warning']);
    for (const file of ['notion-mcp-2026-05-as-metadata.json', 'notion-mcp-2025-10-as-metadata.json']) {
      expect(rules(realSession({ ...notion, as: load(file), registration: { method: 'none' } }), 'REG-07')).toEqual([]);
    }
  });
  it('its challenge parses; error="invalid_token" to a request without a token is WWA-06 (RFC 6750 §3.1)', () => {
    expect(rules(realSession(notion), 'WWA')).toEqual(['WWA-06 warning']);
  });
});

describe('GitHub remote MCP and GitHub OAuth', () => {
  const github: RealFlow = {
    mcpUrl: 'https://api.githubcopilot.com/mcp',
    challenge: header('github-mcp-www-authenticate.json'),
    prm: load('github-mcp-protected-resource.json'),
    as: load('github-as-metadata.json'),
  };
  it('finds the path issuer at the path-inserted URL, with no issuer mismatch', () => {
    const s = realSession(github);
    expect(s.exchanges.find((e) => e.role === 'as-metadata')?.request.url).toBe('https://github.com/.well-known/oauth-authorization-server/login/oauth');
    expect(rules(s, 'DSC-01')).toEqual([]);
    expect(rules(s, 'PRM-01')).toEqual([]);
    // error="invalid_request" on the challenge to a request without a token: RFC 6750 §3.1 says no error code.
    expect(rules(s, 'WWA')).toEqual(['WWA-06 warning']);
  });
  it('metadata alone says an MCP client cannot register there, and public clients are shut out', () => {
    const s = realSession(github);
    expect(rules(s, 'REG-10')).toEqual(['REG-10 warning']);
    expect(rules(s, 'AM-10')).toEqual(['AM-10 warning']);
  });
  it('a none client there: AM-02, because the absent field means ["client_secret_basic"]', () => {
    const s = realSession({ ...github, token: { method: 'none' }, client: { client_id: 'Iv1.x', token_endpoint_auth_method: 'none', source: 'pre-registered', issuer: 'https://github.com/login/oauth', redirect_uris: [], createdAt: '', updatedAt: '' } });
    const [d] = runDiagnostics(s).filter((x) => x.rule === 'AM-02');
    expect(d?.evidence[0]?.value).toContain('default');
    expect(rules(s, 'AM-')).toEqual(['AM-02 error']);
  });
  it('a client_secret_post client: AM-01 and AM-04 (post is not the default basic), and AM-10 from the metadata', () => {
    const s = realSession({ ...github, token: { method: 'client_secret_post' }, client: { client_id: 'Iv1.x', client_secret: 's', token_endpoint_auth_method: 'client_secret_post', source: 'pre-registered', issuer: 'https://github.com/login/oauth', redirect_uris: [], createdAt: '', updatedAt: '' } });
    expect(rules(s, 'AM-')).toEqual(['AM-01 error', 'AM-04 warning', 'AM-10 warning']);
  });
  it('REG-07 when a client tries DCR: there is no registration_endpoint', () => {
    expect(rules(realSession({ ...github, registration: { method: 'none' } }), 'REG-07')).toEqual(['REG-07 warning']);
  });
  it('the suffix-appended URL 404s before the right one answers: DSC-02 info', () => {
    const s = realSession(github);
    const as = s.exchanges.find((e) => e.role === 'as-metadata')!;
    s.exchanges.splice(s.exchanges.indexOf(as), 0, { ...as, id: 'wrong', request: { ...as.request, url: 'https://github.com/login/oauth/.well-known/oauth-authorization-server' }, outcome: 'response', response: { status: 404, statusText: '', headers: [], body: '', truncated: false, bodySize: 0, httpVersion: 'HTTP/2' }, timings: { wait: 1, receive: 1, total: 2 } });
    expect(rules(s, 'DSC-02')).toEqual(['DSC-02 info']);
  });
});

describe('WorkOS AuthKit', () => {
  const as = load('workos-authkit-as-metadata.json');
  const oidc = load('workos-authkit-oidc-configuration.json');
  it('AM-08: a client that lost its method picks none, the first entry', () => {
    const s = realSession({
      mcpUrl: 'https://mcp.example/mcp',
      as,
      token: { method: 'none', status: 401, body: { error: 'invalid_client' } },
      client: { client_id: 'client_01', client_secret: 'kept', token_endpoint_auth_method: 'unknown', source: 'dcr', issuer: as.issuer as string, redirect_uris: [], createdAt: '', updatedAt: '' },
    });
    expect(rules(s, 'AM-')).toEqual(['AM-07 warning', 'AM-08 warning']);
    expect(runDiagnostics(s).find((d) => d.rule === 'AM-08')?.symptom).toContain('invalid_client');
  });
  it('DSC-02: the RFC 8414 document and the OpenID configuration disagree', () => {
    const s = realSession({ mcpUrl: 'https://mcp.example/mcp', as });
    const doc = s.exchanges[0]!;
    s.exchanges.push({ ...doc, id: 'oidc', request: { ...doc.request, url: `${as.issuer as string}/.well-known/openid-configuration` }, ...(doc.outcome === 'response' && { response: { ...doc.response, body: JSON.stringify(oidc) } }) } as Session['exchanges'][number]);
    const [d] = runDiagnostics(s).filter((x) => x.rule === 'DSC-02');
    expect(d?.severity).toBe('warning');
    expect(d?.message).toContain('registration_endpoint');
    expect(d?.message).toContain('code_challenge_methods_supported');
  });
  it('DSC-04 when only the OpenID configuration is read: no code_challenge_methods_supported', () => {
    const s = realSession({ mcpUrl: 'https://mcp.example/mcp', as: oidc, asUrl: `${oidc.issuer as string}/.well-known/openid-configuration` });
    expect(rules(s, 'DSC-04')).toEqual(['DSC-04 error']);
  });
});

describe('Challenges from real servers', () => {
  it('WWA-04: the MCP TS SDK hint is https while the server was reached over http://localhost', () => {
    const s = realSession({ mcpUrl: 'http://localhost:3232/mcp', challenge: header('mcp-ts-sdk-www-authenticate.json') });
    const [d] = runDiagnostics(s).filter((x) => x.rule === 'WWA-04');
    expect(d?.message).toContain('https://localhost:3232');
  });
  it('WWA-02: the same headers with unquoted values do not parse', () => {
    for (const file of ['sentry-mcp-www-authenticate.json', 'github-mcp-www-authenticate.json', 'notion-mcp-www-authenticate.json']) {
      const unquoted = header(file).replace(/"/g, '');
      expect(rules(realSession({ mcpUrl: 'https://mcp.example/mcp', challenge: unquoted }), 'WWA-02')).toEqual(['WWA-02 error']);
      expect(rules(realSession({ mcpUrl: 'https://mcp.example/mcp', challenge: header(file) }), 'WWA-02')).toEqual([]);
    }
  });
  it('Sentry: hinted, path-suffixed PRM that names /mcp, S256 only: nothing on discovery', () => {
    const s = realSession({
      mcpUrl: 'https://mcp.sentry.dev/mcp',
      challenge: header('sentry-mcp-www-authenticate.json'),
      prm: load('sentry-mcp-protected-resource.json'),
      as: load('sentry-mcp-as-metadata.json'),
    });
    expect(runDiagnostics(s).filter((d) => d.severity !== 'info')).toEqual([]);
  });
  it('Linear: PRM and AS metadata are consistent', () => {
    const s = realSession({
      mcpUrl: 'https://mcp.linear.app/mcp',
      challenge: 'Bearer resource_metadata="https://mcp.linear.app/.well-known/oauth-protected-resource/mcp"',
      prm: load('linear-mcp-protected-resource.json'),
      as: load('linear-mcp-as-metadata.json'),
      registration: { method: 'none' },
      token: { method: 'none' },
    });
    expect(runDiagnostics(s).filter((d) => d.severity !== 'info')).toEqual([]);
    // DCR while Linear advertises CIMD, by a client without a metadata document, is worth an info.
    expect(rules(s, 'REG-07')).toEqual(['REG-07 info']);
  });
  it('Linear: its resource names /mcp, which is right when found at the root fallback URL too', () => {
    const s = realSession({
      mcpUrl: 'https://mcp.linear.app/mcp',
      challenge: 'Bearer',
      prm: load('linear-mcp-protected-resource.json'),
      prmUrl: 'https://mcp.linear.app/.well-known/oauth-protected-resource',
      as: load('linear-mcp-as-metadata.json'),
    });
    expect(rules(s, 'PRM-01')).toEqual([]);
  });
});
