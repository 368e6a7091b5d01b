#!/usr/bin/env node
// Adapter for the MCP conformance suite: maps MCP_CONFORMANCE_CONTEXT to authtrace flags and runs
// `authtrace run --headless` against the server URL the suite appends. Nothing scenario-specific:
// the same flags for every scenario; the engine decides from what the server publishes.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const serverUrl = process.argv.at(-1);
const context = process.env.MCP_CONFORMANCE_CONTEXT ? JSON.parse(process.env.MCP_CONFORMANCE_CONTEXT) : {};
const args = [
  path.join(here, '..', 'bin', 'authtrace.js'),
  'run',
  '--headless',
  '--fail-on',
  'flow',
  '--data-dir',
  mkdtempSync(path.join(os.tmpdir(), 'authtrace-conformance-')),
  // A client ID metadata document URL is used only where the server advertises support.
  '--client-metadata-url',
  'https://conformance-test.local/client-metadata.json',
  '--call-tool',
  'test-tool',
];
if (context.client_id) args.push('--client-id', context.client_id);
if (context.client_secret) args.push('--client-secret', context.client_secret);
// A pre-registered client that authenticates with a key pair (private_key_jwt).
// Enterprise-managed authorization: the IdP's ID token, exchanged there for an identity assertion grant.
if (context.idp_id_token) {
  const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'authtrace-idt-')), 'id-token.jwt');
  writeFileSync(file, context.idp_id_token, { mode: 0o600 });
  args.push('--id-token', file, '--idp-token-endpoint', context.idp_token_endpoint);
  if (context.idp_client_id) args.push('--idp-client-id', context.idp_client_id);
}
// A workload's JWT for the JWT bearer grant.
if (context.valid_jwt) {
  const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'authtrace-jwt-')), 'workload.jwt');
  writeFileSync(file, context.valid_jwt, { mode: 0o600 });
  args.push('--assertion', file);
}
if (context.private_key_pem) {
  const key = path.join(mkdtempSync(path.join(os.tmpdir(), 'authtrace-key-')), 'client.pem');
  writeFileSync(key, context.private_key_pem, { mode: 0o600 });
  args.push('--private-key', key, '--register-method', 'private_key_jwt');
}
args.push(serverUrl);
const result = spawnSync(process.execPath, args, { stdio: 'inherit' });
process.exit(result.status ?? 1);
