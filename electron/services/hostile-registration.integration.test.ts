// A server whose registration response nests 3,000 deep, run through the engine, the client
// store, the diagnostics and the HAR export; and a corrupt store met by the registration step.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type http from 'node:http';
import { describe, expect, it } from 'vitest';
import { runDiagnostics } from '../../shared/diagnostics/index.js';
import { FlowEngine } from '../../shared/flow/engine.js';
import { exportHar } from '../../shared/har/export.js';
import { defaultConfig, type Session } from '../../shared/model.js';
import { tempDir } from '../test-support/cli.js';
import { json, serve } from '../test-support/misbehaving-server.js';
import { createClientStore } from './client-store.js';
import { createLoopbackRedirectListener } from './loopback-listener.js';
import { createRecordingHttpClient } from './recording-http.js';

const DEEP = '['.repeat(3000) + ']'.repeat(3000);
const REGISTRATION = `{"client_id":"deep-client","client_secret":"deep-secret-0123456789","token_endpoint_auth_method":"client_secret_post","junk":${DEEP}}`;

async function server(): Promise<string> {
  return serve({
    '/mcp': (_req, res, o) => void res.writeHead(401, { 'WWW-Authenticate': `Bearer resource_metadata="${o}/.well-known/oauth-protected-resource/mcp"` }).end(),
    '/.well-known/oauth-protected-resource/mcp': (req, res, o) => json(200, { resource: `${o}/mcp`, authorization_servers: [o] })(req, res, o),
    '/.well-known/oauth-authorization-server': (req, res, o) =>
      json(200, { issuer: o, authorization_endpoint: `${o}/authorize`, token_endpoint: `${o}/token`, registration_endpoint: `${o}/register`, response_types_supported: ['code'], code_challenge_methods_supported: ['S256'] })(req, res, o),
    '/register': (_req: http.IncomingMessage, res: http.ServerResponse) => void res.writeHead(201, { 'Content-Type': 'application/json' }).end(REGISTRATION),
  });
}

/** Runs the steps up to and including registration, a bounded number of engine turns. */
async function throughRegistration(origin: string, dataDir: string): Promise<Session> {
  const engine = new FlowEngine(
    { ...defaultConfig({ kind: 'mcp', url: `${origin}/mcp` }), headless: true, timeoutMs: 5000 },
    { http: createRecordingHttpClient(), redirect: createLoopbackRedirectListener(), browser: { open: async () => undefined }, clients: createClientStore(dataDir) },
  );
  try {
    let session = engine.session;
    for (let turn = 0; turn < 12; turn++) {
      session = await engine.step();
      const registration = session.steps.find((s) => s.name === 'registration')!;
      if (registration.status === 'done' || registration.status === 'failed') return session;
    }
    throw new Error('the registration step did not end');
  } finally {
    await engine.close();
  }
}

describe('a hostile registration response', () => {
  it('nested 3,000 deep: the store keeps it as text, and diagnostics and the redacted HAR still come', async () => {
    const dataDir = tempDir();
    const session = await throughRegistration(await server(), dataDir);
    expect(session.steps.find((s) => s.name === 'registration')).toMatchObject({ status: 'done' });
    const stored = await createClientStore(dataDir).list();
    expect(stored[0]?.registrationResponse).toEqual({ tooDeep: true, text: REGISTRATION });
    const diagnostics = runDiagnostics(session);
    const har = JSON.stringify(exportHar(session, { diagnostics, includeSecrets: false }));
    expect(har).not.toContain('deep-secret-0123456789');
    expect(har).toContain('"tooDeep":true');
  });

  it('met with a corrupt clients.json: the step names the file, which is left as it is', async () => {
    const dataDir = tempDir();
    const file = path.join(dataDir, 'clients.json');
    writeFileSync(file, '{"version":1,"clients":[tr');
    const session = await throughRegistration(await server(), dataDir);
    const registration = session.steps.find((s) => s.name === 'registration')!;
    expect(registration.status).toBe('failed');
    expect(registration.error?.message).toContain(`${file} is not valid JSON`);
    expect(readFileSync(file, 'utf8')).toBe('{"version":1,"clients":[tr');
  });
});
