// `authtrace probe` through the real CLI: against sandbox profiles that fail each verdict and against
// `correct`, against oidc-provider configured as its documentation says, and its consent.
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { oidcProvider } from '../test-support/real-peers.js';
import { cli, sandbox, tempDir } from '../test-support/cli.js';
import { serve } from '../test-support/misbehaving-server.js';

interface ProbeJson {
  authorizationChecks: { probe: string; name: string; result: 'pass' | 'fail' | 'not-probed'; why: string }[];
  tokenEndpoint: string;
  advertised: string[];
  methods: { method: string; advertised: boolean; registered: string | null; accepted: string | null; alsoAcceptedWith: string[] }[];
  findings: { id: string; severity: string; message: string }[];
  sessionId: string;
}

async function probe(...args: string[]): Promise<{ code: number; json: ProbeJson }> {
  const r = await cli('probe', ...args, '--yes', '--json', '--data-dir', tempDir());
  return { code: r.code, json: JSON.parse(r.stdout) as ProbeJson };
}

/** The probe of a sandbox, told of the second API its authorization server issues tokens for (so the audience check is probed). */
const probeSandbox = (s: { mcpUrl: string }, ...args: string[]) => probe(s.mcpUrl, '--other-resource', `${new URL(s.mcpUrl).origin}/other-api`, ...args);

const ids = (json: ProbeJson) => json.findings.map((f) => `${f.id} ${f.severity}`);

