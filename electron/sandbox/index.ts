import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import { toNodeHandler } from '@modelcontextprotocol/node';
import { jwtAccessTokenVerifier } from './access-tokens.js';
import { createAuthorizationServer } from './authorization-server.js';
import { signingKeys } from './keys.js';
import { listenLoopback, type Listening } from './listen.js';
import { createMcpEndpoint } from './mcp-server.js';
import { profileBehaviour } from './profiles.js';
import { createResourceServer } from './resource-server.js';

export { SANDBOX_PROFILES, type SandboxProfile } from './profiles.js';

export interface RunningSandbox {
  profile: string;
  mcpUrl: string;
  issuer: string;
  close(): Promise<void>;
}

export interface StartSandboxOptions {
  /** A name from SANDBOX_PROFILES; default 'correct'. */
  profile?: string;
  /** Port of the MCP origin; 0 or absent picks a free port. */
  port?: number;
}

/** Starts the demo MCP server and its authorization server on 127.0.0.1. */
export async function startSandbox(opts: StartSandboxOptions = {}): Promise<RunningSandbox> {
  const profile = opts.profile ?? 'correct';
  const behaviour = profileBehaviour(profile);
  const keys = await signingKeys();

  // Both servers listen first: their URLs (issuer, resource) depend on the ports they get.
  let mcpListener: RequestListener = (_req, res) => res.writeHead(503).end();
  let asListener: RequestListener = (_req, res) => res.writeHead(503).end();
  const listening: Listening[] = [];
  const close = async () => {
    await Promise.all(listening.map((server) => server.close()));
  };

  try {
    const mcp = await listenLoopback((req, res) => mcpListener(req, res), opts.port ?? 0);
    listening.push(mcp);
    const mcpOrigin = `http://127.0.0.1:${mcp.port}`;
    let issuer = mcpOrigin;
    if (!behaviour.legacy20250326) {
      const as = await listenLoopback((req, res) => asListener(req, res), 0);
      listening.push(as);
      issuer = `http://127.0.0.1:${as.port}`;
    }
    const mcpUrl = new URL('/mcp', mcpOrigin);
    let successor: { issuer: string } | undefined;
    if (behaviour.asMigration) {
      let listener: RequestListener = (_req, res) => res.writeHead(503).end();
      const as2 = await listenLoopback((req, res) => listener(req, res), 0);
      listening.push(as2);
      successor = { issuer: `http://127.0.0.1:${as2.port}` };
      const provider2 = createAuthorizationServer({ issuer: successor.issuer, resource: mcpUrl.href, behaviour, keys });
      const serve2 = provider2.callback();
      listener = (req, res) => void serve2(req, res);
    }
    // The as-migration profile names the first server until one of its tokens is presented, then the successor.
    let migrated = false;
    const authorizationServer = {
      current: () => (successor && migrated ? successor.issuer : issuer),
      tokenRefused: () => void (migrated = successor !== undefined),
    };

    const provider = createAuthorizationServer({ issuer, resource: mcpUrl.href, behaviour, keys });
    const endpoint = createMcpEndpoint({ legacyOnly: behaviour.legacyMcpOnly, stepUp: behaviour.stepUp });
    const resourceServer = createResourceServer({
      mcpUrl,
      authorizationServer,
      profile,
      behaviour,
      endpoint,
      // After a migration only the successor's tokens are good: credentials are bound to their issuer.
      verifier: jwtAccessTokenVerifier({ issuer: successor?.issuer ?? issuer, resource: mcpUrl.href, jwks: keys.publicJwks, checkAudience: behaviour.audienceCheck }),
    });
    const serveResource = toNodeHandler({ fetch: (request) => resourceServer.fetch(request) });
    const serveProvider = provider.callback();

    mcpListener = (req: IncomingMessage, res: ServerResponse) => {
      const { pathname } = new URL(req.url ?? '/', mcpOrigin);
      if (behaviour.legacy20250326 && !resourceServer.owns(pathname)) {
        void serveProvider(req, res);
        return;
      }
      void serveResource(req, res);
    };
    asListener = (req, res) => void serveProvider(req, res);

    return {
      profile,
      mcpUrl: mcpUrl.href,
      issuer,
      close: async () => {
        await endpoint.close();
        await close();
      },
    };
  } catch (error) {
    await close();
    throw error;
  }
}
