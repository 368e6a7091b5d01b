import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as oauth from 'oauth4webapi';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type RunningSandbox } from './index.js';
import type { AuthMethod } from './profiles.js';
import { callTool } from './test-support/mcp-client.js';
import {
  authorizationCodeFlow,
  discover,
  insecure,
  register,
  registerClient as registerAs,
  type RegisteredClient,
} from './test-support/oauth-flow.js';

const REDIRECT_URI = 'http://127.0.0.1:43111/callback';

let sandbox: RunningSandbox;
let as: oauth.AuthorizationServer;

beforeAll(async () => {
  sandbox = await startSandbox({ profile: 'correct' });
  as = await discover(sandbox.issuer);
});
afterAll(() => sandbox.close());

function registerClient(method: AuthMethod, grantTypes?: string[]): Promise<RegisteredClient> {
  return registerAs(as, method, REDIRECT_URI, grantTypes);
}

function flow(registered: RegisteredClient, scope = 'mcp:tools') {
  return authorizationCodeFlow({ as, ...registered, redirectUri: REDIRECT_URI, resource: sandbox.mcpUrl, scope });
}

function decodeJwtPayload(jwt: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(jwt.split('.')[1] ?? '', 'base64url').toString('utf8')) as Record<string, unknown>;
}

describe('correct profile: discovery', () => {
  it('answers an unauthenticated MCP request with a quoted RFC 9728 challenge', async () => {
    const response = await fetch(sandbox.mcpUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(response.status).toBe(401);
    const metadataUrl = new URL('/.well-known/oauth-protected-resource/mcp', sandbox.mcpUrl).href;
    expect(response.headers.get('www-authenticate')).toBe(`Bearer resource_metadata="${metadataUrl}", scope="mcp:tools"`);
  });

  it('serves protected resource metadata at the path-aware and the root well-known URLs', async () => {
    for (const path of ['/.well-known/oauth-protected-resource/mcp', '/.well-known/oauth-protected-resource']) {
      const response = await fetch(new URL(path, sandbox.mcpUrl));
      expect(response.status).toBe(200);
      expect(await response.json()).toMatchObject({
        resource: sandbox.mcpUrl,
        authorization_servers: [sandbox.issuer],
        scopes_supported: ['mcp:tools', 'mcp:admin'],
      });
    }
  });

  it('serves the same AS metadata as RFC 8414 and OpenID discovery', async () => {
    const openid = (await (await fetch(new URL('/.well-known/openid-configuration', sandbox.issuer))).json()) as Record<string, unknown>;
    expect(openid).toEqual({ ...as });
    expect(as.issuer).toBe(sandbox.issuer);
    expect(as.code_challenge_methods_supported).toEqual(['S256']);
    expect(as.authorization_response_iss_parameter_supported).toBe(true);
    expect(as.client_id_metadata_document_supported).toBe(true);
    expect(as.token_endpoint_auth_methods_supported).toEqual([
      'client_secret_basic', 'client_secret_post', 'none', 'private_key_jwt', 'client_secret_jwt',
    ]);
  });

  it('answers registration with 201 and Cache-Control: no-store', async () => {
    const { status, headers } = await register(as, { redirect_uris: [REDIRECT_URI], token_endpoint_auth_method: 'none' });
    expect(status).toBe(201);
    expect(headers.get('cache-control')).toBe('no-store');
  });
});

describe.each<AuthMethod>(['none', 'client_secret_basic', 'client_secret_post', 'private_key_jwt', 'client_secret_jwt'])(
  'correct profile: a complete flow with %s',
  (method) => {
    let registered: RegisteredClient;
    let accessToken: string;

    beforeAll(async () => {
      registered = await registerClient(method);
      expect(registered.registration.status).toBe(201);
      expect(registered.registration.body.token_endpoint_auth_method).toBe(method);
      const { callback, tokens, tokenResponse } = await flow(registered);
      expect(callback.searchParams.get('iss')).toBe(sandbox.issuer);
      expect(tokenResponse.headers.get('cache-control')).toBe('no-store');
      expect(tokens.refresh_token).toBeTruthy();
      accessToken = tokens.access_token;
    });

    it('issues a JWT access token for the MCP URL', () => {
      expect(decodeJwtPayload(accessToken)).toMatchObject({
        aud: sandbox.mcpUrl,
        iss: sandbox.issuer,
        scope: 'mcp:tools',
        sub: 'sandbox-user',
        client_id: registered.client.client_id,
      });
    });

    it('calls echo over the 2026-07-28 stateless era', async () => {
      const call = await callTool(sandbox.mcpUrl, accessToken, '2026-07-28', 'echo', { text: `hello ${method}` });
      expect(call.text).toBe(`hello ${method}`);
      expect(call.wire.some((request) => request.body.includes('"initialize"'))).toBe(false);
      const toolCall = call.wire.find((request) => request.headers['mcp-method'] === 'tools/call');
      expect(toolCall?.headers['mcp-name']).toBe('echo');
      expect(toolCall?.headers['mcp-protocol-version']).toBe('2026-07-28');
      expect(toolCall?.headers.authorization).toBe(`Bearer ${accessToken}`);
      expect(JSON.parse(toolCall?.body ?? '{}').params._meta['io.modelcontextprotocol/protocolVersion']).toBe('2026-07-28');
    });

    it('calls echo over the 2025-11-25 era (initialize handshake)', async () => {
      const call = await callTool(sandbox.mcpUrl, accessToken, '2025-11-25', 'echo', { text: `hi ${method}` });
      expect(call.text).toBe(`hi ${method}`);
      expect(JSON.parse(call.wire[0]?.body ?? '{}')).toMatchObject({ method: 'initialize', params: { protocolVersion: '2025-11-25' } });
      expect(call.wire.some((request) => request.headers['mcp-method'] !== undefined)).toBe(false);
    });
  },
);

describe('correct profile: tokens', () => {
  it('rotates the refresh token of a public client', async () => {
    const registered = await registerClient('none');
    const { tokens } = await flow(registered);
    const response = await oauth.refreshTokenGrantRequest(as, registered.client, registered.clientAuth, tokens.refresh_token ?? '', {
      additionalParameters: { resource: sandbox.mcpUrl },
      ...insecure,
    });
    const refreshed = await oauth.processRefreshTokenResponse(as, registered.client, response);
    expect(refreshed.refresh_token).toBeTruthy();
    expect(refreshed.refresh_token).not.toBe(tokens.refresh_token);
    expect(decodeJwtPayload(refreshed.access_token).aud).toBe(sandbox.mcpUrl);
  });

  it('issues no refresh token to a client without the refresh_token grant', async () => {
    const registered = await registerClient('client_secret_basic', ['authorization_code']);
    const { tokens } = await flow(registered);
    expect(tokens.refresh_token).toBeUndefined();
  });

  it('rejects a tampered access token', async () => {
    const registered = await registerClient('none');
    const { tokens } = await flow(registered);
    const [header, payload, signature] = tokens.access_token.split('.');
    const forged = Buffer.from(JSON.stringify({ ...decodeJwtPayload(tokens.access_token), scope: 'mcp:tools mcp:admin' })).toString('base64url');
    expect(payload).not.toBe(forged);
    const tampered = await fetch(sandbox.mcpUrl, {
      method: 'POST',
      headers: { authorization: `Bearer ${header}.${forged}.${signature}`, 'content-type': 'application/json' },
      body: '{}',
    });
    expect(tampered.status).toBe(401);
    expect(tampered.headers.get('www-authenticate')).toContain('error="invalid_token"');
  });

  it('lets a native client come back on another loopback port (RFC 8252 section 7.3)', async () => {
    const registered = await registerClient('none');
    expect(registered.registration.body.application_type).toBe('native');
    const { callback } = await authorizationCodeFlow({
      as,
      ...registered,
      redirectUri: REDIRECT_URI,
      actualRedirectUri: 'http://127.0.0.1:51234/callback',
      resource: sandbox.mcpUrl,
      scope: 'mcp:tools',
    });
    expect(callback.port).toBe('51234');
  });

  it('asks for PKCE', async () => {
    const registered = await registerClient('client_secret_basic');
    const url = new URL(as.authorization_endpoint ?? '');
    url.search = new URLSearchParams({
      response_type: 'code', client_id: registered.client.client_id, redirect_uri: REDIRECT_URI, scope: 'mcp:tools', state: 'x',
    }).toString();
    const response = await fetch(url, { redirect: 'manual' });
    const location = new URL(response.headers.get('location') ?? '', url);
    expect(location.searchParams.get('error')).toBe('invalid_request');
    expect(location.searchParams.get('error_description')).toMatch(/PKCE/);
  });
});

describe('correct profile: client ID metadata documents', () => {
  let documentServer: Server;
  let clientId: string;

  beforeAll(async () => {
    documentServer = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ client_id: clientId, client_name: 'CIMD test client', redirect_uris: [REDIRECT_URI] }));
    });
    await new Promise<void>((resolve) => documentServer.listen(0, '127.0.0.1', resolve));
    clientId = `http://127.0.0.1:${(documentServer.address() as AddressInfo).port}/client.json`;
  });
  afterAll(() => new Promise<void>((resolve) => documentServer.close(() => resolve())));

  it('authorizes a client whose client_id is the URL of its metadata document', async () => {
    const { tokens } = await authorizationCodeFlow({
      as,
      client: { client_id: clientId },
      clientAuth: oauth.None(),
      redirectUri: REDIRECT_URI,
      resource: sandbox.mcpUrl,
      scope: 'mcp:tools',
    });
    expect(decodeJwtPayload(tokens.access_token).client_id).toBe(clientId);
  });
});