describe('authtrace probe', () => {
  it('correct: every advertised method is accepted as registered, and nothing else', async () => {
    const s = await sandbox('correct');
    const { code, json } = await probeSandbox(s);
    expect(code).toBe(0);
    expect(json.methods.map((m) => [m.method, m.registered, m.accepted, m.alsoAcceptedWith])).toEqual([
      ['none', 'none', 'accepted', []],
      ['client_secret_basic', 'client_secret_basic', 'accepted', []],
      ['client_secret_post', 'client_secret_post', 'accepted', []],
      ['client_secret_jwt', 'client_secret_jwt', 'accepted', []],
      ['private_key_jwt', 'private_key_jwt', 'accepted', []],
    ]);
    expect(json.findings).toEqual([]);
  });

  it('omits-none: none is accepted but not advertised (PRB-01); --fail-on warning makes that exit 1', async () => {
    const s = await sandbox('omits-none');
    const { code, json } = await probeSandbox(s);
    expect(code).toBe(0);
    // It advertises only the two secret methods, and accepts all five (the MCP Python SDK's metadata bug, and more).
    expect(json.findings.filter((f) => f.id === 'PRB-01').map((f) => f.message.split(' ')[0])).toEqual(['none', 'client_secret_jwt', 'private_key_jwt']);
    expect(ids(json)).toEqual(['PRB-01 warning', 'PRB-01 warning', 'PRB-01 warning']);
    expect((await cli('probe', s.mcpUrl, '--yes', '--json', '--fail-on', 'warning', '--data-dir', tempDir())).code).toBe(1);
  });

  it('lenient-methods: a confidential client gets through with its client_id alone (PRB-03), and basic and post are interchangeable (PRB-04)', async () => {
    const s = await sandbox('lenient-methods');
    const { code, json } = await probeSandbox(s);
    expect(code).toBe(1);
    expect(ids(json).sort()).toEqual(['PRB-03 error', 'PRB-03 error', 'PRB-04 info', 'PRB-04 info']);
  });

  it('oidc-provider configured as documented: no error and no warning, and the table says basic and post are interchangeable', async () => {
    // Its login approved at once (as the sandbox does), so the probe's authorizations go all the way.
    const issuer = await oidcProvider(['client_secret_basic', 'client_secret_post', 'none']);
    const { code, json } = await probe('--issuer', issuer);
    expect(code).toBe(0);
    expect(json.findings.filter((f) => f.severity !== 'info')).toEqual([]);
    expect(json.methods.map((m) => [m.method, m.accepted, m.alsoAcceptedWith])).toEqual([
      ['none', 'accepted', []],
      ['client_secret_basic', 'accepted', ['client_secret_post']],
      ['client_secret_post', 'accepted', ['client_secret_basic']],
      // Not among its clientAuthMethods: registering for them is refused, and they are not advertised either.
      ['client_secret_jwt', null, []],
      ['private_key_jwt', null, []],
    ]);
    expect(ids(json)).toEqual(['PRB-04 info', 'PRB-04 info']);
    // Its authorization endpoint and token endpoint, probed through real authorizations: every check passes.
    expect(json.authorizationChecks.map((c) => `${c.probe} ${c.result}`)).toEqual([
      'PRB-10 pass',
      'PRB-12 pass',
      'PRB-13 pass',
      'PRB-13 pass',
      'PRB-13 pass',
      'PRB-13 pass',
      'PRB-14 pass',
      'PRB-15 pass',
      'PRB-15 pass',
      'PRB-11 pass',
      'PRB-17 pass',
    ]);
  });

  it('invalid-grant-for-unknown-client: a client the server does not know gets invalid_grant (PRB-06)', async () => {
    const s = await sandbox('invalid-grant-for-unknown-client');
    const { json } = await probeSandbox(s);
    expect(ids(json)).toEqual(['PRB-06 warning']);
    expect((json as unknown as { unknownClient: { answer: string } }).unknownClient.answer).toBe('400 invalid_grant');
  });

  it('an MCP server that serves a token it never issued: PRB-07 error, exit 1', async () => {
    const origin = await serve({
      '/mcp': (q, r, o) =>
        q.headers.authorization
          ? void r.writeHead(200, { 'Content-Type': 'application/json' }).end('{"jsonrpc":"2.0","id":1,"result":{}}')
          : void r.writeHead(401, { 'WWW-Authenticate': `Bearer resource_metadata="${o}/.well-known/oauth-protected-resource/mcp"` }).end(),
      '/.well-known/oauth-protected-resource/mcp': (_q, r, o) => void r.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify({ resource: `${o}/mcp`, authorization_servers: [o] })),
      '/.well-known/oauth-authorization-server': (_q, r, o) =>
        void r.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify({ issuer: o, authorization_endpoint: `${o}/authorize`, token_endpoint: `${o}/token`, code_challenge_methods_supported: ['S256'] })),
      '/token': (_q, r) => void r.writeHead(401, { 'Content-Type': 'application/json' }).end('{"error":"invalid_client"}'),
    });
    const { code, json } = await probe(`${origin}/mcp`);
    expect(code).toBe(1);
    expect(json.findings.find((f) => f.id === 'PRB-07')).toMatchObject({ severity: 'error', message: expect.stringContaining('serves requests with any token') });
  });

  it('a registration endpoint that takes anything: javascript:, data: and no redirect URIs (PRB-08), and a substituted method (PRB-09)', async () => {
    const origin = await serve({
      '/.well-known/oauth-authorization-server': (_q, r, o) =>
        void r.writeHead(200, { 'Content-Type': 'application/json' }).end(
          JSON.stringify({ issuer: o, authorization_endpoint: `${o}/authorize`, token_endpoint: `${o}/token`, registration_endpoint: `${o}/register`, token_endpoint_auth_methods_supported: ['none', 'client_secret_post'] }),
        ),
      '/register': (_q, r) =>
        void r.writeHead(201, { 'Content-Type': 'application/json' }).end(JSON.stringify({ client_id: randomBytes(6).toString('hex'), client_secret: 's3cret', token_endpoint_auth_method: 'client_secret_post' })),
      '/token': (_q, r) => void r.writeHead(400, { 'Content-Type': 'application/json' }).end('{"error":"invalid_grant"}'),
    });
    const { code, json } = await probe('--issuer', origin);
    expect(code).toBe(1);
    const prb08 = json.findings.filter((f) => f.id === 'PRB-08');
    expect(prb08.map((f) => [f.severity, f.message.split(' (')[0]])).toEqual([
      ['error', 'The registration endpoint accepted a javascript: redirect URI'],
      ['error', 'The registration endpoint accepted a data: redirect URI'],
      ['warning', 'The registration endpoint accepted no redirect URIs for an authorization code client'],
    ]);
    expect(json.findings.filter((f) => f.id === 'PRB-09').map((f) => f.message.split(':')[0])).toEqual([
      'A registration that asked for none came back as client_secret_post',
      'A registration that asked for client_secret_basic came back as client_secret_post',
      'A registration that asked for client_secret_jwt came back as client_secret_post',
      'A registration that asked for private_key_jwt came back as client_secret_post',
    ]);
  });

  describe('sandbox profiles that fail the probes of registration and of the MCP server', () => {
    it('accepts-any-token: a token the server never issued is served (PRB-07), and so is one for another resource (PRB-16)', async () => {
      const { code, json } = await probeSandbox(await sandbox('accepts-any-token'));
      expect(code).toBe(1);
      expect(ids(json)).toEqual(['PRB-07 error', 'PRB-16 error']);
      expect(json.findings[0]!.message).toContain('the MCP server serves requests with any token');
    });

    it('lax-registration: dangerous and missing redirect URIs taken (PRB-08), JWT methods turned into client_secret_basic (PRB-09)', async () => {
      const { code, json } = await probeSandbox(await sandbox('lax-registration'));
      expect(code).toBe(1);
      expect(ids(json).sort()).toEqual(['PRB-08 error', 'PRB-08 error', 'PRB-08 warning', 'PRB-09 warning', 'PRB-09 warning']);
      // Authenticated as registered (client_secret_basic), the substituted clients are accepted: no PRB-02 for the method they never got.
      expect(json.methods.filter((m) => m.method.endsWith('_jwt')).map((m) => [m.method, m.registered, m.accepted])).toEqual([
        ['client_secret_jwt', 'client_secret_basic', 'accepted'],
        ['private_key_jwt', 'client_secret_basic', 'accepted'],
      ]);
    });

    it('advertises-unsupported-method: client_secret_jwt advertised, its registration refused (PRB-02)', async () => {
      const { code, json } = await probeSandbox(await sandbox('advertises-unsupported-method'));
      expect(code).toBe(1);
      expect(ids(json)).toEqual(['PRB-02 error']);
      expect(json.findings[0]!.message).toMatch(/^client_secret_jwt is advertised, but registering a client for it failed: registration refused \(400 invalid_client_metadata\)/);
    });
  });

  describe('probes that need the authorization endpoint, each failed by a sandbox profile and passed by correct', () => {
    const checks = (json: ProbeJson, probe: string) => json.authorizationChecks.filter((c) => c.probe === probe).map((c) => `${c.result}: ${c.name}`);

    it('correct passes them all, the audience check included', async () => {
      const s = await sandbox('correct');
      const { json } = await probeSandbox(s);
      expect(json.authorizationChecks.filter((c) => c.result !== 'pass')).toEqual([]);
      expect(checks(json, 'PRB-16')).toEqual(['pass: a token for another resource', 'pass: a token asked without resource']);
      expect(json.authorizationChecks.find((c) => c.probe === 'PRB-16')!.why).toMatch(/got a token whose aud is ".*\/other-api"; the MCP server answered 401/);
    });

    it('pkce-not-enforced: no code_challenge (PRB-10) and a wrong code_verifier (PRB-11) are errors, plain (PRB-12) a warning', async () => {
      const s = await sandbox('pkce-not-enforced');
      const { code, json } = await probeSandbox(s);
      expect(code).toBe(1);
      expect(ids(json)).toEqual(['PRB-10 error', 'PRB-12 warning', 'PRB-11 error']);
    });

    it('redirect-prefix-match: the registered URI extended gets the code (PRB-13); the other loopback port is refused too (PRB-14)', async () => {
      const s = await sandbox('redirect-prefix-match');
      const { code, json } = await probeSandbox(s);
      expect(code).toBe(1);
      expect(ids(json)).toEqual(['PRB-13 error', 'PRB-14 warning']);
      expect(checks(json, 'PRB-13').filter((c) => c.startsWith('fail'))).toEqual([expect.stringMatching(/^fail: redirect_uri: the registered URI extended \(prefix match\)/)]);
    });

    it('no-audience-check: a token issued for another resource is served (PRB-16), found without --other-resource', async () => {
      const s = await sandbox('no-audience-check');
      const { code, json } = await probe(s.mcpUrl);
      expect(code).toBe(1);
      expect(ids(json)).toEqual(['PRB-16 error', 'PRB-16 error']);
      expect(checks(json, 'PRB-16')).toEqual(['fail: a token for another resource', 'fail: a token asked without resource']);
      expect(json.findings[0]!.message).toMatch(/asked for http:\/\/127\.0\.0\.1:\d+\/authtrace-probe-other-resource, got a token whose aud is "http:\/\/127\.0\.0\.1:\d+\/authtrace-probe-other-resource", and the MCP server served it/);
    });

    it('iss-missing: the authorization response lacks the iss its metadata promises (PRB-15)', async () => {
      const s = await sandbox('iss-missing');
      const { code, json } = await probeSandbox(s);
      expect(code).toBe(1);
      expect(ids(json)).toEqual(['PRB-15 error']);
      expect(checks(json, 'PRB-15')).toEqual(['pass: state returned unchanged', 'fail: iss in the authorization response (RFC 9207)']);
    });

    it('refresh-reuse-allowed: a refresh token that is never rotated and is taken again (PRB-17)', async () => {
      const s = await sandbox('refresh-reuse-allowed');
      const { code, json } = await probeSandbox(s, '--fail-on', 'warning');
      expect(code).toBe(1);
      expect(ids(json)).toEqual(['PRB-17 warning']);
      expect(json.findings[0]!.message).toMatch(/^The refresh token was not rotated, and it was taken again/);
    });

    it('a server whose login needs a person: the round trips say they were not probed, and why', async () => {
      const origin = await serve({
        '/.well-known/oauth-authorization-server': (_q, r, o) =>
          void r.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify({ issuer: o, authorization_endpoint: `${o}/authorize`, token_endpoint: `${o}/token`, registration_endpoint: `${o}/register` })),
        '/register': (_q, r) => void r.writeHead(201, { 'Content-Type': 'application/json' }).end(JSON.stringify({ client_id: 'c1', token_endpoint_auth_method: 'none' })),
        '/authorize': (_q, r) => void r.writeHead(200, { 'Content-Type': 'text/html' }).end('<form>log in</form>'),
        '/token': (_q, r) => void r.writeHead(400, { 'Content-Type': 'application/json' }).end(JSON.stringify({ error: 'invalid_grant' })),
      });
      const { json } = await probe('--issuer', origin);
      const pkce = json.authorizationChecks.find((c) => c.probe === 'PRB-10')!;
      expect(pkce).toMatchObject({ result: 'not-probed', why: expect.stringMatching(/wants a person to log in/) });
      expect(json.findings.filter((f) => f.id === 'PRB-10')).toEqual([expect.objectContaining({ severity: 'info', message: expect.stringMatching(/^Not probed: without code_challenge/) })]);
      // Every registration came back public (PRB-09): its client_id alone getting through is no unchecked secret (PRB-03).
      expect(json.findings.filter((f) => f.id === 'PRB-09')).toHaveLength(4);
      expect(json.findings.filter((f) => f.id === 'PRB-03')).toEqual([]);
    });

    it('never follows a redirect off the authorization server, and never fetches a redirect URI', async () => {
      const hits: string[] = [];
      const elsewhere = await serve({ '*': (q, r) => void (hits.push(q.url ?? ''), r.writeHead(200).end('login elsewhere')) });
      const origin = await serve({
        '/.well-known/oauth-authorization-server': (_q, r, o) =>
          void r.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify({ issuer: o, authorization_endpoint: `${o}/authorize`, token_endpoint: `${o}/token`, registration_endpoint: `${o}/register` })),
        '/register': (_q, r) => void r.writeHead(201, { 'Content-Type': 'application/json' }).end(JSON.stringify({ client_id: 'c1', token_endpoint_auth_method: 'none' })),
        '/authorize': (_q, r) => void r.writeHead(302, { Location: `${elsewhere}/login` }).end(),
        '/token': (_q, r) => void r.writeHead(400, { 'Content-Type': 'application/json' }).end(JSON.stringify({ error: 'invalid_grant' })),
      });
      const { json } = await probe('--issuer', origin);
      expect(hits).toEqual([]);
      expect(json.authorizationChecks.find((c) => c.probe === 'PRB-10')!.why).toContain(`${elsewhere}/login`);
    });
  });

  it('without --yes it says what it would do and registers nothing', async () => {
    let registrations = 0;
    const origin = await serve({
      '/.well-known/oauth-authorization-server': (_q, r, o) =>
        void r.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify({ issuer: o, authorization_endpoint: `${o}/authorize`, token_endpoint: `${o}/token`, registration_endpoint: `${o}/register` })),
      '/register': (_q, r) => {
        registrations++;
        r.writeHead(500).end();
      },
    });
    const r = await cli('probe', '--issuer', origin, '--data-dir', tempDir());
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/It will register 6 clients \(and try 3 registrations it should refuse\) at http:\/\/127\.0\.0\.1:\d+\/register[\s\S]*about 9 authorization requests to http:\/\/127\.0\.0\.1:\d+\/authorize \(of which 2 real authorizations[\s\S]*Run again with --yes/);
    expect(registrations).toBe(0);
  });
});
