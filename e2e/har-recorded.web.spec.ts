// A HAR recorded by the browser itself (Playwright's recordHar in Chromium) while a web page acts
// as an MCP client against the sandbox: discovery by fetch, registration, the authorize navigation
// through the sandbox's redirects to a loopback redirect URI, the token request. Importing it must
// give the right steps and roles.
import { mkdtemp, readFile } from 'node:fs/promises';
import { authMethodPicture } from '../shared/interpret/auth-method.js';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { importHar } from '../shared/har/import.js';
import { runDiagnostics } from '../shared/diagnostics/index.js';
import { startSandbox } from '../electron/sandbox/index.js';
import { createLoopbackRedirectListener } from '../electron/services/loopback-listener.js';

test('a browser-recorded HAR of an MCP login imports as a flow', async ({ browser }) => {
  const sandbox = await startSandbox({ profile: 'correct' });
  const listener = await createLoopbackRedirectListener().listen(0);
  const harPath = path.join(await mkdtemp(path.join(os.tmpdir(), 'authtrace-har-')), 'browser.har');
  try {
    const context = await browser.newContext({ recordHar: { path: harPath, content: 'embed' } });
    const page = await context.newPage();
    const mcpOrigin = new URL(sandbox.mcpUrl).origin;
    await page.goto(`${mcpOrigin}/.well-known/oauth-protected-resource/mcp`);
    // A desktop client registers outside the browser (no CORS on /register); the recording starts at discovery.
    const registered = (await (
      await fetch(`${sandbox.issuer}/register`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ redirect_uris: [listener.redirectUri], token_endpoint_auth_method: 'none', grant_types: ['authorization_code'], response_types: ['code'], application_type: 'native' }),
      })
    ).json()) as { client_id: string };
    // The page plays a browser-based MCP client, the way a web inspector would.
    const prepared = await page.evaluate(
      async ({ mcpUrl, redirectUri, clientId }) => {
        const probe = await fetch(mcpUrl, {
          method: 'POST',
          headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream' },
          body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion: '2025-11-25', capabilities: {}, clientInfo: { name: 'page', version: '1' } } }),
        });
        const challenge = probe.headers.get('www-authenticate') ?? '';
        const prmUrl = /resource_metadata="([^"]+)"/.exec(challenge)?.[1] ?? '';
        const prm = await (await fetch(prmUrl)).json();
        const issuer = prm.authorization_servers[0];
        const as = await (await fetch(`${issuer}/.well-known/oauth-authorization-server`)).json();
        const client = { client_id: clientId };
        const verifier = 'a'.repeat(43) + 'verifier';
        const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier)));
        const challengeParam = btoa(String.fromCharCode(...digest)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
        const url = new URL(as.authorization_endpoint);
        const params = { response_type: 'code', client_id: client.client_id, redirect_uri: redirectUri, code_challenge: challengeParam, code_challenge_method: 'S256', state: 'st8', scope: 'mcp:tools', resource: prm.resource };
        for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
        return { authorizeUrl: url.href, tokenEndpoint: as.token_endpoint, clientId: client.client_id, verifier, resource: prm.resource };
      },
      { mcpUrl: sandbox.mcpUrl, redirectUri: listener.redirectUri, clientId: registered.client_id },
    );
    // The listener takes the callback of an authorization that waits for one.
    const callback = listener.wait({ timeoutMs: 30_000 });
    await page.goto(prepared.authorizeUrl);
    await expect(page.getByRole('heading', { name: 'Authorization received' })).toBeVisible();
    await callback;
    const code = new URL(page.url()).searchParams.get('code');
    expect(code).toBeTruthy();
    await page.evaluate(
      async ({ tokenEndpoint, clientId, verifier, code: c, redirectUri, resource }) => {
        const response = await fetch(tokenEndpoint, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams({ grant_type: 'authorization_code', code: c!, client_id: clientId, code_verifier: verifier, redirect_uri: redirectUri, resource }),
        });
        // Read the body, so the browser keeps it in the recording.
        await response.text();
      },
      { ...prepared, code, redirectUri: listener.redirectUri },
    );
    await context.close();

    const imported = importHar(await readFile(harPath, 'utf8'));
    if (!imported.ok) throw new Error(imported.error);
    const { session } = imported;
    const roles = session.exchanges.filter((e) => e.step !== 'unrelated').map((e) => e.role);
    expect(roles).toEqual(expect.arrayContaining(['mcp-probe', 'resource-metadata', 'as-metadata', 'authorize', 'authorize-redirect', 'callback', 'token']));
    const status = Object.fromEntries(session.steps.map((s) => [s.name, s.status]));
    expect(status).toMatchObject({ probe: 'done', 'resource-metadata': 'done', 'authorization-server-metadata': 'done', registration: 'skipped', authorize: 'done', token: 'done' });
    expect(session.client?.client_id).toBe(prepared.clientId);
    expect(authMethodPicture(session).used).toBe('none');
    const errors = runDiagnostics(session).filter((d) => d.severity === 'error').map((d) => d.rule);
    expect(errors).toEqual([]);
  } finally {
    await listener.close();
    await sandbox.close();
  }
});
