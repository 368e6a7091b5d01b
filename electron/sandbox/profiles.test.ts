import * as oauth from 'oauth4webapi';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { SANDBOX_PROFILES, startSandbox, type RunningSandbox } from './index.js';
import { callTool, modernToolCall } from './test-support/mcp-client.js';
import { authorizationCodeFlow, discover, register, registerClient, tokenRequestWith } from './test-support/oauth-flow.js';

const REDIRECT_URI = 'http://127.0.0.1:43112/callback';

const running: RunningSandbox[] = [];
async function start(profile: string): Promise<RunningSandbox> {
  const sandbox = await startSandbox({ profile });
  running.push(sandbox);
  return sandbox;
}
afterEach(async () => {
  await Promise.all(running.splice(0).map((sandbox) => sandbox.close()));
});

async function rawMetadata(issuer: string): Promise<Record<string, unknown>> {
  const response = await fetch(new URL('/.well-known/oauth-authorization-server', issuer));
  expect(response.status).toBe(200);
  return (await response.json()) as Record<string, unknown>;
}

async function unauthenticatedChallenge(mcpUrl: string): Promise<string | null> {
  const response = await fetch(mcpUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
  expect(response.status).toBe(401);
  return response.headers.get('www-authenticate');
}

function prmUrl(mcpUrl: string): string {
  return new URL('/.well-known/oauth-protected-resource/mcp', mcpUrl).href;
}

async function accessToken(sandbox: RunningSandbox, scope = 'mcp:tools'): Promise<string> {
  const as = await discover(sandbox.issuer);
  const registered = await registerClient(as, 'none', REDIRECT_URI);
  const { tokens } = await authorizationCodeFlow({ as, ...registered, redirectUri: REDIRECT_URI, resource: sandbox.mcpUrl, scope });
  return tokens.access_token;
}

describe('profiles', () => {
  it('lists every profile with a one-paragraph description', () => {
    expect(SANDBOX_PROFILES.map((profile) => profile.name)).toEqual([
      'correct', 'none-first', 'omits-none', 'lenient-methods', 'legacy-2025-11-25', 'no-pkce-metadata',
      'issuer-mismatch', 'unquoted-challenge', 'no-resource-metadata-header', 'legacy-2025-03-26', 'step-up', 'dcr-200',
      'resource-mismatch', 'client-credentials', 'dpop-required', 'as-migration', 'invalid-grant-for-unknown-client',
      'pkce-not-enforced', 'redirect-prefix-match', 'no-audience-check', 'iss-missing', 'accepts-any-token', 'lax-registration', 'advertises-unsupported-method', 'refresh-reuse-allowed',
    ]);
    for (const profile of SANDBOX_PROFILES) {
      expect(profile.description.length).toBeGreaterThan(80);
      expect(profile.description).not.toContain('\n');
    }
  });

  it('refuses an unknown profile', async () => {
    await expect(startSandbox({ profile: 'nope' })).rejects.toThrow(/Unknown sandbox profile "nope"/);
  });

  it('binds loopback, honours the port and releases every socket on close', async () => {
    const probe = await startSandbox({});
    const port = Number(new URL(probe.mcpUrl).port);
    await probe.close();

    const sandbox = await startSandbox({ port });
    expect(sandbox.mcpUrl).toBe(`http://127.0.0.1:${port}/mcp`);
    expect(new URL(sandbox.issuer).hostname).toBe('127.0.0.1');
    await fetch(prmUrl(sandbox.mcpUrl));
    await fetch(new URL('/jwks', sandbox.issuer));
    await sandbox.close();
    await expect(fetch(sandbox.mcpUrl)).rejects.toThrow();
    await expect(fetch(sandbox.issuer)).rejects.toThrow();
  });
});

describe.each(['correct', 'none-first'])('%s: strict method enforcement', (profile) => {
  it('refuses a client_secret_post client that sends none with 401 invalid_client', async () => {
    const sandbox = await start(profile);
    const as = await discover(sandbox.issuer);
    const registered = await registerClient(as, 'client_secret_post', REDIRECT_URI);
    const response = await tokenRequestWith(as, { clientId: registered.client.client_id });
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({
      error: 'invalid_client',
      error_description: 'client is registered with token_endpoint_auth_method client_secret_post but authenticated with none',
    });
    expect(response.headers.get('www-authenticate')).toBeNull();
  });

  it('refuses client_secret_basic from a client_secret_post client, with a Basic challenge', async () => {
    const sandbox = await start(profile);
    const as = await discover(sandbox.issuer);
    const registered = await registerClient(as, 'client_secret_post', REDIRECT_URI);
    const response = await tokenRequestWith(as, { clientId: registered.client.client_id, basicSecret: registered.secret });
    expect(response.status).toBe(401);
    expect(((await response.json()) as { error: string }).error).toBe('invalid_client');
    expect(response.headers.get('www-authenticate')).toMatch(/^Basic realm=".+", error="invalid_client"/);
  });

  it('refuses client_secret_post from a client_secret_basic client', async () => {
    const sandbox = await start(profile);
    const as = await discover(sandbox.issuer);
    const registered = await registerClient(as, 'client_secret_basic', REDIRECT_URI);
    const response = await tokenRequestWith(as, { clientId: registered.client.client_id, postSecret: registered.secret });
    expect(response.status).toBe(401);
    expect(((await response.json()) as { error: string }).error).toBe('invalid_client');
  });

  it('lets the registered method through to the grant check', async () => {
    const sandbox = await start(profile);
    const as = await discover(sandbox.issuer);
    const registered = await registerClient(as, 'client_secret_post', REDIRECT_URI);
    const response = await tokenRequestWith(as, { clientId: registered.client.client_id, postSecret: registered.secret });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: string }).error).toBe('invalid_grant');
  });
});

