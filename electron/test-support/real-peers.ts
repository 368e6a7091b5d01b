// Authorization servers the sandbox did not build, on loopback: oidc-provider configured with `none`
// listed first, and the MCP TypeScript SDK's own example OAuth server (its router and its demo provider).
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';
import { mcpAuthRouter } from '@modelcontextprotocol/sdk/server/auth/router.js';
import { DemoInMemoryAuthProvider } from '@modelcontextprotocol/sdk/examples/server/demoInMemoryOAuthProvider.js';
import express from 'express';
import Provider from 'oidc-provider';
import { autoApprove, INTERACTION_PREFIX, SANDBOX_ACCOUNT } from '../sandbox/auto-approve.js';
import { closeAfterTest } from './close-after.js';

async function listen(): Promise<{ server: http.Server; origin: string; handle(listener: http.RequestListener): void }> {
  let listener: http.RequestListener = (_req, res) => res.writeHead(503).end();
  const server = closeAfterTest(http.createServer((req, res) => listener(req, res)));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, handle: (l) => void (listener = l) };
}

/**
 * oidc-provider as its own documentation configures it (DCR, PKCE), taking these client
 * authentication methods in this order, its login approved at once: the issuer.
 */
export async function oidcProvider(clientAuthMethods: string[]): Promise<string> {
  const peer = await listen();
  const provider = new Provider(peer.origin, {
    clientAuthMethods: clientAuthMethods as never,
    features: { registration: { enabled: true }, devInteractions: { enabled: false } },
    cookies: { keys: [randomBytes(32).toString('base64url')] },
    interactions: { url: (_ctx, interaction) => `${INTERACTION_PREFIX}${interaction.uid}` },
    findAccount: (_ctx, accountId) => ({ accountId, claims: () => ({ sub: accountId || SANDBOX_ACCOUNT }) }),
  });
  provider.use(autoApprove(provider));
  const callback = provider.callback();
  peer.handle((req, res) => void callback(req, res));
  return peer.origin;
}

/** oidc-provider with `none` listed first in the metadata. */
export const oidcProviderNoneFirst = () => oidcProvider(['none', 'client_secret_post', 'client_secret_basic']);

/** The TypeScript SDK's example authorization server: mcpAuthRouter over DemoInMemoryAuthProvider. */
export async function typescriptSdkExampleServer(): Promise<string> {
  const peer = await listen();
  const app = express();
  app.use(mcpAuthRouter({ provider: new DemoInMemoryAuthProvider(), issuerUrl: new URL(peer.origin), scopesSupported: ['mcp:tools'] }));
  peer.handle(app);
  // The SDK publishes the issuer as URL.href does, with a trailing slash: start from that issuer.
  return `${peer.origin}/`;
}

