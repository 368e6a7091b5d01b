import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ClientRecord } from '../../shared/model.js';
import { createClientStore } from './client-store.js';

const dir = () => mkdtempSync(path.join(os.tmpdir(), 'authtrace-clients-'));
const record = (over: Partial<ClientRecord> = {}): ClientRecord => ({
  issuer: 'https://as.example.com',
  client_id: 'c1',
  client_secret: 's3cret',
  token_endpoint_auth_method: 'client_secret_post',
  source: 'dcr',
  redirect_uris: ['http://127.0.0.1:5555/callback'],
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
  ...over,
});

describe('client store', () => {
  it('keeps clients per issuer in a 0600 file, atomically', async () => {
    const d = dir();
    const store = createClientStore(d);
    await store.put(record());
    await store.put(record({ issuer: 'https://other.example.com', client_id: 'c2' }));
    expect((statSync(store.file).mode & 0o777).toString(8)).toBe('600');
    expect(readdirSync(d)).toEqual(['clients.json']);
    expect((await store.get('https://as.example.com'))?.client_id).toBe('c1');
    expect((await store.get('https://as.example.com/'))?.client_id).toBe('c1');
    expect(await store.get('https://unknown.example.com')).toBeUndefined();
  });

  it('changes the recorded method, to reproduce a client that lost it, and forgets', async () => {
    const store = createClientStore(dir());
    await store.put(record());
    expect((await store.setMethod('https://as.example.com', 'c1', 'unknown'))?.token_endpoint_auth_method).toBe('unknown');
    expect((await store.get('https://as.example.com'))?.token_endpoint_auth_method).toBe('unknown');
    expect(await store.forget('https://as.example.com', 'c1')).toBe(true);
    expect(await store.forget('https://as.example.com', 'c1')).toBe(false);
    expect(await store.list()).toEqual([]);
  });

  it('replaces a client registered again under the same id', async () => {
    const store = createClientStore(dir());
    await store.put(record());
    await store.put(record({ token_endpoint_auth_method: 'none', updatedAt: '2026-02-01T00:00:00.000Z' }));
    expect(await store.list()).toHaveLength(1);
  });

  it('seals secrets at rest when the host gives a sealer', async () => {
    const store = createClientStore(dir(), { seal: (s) => `sealed:${Buffer.from(s).toString('base64')}`, unseal: (s) => Buffer.from(s.slice(7), 'base64').toString() });
    await store.put(record());
    const raw = readFileSync(store.file, 'utf8');
    expect(raw).not.toContain('s3cret');
    expect((await store.get('https://as.example.com'))?.client_secret).toBe('s3cret');
  });

  it('keeps secrets sealed by the desktop app when the CLI, without the sealer, writes the store', async () => {
    const d = dir();
    const sealer = { seal: (s: string) => `sealed:${Buffer.from(s).toString('base64')}`, unseal: (s: string) => Buffer.from(s.slice(7), 'base64').toString() };
    await createClientStore(d, sealer).put(record());
    const cli = createClientStore(d);
    expect((await cli.get('https://as.example.com'))?.client_secret).toBeUndefined();
    await cli.setMethod('https://as.example.com', 'c1', 'unknown');
    await cli.put({ ...(await cli.get('https://as.example.com'))!, token_endpoint_auth_method: 'client_secret_post' });
    await cli.put(record({ issuer: 'https://other.example.com', client_id: 'c2' }));
    expect((await createClientStore(d, sealer).get('https://as.example.com'))?.client_secret).toBe('s3cret');
  });

  it('says what to do with a corrupt file, naming it, and never writes over it', async () => {
    const d = dir();
    const file = path.join(d, 'clients.json');
    writeFileSync(file, '{oops');
    const store = createClientStore(d);
    await expect(store.list()).rejects.toMatchObject({
      code: 'STORE_CORRUPT',
      message: `${file} is not valid JSON. Authtrace leaves it as it is and does not write over it.`,
      hint: expect.stringMatching(/^Move the file aside .* with no stored clients/),
    });
    await expect(store.put(record())).rejects.toThrow(file);
    await expect(store.forget('https://as.example.com', 'c1')).rejects.toThrow(file);
    expect(readFileSync(file, 'utf8')).toBe('{oops');
  });

  it.each([
    ['not an object', '[]', /does not hold a JSON object/],
    ['another version', '{"version":2,"clients":[]}', /format this version does not read \(version 2\)/],
    ['no list', '{"version":1,"clients":{}}', /has no list of clients/],
    ['a malformed client', '{"version":1,"clients":[{"issuer":"x"},null]}', /client \(number 1\) without/],
  ])('refuses a file that is %s, and leaves it as it is', async (_name, text, problem) => {
    const d = dir();
    writeFileSync(path.join(d, 'clients.json'), text);
    await expect(createClientStore(d).put(record())).rejects.toThrow(problem);
    expect(readFileSync(path.join(d, 'clients.json'), 'utf8')).toBe(text);
  });

  it('says the data directory is a file instead of blaming itself', async () => {
    const file = path.join(dir(), 'not-a-dir');
    writeFileSync(file, 'x');
    const expected = { code: 'DATA_DIR_INVALID', message: `The data directory ${file} is a file, not a directory.`, hint: expect.stringMatching(/--data-dir/) };
    await expect(createClientStore(file).list()).rejects.toMatchObject(expected);
    await expect(createClientStore(file).put(record())).rejects.toMatchObject(expected);
    await expect(createClientStore(path.join(file, 'inner')).list()).rejects.toMatchObject({ code: 'DATA_DIR_INVALID', message: expect.stringMatching(/is inside a file/) });
  });

  it('keeps a registration response nested 3,000 deep as its text, flagged', async () => {
    const store = createClientStore(dir());
    const deep = '['.repeat(3000) + ']'.repeat(3000);
    await store.put(record({ registrationResponse: JSON.parse(`{"client_id":"c1","x":${deep}}`) }));
    expect((await store.get('https://as.example.com'))?.registrationResponse).toEqual({ tooDeep: true, text: `{"client_id":"c1","x":${deep}}` });
  });

  it('serialises concurrent writes', async () => {
    const store = createClientStore(dir());
    await Promise.all(Array.from({ length: 10 }, (_, i) => store.put(record({ issuer: `https://as${i}.example.com`, client_id: `c${i}` }))));
    expect(await store.list()).toHaveLength(10);
  });

  it('keeps one client per issuer: a new registration replaces the old one', async () => {
    const store = createClientStore(dir());
    await store.put(record({ client_id: 'old' }));
    await store.put(record({ client_id: 'new' }));
    expect((await store.list()).map((c) => c.client_id)).toEqual(['new']);
  });
});
