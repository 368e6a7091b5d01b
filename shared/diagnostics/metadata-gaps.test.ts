import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fired, goodAsMetadata, goodSession, patchResponseJson, setRequestHeader, setResponseHeader, setStatus } from './test-support.js';

const NEW_RULES = ['REG-10', 'AM-10', 'DSC-07', 'PRM-05', 'DSC-08', 'WWA-06', 'HTTP-04'];

describe('discovery-time rules stay quiet on a good flow', () => {
  it.each(NEW_RULES)('%s', (rule) => expect(fired(goodSession(), rule)).toEqual([]));
});

describe('REG-10 no way for an MCP client to register', () => {
  it('fires without registration_endpoint and without client ID metadata documents, naming the symptom', () => {
    const s = goodSession();
    patchResponseJson(s, 'as-metadata', { registration_endpoint: undefined });
    const [d] = fired(s, 'REG-10');
    expect(d).toMatchObject({ severity: 'warning', symptom: expect.stringContaining('Incompatible auth server') });
  });
  it('is quiet when client ID metadata documents are supported', () => {
    const s = goodSession();
    patchResponseJson(s, 'as-metadata', { registration_endpoint: undefined, client_id_metadata_document_supported: true });
    expect(fired(s, 'REG-10')).toEqual([]);
  });
});

describe('AM-10 none not advertised', () => {
  it('fires from metadata alone, and for an absent list (RFC 8414 default)', () => {
    const s = goodSession();
    patchResponseJson(s, 'as-metadata', { token_endpoint_auth_methods_supported: ['client_secret_post'] });
    patchResponseJson(s, 'registration', { token_endpoint_auth_method: 'client_secret_post' });
    expect(fired(s, 'AM-10')).toHaveLength(1);
  });
  it('leaves a registered public client to AM-02', () => {
    const s = goodSession();
    patchResponseJson(s, 'as-metadata', { token_endpoint_auth_methods_supported: ['client_secret_post'] });
    expect(fired(s, 'AM-10')).toEqual([]);
    expect(fired(s, 'AM-02')).toHaveLength(1);
  });
});

describe('DSC-07 no scopes to ask for', () => {
  it('warns when neither the resource metadata nor the challenge names a scope; informs for the AS', () => {
    const s = goodSession();
    patchResponseJson(s, 'resource-metadata', { scopes_supported: [] });
    setResponseHeader(s, 'mcp-probe', 'WWW-Authenticate', 'Bearer resource_metadata="http://127.0.0.1:4100/.well-known/oauth-protected-resource/mcp"');
    patchResponseJson(s, 'as-metadata', { scopes_supported: undefined });
    expect(fired(s, 'DSC-07').map((d) => d.severity)).toEqual(['warning', 'info']);
  });
  it('is quiet for the resource when the challenge names the scope', () => {
    const s = goodSession();
    patchResponseJson(s, 'resource-metadata', { scopes_supported: undefined });
    expect(fired(s, 'DSC-07')).toEqual([]);
  });
});

describe('PRM-05 bearer methods', () => {
  it('fires on query (MCP forbids it) and on a method that does not exist', () => {
    const s = goodSession();
    patchResponseJson(s, 'resource-metadata', { bearer_methods_supported: ['header', 'query', 'form'] });
    const [d] = fired(s, 'PRM-05');
    expect(d?.message).toContain('["query"]: MCP clients must send the token in the Authorization header');
    expect(d?.message).toContain('["form"]: not a method RFC 6750 defines');
  });
});

describe('DSC-08 implicit or password', () => {
  it('fires on the grants and on token response types', () => {
    const s = goodSession();
    patchResponseJson(s, 'as-metadata', { ...goodAsMetadata(), grant_types_supported: ['authorization_code', 'password'], response_types_supported: ['code', 'id_token token'] });
    expect(fired(s, 'DSC-08')[0]?.evidence.map((e) => e.value)).toEqual(['["password"]', '["id_token token"]']);
  });
});

describe('WWA-06 an error code for a request without credentials', () => {
  it('fires on invalid_token to the unauthenticated probe', () => {
    const s = goodSession();
    setResponseHeader(s, 'mcp-probe', 'WWW-Authenticate', 'Bearer error="invalid_token", resource_metadata="http://127.0.0.1:4100/.well-known/oauth-protected-resource/mcp"');
    expect(fired(s, 'WWA-06')[0]?.message).toContain('error="invalid_token"');
  });
  it('is quiet when the request carried a token', () => {
    const s = goodSession();
    setRequestHeader(s, 'mcp-probe', 'Authorization', 'Bearer expired');
    setResponseHeader(s, 'mcp-probe', 'WWW-Authenticate', 'Bearer error="invalid_token"');
    expect(fired(s, 'WWA-06')).toEqual([]);
  });
});

describe('HTTP-04 an MCP endpoint that is a web page', () => {
  it('fires on 200 text/html to the probe', () => {
    const s = goodSession();
    setStatus(s, 'mcp-probe', 200);
    setResponseHeader(s, 'mcp-probe', 'WWW-Authenticate', null);
    setResponseHeader(s, 'mcp-probe', 'Content-Type', 'text/html; charset=utf-8');
    expect(fired(s, 'HTTP-04')[0]?.severity).toBe('error');
  });
});

describe('the real-world corpus', () => {
  const DIR = path.resolve(__dirname, '../../fixtures/real-metadata');
  const doc = (name: string) => JSON.parse(readFileSync(path.join(DIR, name), 'utf8')) as Record<string, unknown>;
  it('GitHub: no registration and no public clients; Notion and the TS SDK example: an error code without credentials', () => {
    const github = goodSession();
    patchResponseJson(github, 'as-metadata', () => doc('github-as-metadata.json'));
    patchResponseJson(github, 'registration', { token_endpoint_auth_method: 'client_secret_basic' });
    expect(fired(github, 'REG-10')).toHaveLength(1);
    expect(fired(github, 'AM-10')[0]?.message).toContain('publishes no token_endpoint_auth_methods_supported');
    for (const file of ['notion-mcp-www-authenticate.json', 'mcp-ts-sdk-www-authenticate.json']) {
      const s = goodSession();
      setResponseHeader(s, 'mcp-probe', 'WWW-Authenticate', doc(file).header as string);
      expect(fired(s, 'WWA-06'), file).toHaveLength(1);
    }
    // Sentry's challenge has no error parameter.
    const sentry = goodSession();
    setResponseHeader(sentry, 'mcp-probe', 'WWW-Authenticate', doc('sentry-mcp-www-authenticate.json').header as string);
    expect(fired(sentry, 'WWA-06')).toEqual([]);
  });
});
