// A throwaway certificate authority and an https server on 127.0.0.1 whose certificate it signed,
// for tests of trust: a client trusts the server only when given the CA.
import fs from 'node:fs';
import type http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { generate } from 'selfsigned';
import { afterEach } from 'vitest';
import { closeAfterTest } from '../../test-support/close-after.js';

export interface TestCa {
  /** A PEM file holding the CA certificate. */
  caFile: string;
  key: string;
  cert: string;
}

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

/** A CA, and a server certificate it signed for 127.0.0.1, localhost and authtrace.test. */
export async function createTestCa(): Promise<TestCa> {
  const ca = await generate([{ name: 'commonName', value: 'Authtrace Test CA' }], {
    keyType: 'ec',
    algorithm: 'sha256',
    extensions: [
      { name: 'basicConstraints', cA: true, critical: true },
      { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true },
    ],
  });
  const leaf = await generate([{ name: 'commonName', value: '127.0.0.1' }], {
    keyType: 'ec',
    algorithm: 'sha256',
    ca: { key: ca.private, cert: ca.cert },
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true },
      { name: 'extKeyUsage', serverAuth: true },
      { name: 'subjectAltName', altNames: [{ type: 7, ip: '127.0.0.1' }, { type: 2, value: 'localhost' }, { type: 2, value: 'authtrace.test' }] },
    ],
  });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'authtrace-ca-'));
  dirs.push(dir);
  const caFile = path.join(dir, 'ca.pem');
  fs.writeFileSync(caFile, ca.cert);
  return { caFile, key: leaf.private, cert: leaf.cert };
}

/** An https server on 127.0.0.1 with the CA's server certificate; resolves with its origin. */
export async function serveHttps(ca: TestCa, handler: http.RequestListener): Promise<string> {
  const server = https.createServer({ key: ca.key, cert: ca.cert }, handler);
  closeAfterTest(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
}