describe('none-first', () => {
  it('advertises none first', async () => {
    const sandbox = await start('none-first');
    expect((await rawMetadata(sandbox.issuer)).token_endpoint_auth_methods_supported).toEqual([
      'none', 'client_secret_post', 'client_secret_basic',
    ]);
  });
});

describe('omits-none', () => {
  it('advertises no none, yet registers and serves a public client', async () => {
    const sandbox = await start('omits-none');
    const as = await discover(sandbox.issuer);
    expect(as.token_endpoint_auth_methods_supported).toEqual(['client_secret_post', 'client_secret_basic']);
    const registered = await registerClient(as, 'none', REDIRECT_URI);
    expect(registered.registration.status).toBe(201);
    expect(registered.registration.body.token_endpoint_auth_method).toBe('none');
    const { tokens } = await authorizationCodeFlow({ as, ...registered, redirectUri: REDIRECT_URI, resource: sandbox.mcpUrl, scope: 'mcp:tools' });
    expect(tokens.access_token).toBeTruthy();
  });
});

describe('lenient-methods', () => {
  it('accepts none from a client_secret_post client', async () => {
    const sandbox = await start('lenient-methods');
    const as = await discover(sandbox.issuer);
    const registered = await registerClient(as, 'client_secret_post', REDIRECT_URI);
    const { tokens } = await authorizationCodeFlow({
      as, ...registered, clientAuth: oauth.None(), redirectUri: REDIRECT_URI, resource: sandbox.mcpUrl, scope: 'mcp:tools',
    });
    expect((await callTool(sandbox.mcpUrl, tokens.access_token, '2026-07-28', 'echo', { text: 'lenient' })).text).toBe('lenient');
  });

  it('accepts client_secret_basic from a client_secret_post client, but not a wrong secret', async () => {
    const sandbox = await start('lenient-methods');
    const as = await discover(sandbox.issuer);
    const registered = await registerClient(as, 'client_secret_post', REDIRECT_URI);
    const { tokens } = await authorizationCodeFlow({
      as, ...registered, clientAuth: oauth.ClientSecretBasic(registered.secret), redirectUri: REDIRECT_URI, resource: sandbox.mcpUrl, scope: 'mcp:tools',
    });
    expect(tokens.access_token).toBeTruthy();
    const wrong = await tokenRequestWith(as, { clientId: registered.client.client_id, basicSecret: 'wrong' });
    expect(wrong.status).toBe(401);
  });
});

