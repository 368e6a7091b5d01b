import fs from 'node:fs';
import type { LookupFunction } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import tls from 'node:tls';
import { afterEach, describe, expect, it } from 'vitest';
import { serve } from '../test-support/misbehaving-server.js';
import { createRecordingHttpClient } from './recording-http.js';
import { createTestCa, serveHttps } from './test-support/test-ca.js';
import { CaFileError, trustWithCaFile } from './tls-trust.js';

const opts = { timeoutMs: 5000, maxBodyBytes: 1024 };
const get = (url: string) => ({ method: 'GET', url, headers: [] });

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

function tempFile(name: string, text: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'authtrace-tls-'));
  dirs.push(dir);
  const file = path.join(dir, name);
  fs.writeFileSync(file, text);
  return file;
}

describe('recording HTTP client: extra CA certificates', () => {
  it('refuses a server signed by an unknown CA, and trusts it given the CA file', async () => {
    const ca = await createTestCa();
    const origin = await serveHttps(ca, (_req, res) => void res.end('hello'));
    const without = await createRecordingHttpClient({ env: {} }).send(get(`${origin}/`), opts);
    expect(without).toMatchObject({ outcome: 'network-error', error: { code: 'tls' } });
    const withCa = await createRecordingHttpClient({ env: {}, caFile: ca.caFile }).send(get(`${origin}/`), opts);
    expect(withCa).toMatchObject({ outcome: 'response', response: { status: 200, body: 'hello' } });
  });

  it('adds the file to the default roots instead of replacing them', () => {
    const file = tempFile('bundle.pem', `# a comment\n${tls.rootCertificates[0]}\n`);
    const trust = trustWithCaFile(file);
    expect(trust).toEqual(expect.arrayContaining([...tls.rootCertificates]));
    expect(trust.length).toBe(tls.rootCertificates.length + extraCount() + 1);
  });

  it('throws at creation, naming the file, when it cannot be read or holds no certificate', () => {
    const missing = path.join(os.tmpdir(), 'authtrace-no-such-dir', 'ca.pem');
    expect(() => createRecordingHttpClient({ caFile: missing })).toThrow(CaFileError);
    expect(() => createRecordingHttpClient({ caFile: missing })).toThrow(`the CA file ${missing} cannot be read`);
    const empty = tempFile('key-only.pem', '-----BEGIN PRIVATE KEY-----\nMIIB\n-----END PRIVATE KEY-----\n');
    expect(() => createRecordingHttpClient({ caFile: empty })).toThrow(`the CA file ${empty} holds no PEM certificate`);
    const broken = tempFile('broken.pem', '-----BEGIN CERTIFICATE-----\nbm90IGEgY2VydA==\n-----END CERTIFICATE-----\n');
    expect(() => createRecordingHttpClient({ caFile: broken })).toThrow(`certificate 1 of the CA file ${broken} does not parse`);
  });
});

describe('recording HTTP client: lookup', () => {
  const toLoopback = (asked: string[]): LookupFunction => (hostname, options, callback) => {
    asked.push(hostname);
    if (options.all) callback(null, [{ address: '127.0.0.1', family: 4 }]);
    else callback(null, '127.0.0.1', 4);
  };

  it('resolves direct connections with the given lookup, for http and https', async () => {
    const ca = await createTestCa();
    const plain = new URL(await serve({ '/x': (req, res) => void res.end(`host ${req.headers.host}`) }));
    const secure = new URL(await serveHttps(ca, (req, res) => void res.end(`host ${req.headers.host}`)));
    const asked: string[] = [];
    const client = createRecordingHttpClient({ env: {}, caFile: ca.caFile, lookup: toLoopback(asked) });
    const r1 = await client.send(get(`http://authtrace.test:${plain.port}/x`), opts);
    const r2 = await client.send(get(`https://authtrace.test:${secure.port}/x`), opts);
    expect(r1).toMatchObject({ outcome: 'response', response: { body: `host authtrace.test:${plain.port}` } });
    expect(r2).toMatchObject({ outcome: 'response', response: { body: `host authtrace.test:${secure.port}` } });
    expect(asked).toEqual(['authtrace.test', 'authtrace.test']);
  });

  it('a lookup that refuses is a network error with its message; a policy refusal is "blocked"', async () => {
    const refuse = (code: string): LookupFunction => (_hostname, _options, callback) => callback(Object.assign(new Error(`refused (${code})`), { code }), '', 0);
    const other = await createRecordingHttpClient({ env: {}, lookup: refuse('EWHATEVER') }).send(get('http://authtrace.test:1/x'), opts);
    expect(other).toMatchObject({ outcome: 'network-error', error: { code: 'other', message: 'refused (EWHATEVER)' } });
    const policy = await createRecordingHttpClient({ env: {}, lookup: refuse('ENETPOLICY') }).send(get('http://authtrace.test:1/x'), opts);
    expect(policy).toMatchObject({ outcome: 'network-error', error: { code: 'blocked', message: 'refused (ENETPOLICY)' } });
  });
});

function extraCount(): number {
  const file = process.env.NODE_EXTRA_CA_CERTS;
  if (!file || !fs.existsSync(file)) return 0;
  return (fs.readFileSync(file, 'utf8').match(/-----BEGIN CERTIFICATE-----/g) ?? []).length;
}
