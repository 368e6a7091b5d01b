// The JWT bearer grant (RFC 7523 §2.1) for a workload: a loopback authorization server that
// offers only that grant, a pre-registered public client, and the workload's JWT read from a file.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runJson, tempDir } from '../test-support/cli.js';
import { serve } from '../test-support/misbehaving-server.js';

const GRANT = 'urn:ietf:params:oauth:grant-type:jwt-bearer';
const WORKLOAD_JWT = 'eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJ3b3JrbG9hZCJ9.workload-signature-0123456789';

describe('authtrace run with the JWT bearer grant', () => {
  it('sends the assertion as the grant, skips the user, and keeps the assertion out of the report and the HAR', async () => {
    const bodies: URLSearchParams[] = [];
    const origin = await serve({
      '/.well-known/oauth-authorization-server': (_q, res, o) =>
        void res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify({ issuer: o, token_endpoint: `${o}/token`, grant_types_supported: [GRANT], token_endpoint_auth_methods_supported: ['none'] })),
      '/token': (req, res) => {
        let text = '';
        req.on('data', (c: Buffer) => (text += c.toString()));
        req.on('end', () => {
          const body = new URLSearchParams(text);
          bodies.push(body);
          const ok = body.get('grant_type') === GRANT && body.get('assertion') === WORKLOAD_JWT;
          res.writeHead(ok ? 200 : 400, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' }).end(JSON.stringify(ok ? { access_token: 'at-0123456789', token_type: 'Bearer', expires_in: 60 } : { error: 'invalid_grant' }));
        });
      },
    });
    const dir = tempDir();
    const jwt = path.join(dir, 'workload.jwt');
    writeFileSync(jwt, `${WORKLOAD_JWT}\n`);
    const har = path.join(dir, 'run.har');
    const { report } = await runJson('--issuer', origin, '--headless', '--data-dir', dir, '--client-id', 'workload-1', '--assertion', jwt, '--har', har);
    expect(report.flow).toBe('completed');
    expect(report.steps.find((s) => s.name === 'authorize')).toMatchObject({ status: 'skipped', summary: expect.stringMatching(/JWT bearer grant/) });
    expect(bodies).toHaveLength(1);
    expect(Object.fromEntries(bodies[0]!)).toMatchObject({ grant_type: GRANT, assertion: WORKLOAD_JWT, client_id: 'workload-1' });
    expect(JSON.stringify(report)).not.toContain('workload-signature-0123456789');
    expect(readFileSync(har, 'utf8')).not.toContain('workload-signature-0123456789');
  });

  it('enterprise-managed authorization: the ID token is exchanged at the IdP for an ID-JAG, which the JWT bearer grant presents', async () => {
    const seen: { where: string; body: URLSearchParams; authorization?: string }[] = [];
    const form = (req: import('node:http').IncomingMessage, where: string, answer: (body: URLSearchParams) => [number, unknown], res: import('node:http').ServerResponse) => {
      let text = '';
      req.on('data', (c: Buffer) => (text += c.toString()));
      req.on('end', () => {
        const body = new URLSearchParams(text);
        seen.push({ where, body, ...(req.headers.authorization && { authorization: req.headers.authorization }) });
        const [status, json] = answer(body);
        res.writeHead(status, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' }).end(JSON.stringify(json));
      });
    };
    const idp = await serve({
      '/token': (req, res) =>
        form(req, 'idp', (b) => (b.get('subject_token') === 'id-token-0123456789' ? [200, { access_token: 'id-jag-0123456789', issued_token_type: 'urn:ietf:params:oauth:token-type:id-jag', token_type: 'N_A' }] : [400, { error: 'invalid_grant' }]), res),
    });
    const as = await serve({
      '/.well-known/oauth-authorization-server': (_q, res, o) =>
        void res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify({ issuer: o, token_endpoint: `${o}/token`, grant_types_supported: [GRANT], token_endpoint_auth_methods_supported: ['client_secret_basic'] })),
      '/token': (req, res) => form(req, 'as', (b) => (b.get('assertion') === 'id-jag-0123456789' ? [200, { access_token: 'at-0123456789', token_type: 'Bearer', expires_in: 60 }] : [400, { error: 'invalid_grant' }]), res),
    });
    const dir = tempDir();
    const idToken = path.join(dir, 'id-token.jwt');
    writeFileSync(idToken, 'id-token-0123456789');
    const { report } = await runJson('--issuer', as, '--headless', '--data-dir', dir, '--client-id', 'app-1', '--client-secret', 'app-secret-0123456789', '--id-token', idToken, '--idp-token-endpoint', `${idp}/token`, '--idp-client-id', 'idp-app');
    expect(report.flow).toBe('completed');
    expect(seen.map((s) => s.where)).toEqual(['idp', 'as']);
    expect(Object.fromEntries(seen[0]!.body)).toMatchObject({
      grant_type: 'urn:ietf:params:oauth:grant-type:token-exchange',
      requested_token_type: 'urn:ietf:params:oauth:token-type:id-jag',
      subject_token_type: 'urn:ietf:params:oauth:token-type:id_token',
      audience: as,
      client_id: 'idp-app',
    });
    expect(Object.fromEntries(seen[1]!.body)).toMatchObject({ grant_type: GRANT, assertion: 'id-jag-0123456789' });
    expect(seen[1]!.authorization).toMatch(/^Basic /);
    expect(report.authMethod.latest).toMatchObject({ used: 'client_secret_basic', outcome: 'accepted' });
    expect(JSON.stringify(report)).not.toContain('id-token-0123456789');
  });
});