describe('legacy-2025-11-25', () => {
  it('answers a 2026-07-28 request with 400 Unsupported protocol version', async () => {
    const sandbox = await start('legacy-2025-11-25');
    const response = await modernToolCall(sandbox.mcpUrl, await accessToken(sandbox), 'echo', { text: 'x' });
    expect(response.status).toBe(400);
    expect(JSON.stringify(await response.json())).toMatch(/Unsupported protocol version: 2026-07-28/);
  });

  it('serves a 2025-11-25 client, and a negotiating client falls back to initialize', async () => {
    const sandbox = await start('legacy-2025-11-25');
    const token = await accessToken(sandbox);
    expect((await callTool(sandbox.mcpUrl, token, '2025-11-25', 'echo', { text: 'old' })).text).toBe('old');
    const negotiated = await callTool(sandbox.mcpUrl, token, 'auto', 'echo', { text: 'auto' });
    expect(negotiated.text).toBe('auto');
    expect(negotiated.protocolVersion).toBe('2025-11-25');
    expect(negotiated.wire[0]?.headers['mcp-method']).toBe('server/discover');
    expect(JSON.parse(negotiated.wire[1]?.body ?? '{}').method).toBe('initialize');
  });

  it('fails a client pinned to 2026-07-28', async () => {
    const sandbox = await start('legacy-2025-11-25');
    await expect(callTool(sandbox.mcpUrl, await accessToken(sandbox), '2026-07-28', 'echo', { text: 'x' })).rejects.toThrow();
  });

  it('is negotiated as 2026-07-28 by the same client under correct', async () => {
    const sandbox = await start('correct');
    const negotiated = await callTool(sandbox.mcpUrl, await accessToken(sandbox), 'auto', 'echo', { text: 'new' });
    expect(negotiated.protocolVersion).toBe('2026-07-28');
  });
});

describe('no-pkce-metadata', () => {
  it('omits code_challenge_methods_supported but still requires PKCE', async () => {
    const sandbox = await start('no-pkce-metadata');
    const metadata = await rawMetadata(sandbox.issuer);
    expect(metadata).not.toHaveProperty('code_challenge_methods_supported');
    expect(await accessToken(sandbox)).toBeTruthy();
  });
});

describe('issuer-mismatch', () => {
  it('names an issuer that differs from the metadata URL, so oauth4webapi rejects it', async () => {
    const sandbox = await start('issuer-mismatch');
    expect((await rawMetadata(sandbox.issuer)).issuer).toBe(sandbox.issuer.replace('127.0.0.1', 'localhost'));
    await expect(discover(sandbox.issuer)).rejects.toThrow(/issuer/);
  });
});

describe('challenge faults', () => {
  it('unquoted-challenge: resource_metadata without quotes, well-known still served', async () => {
    const sandbox = await start('unquoted-challenge');
    expect(await unauthenticatedChallenge(sandbox.mcpUrl)).toBe(`Bearer resource_metadata=${prmUrl(sandbox.mcpUrl)}, scope="mcp:tools"`);
    expect((await fetch(prmUrl(sandbox.mcpUrl))).status).toBe(200);
  });

  it('no-resource-metadata-header: a bare Bearer challenge, well-known still served', async () => {
    const sandbox = await start('no-resource-metadata-header');
    expect(await unauthenticatedChallenge(sandbox.mcpUrl)).toBe('Bearer');
    const response = await fetch(new URL('/.well-known/oauth-protected-resource', sandbox.mcpUrl));
    expect(((await response.json()) as { resource: string }).resource).toBe(sandbox.mcpUrl);
    const invalid = await fetch(sandbox.mcpUrl, { method: 'POST', headers: { authorization: 'Bearer nope' }, body: '{}' });
    expect(invalid.headers.get('www-authenticate')).not.toContain('resource_metadata');
  });
});

describe('legacy-2025-03-26', () => {
  it('has no protected resource metadata and serves the AS from the MCP origin', async () => {
    const sandbox = await start('legacy-2025-03-26');
    const origin = new URL(sandbox.mcpUrl).origin;
    expect(sandbox.issuer).toBe(origin);
    expect((await fetch(prmUrl(sandbox.mcpUrl))).status).toBe(404);
    expect((await fetch(new URL('/.well-known/oauth-protected-resource', origin))).status).toBe(404);
    expect(await unauthenticatedChallenge(sandbox.mcpUrl)).toBe('Bearer');
    const metadata = await rawMetadata(origin);
    expect(metadata).toMatchObject({
      issuer: origin,
      authorization_endpoint: `${origin}/authorize`,
      token_endpoint: `${origin}/token`,
      registration_endpoint: `${origin}/register`,
    });
  });

  it('completes a flow and an MCP call on the single origin', async () => {
    const sandbox = await start('legacy-2025-03-26');
    const token = await accessToken(sandbox);
    expect((await callTool(sandbox.mcpUrl, token, '2025-11-25', 'echo', { text: 'one origin' })).text).toBe('one origin');
  });
});

describe('step-up', () => {
  it('challenges for mcp:tools first, then answers admin-report with 403 insufficient_scope', async () => {
    const sandbox = await start('step-up');
    expect(await unauthenticatedChallenge(sandbox.mcpUrl)).toContain('scope="mcp:tools"');
    const token = await accessToken(sandbox, 'mcp:tools');
    expect((await callTool(sandbox.mcpUrl, token, '2026-07-28', 'echo', { text: 'fine' })).text).toBe('fine');

    const forbidden = await modernToolCall(sandbox.mcpUrl, token, 'admin-report');
    expect(forbidden.status).toBe(403);
    const challenge = forbidden.headers.get('www-authenticate') ?? '';
    expect(challenge).toMatch(/^Bearer error="insufficient_scope"/);
    expect(challenge).toContain('scope="mcp:tools mcp:admin"');
    expect(challenge).toContain(`resource_metadata="${prmUrl(sandbox.mcpUrl)}"`);
    await expect(callTool(sandbox.mcpUrl, token, '2025-11-25', 'admin-report')).rejects.toThrow();

    const legacy = await fetch(sandbox.mcpUrl, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${token}`,
        'content-type': 'application/json',
        accept: 'application/json, text/event-stream',
        'mcp-protocol-version': '2025-11-25',
      },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/call', params: { name: 'admin-report', arguments: {} } }),
    });
    expect(legacy.status).toBe(403);
    expect(legacy.headers.get('www-authenticate')).toContain('scope="mcp:tools mcp:admin"');
  });

  it('serves admin-report once the token carries mcp:admin', async () => {
    const sandbox = await start('step-up');
    const token = await accessToken(sandbox, 'mcp:tools mcp:admin');
    const call = await callTool(sandbox.mcpUrl, token, '2026-07-28', 'admin-report');
    expect(call.text).toContain('mcp:tools mcp:admin');
  });

  it('under correct, admin-report needs only mcp:tools', async () => {
    const sandbox = await start('correct');
    const call = await callTool(sandbox.mcpUrl, await accessToken(sandbox, 'mcp:tools'), '2026-07-28', 'admin-report');
    expect(call.text).toContain('mcp:tools');
  });
});

describe('dcr-200', () => {
  it('registers with 200 and without Cache-Control', async () => {
    const sandbox = await start('dcr-200');
    const as = await discover(sandbox.issuer);
    const { status, headers, body } = await register(as, { redirect_uris: [REDIRECT_URI], token_endpoint_auth_method: 'client_secret_basic' });
    expect(status).toBe(200);
    expect(headers.get('cache-control')).toBeNull();
    expect(body.client_secret).toBeTruthy();
  });
});

afterAll(async () => {
  await Promise.all(running.splice(0).map((sandbox) => sandbox.close()));
});

describe('interactions', () => {
  it('explains, rather than fails, when the user agent drops cookies', async () => {
    const sandbox = await start('correct');
    const as = await discover(sandbox.issuer);
    const registered = await registerClient(as, 'none', REDIRECT_URI);
    const url = new URL(as.authorization_endpoint ?? '');
    url.search = new URLSearchParams({
      response_type: 'code', client_id: registered.client.client_id, redirect_uri: REDIRECT_URI, scope: 'mcp:tools',
      code_challenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM', code_challenge_method: 'S256',
    }).toString();
    const first = await fetch(url, { redirect: 'manual' });
    expect(first.status).toBe(303);
    const interaction = await fetch(new URL(first.headers.get('location') ?? '', url), { redirect: 'manual' });
    expect(interaction.status).toBe(400);
    expect(((await interaction.json()) as { error_description: string }).error_description).toMatch(/cookies/);
  });

  it('closes twice without complaint', async () => {
    const sandbox = await startSandbox({});
    await sandbox.close();
    await sandbox.close();
  });
});
