import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { oauthChallenge, lenientParam, parseWwwAuthenticate } from './www-authenticate.js';

const fixtures = resolve(__dirname, '../../fixtures/real-metadata');
const header = (name: string) => (JSON.parse(readFileSync(resolve(fixtures, name), 'utf8')) as { header: string }).header;

describe('parseWwwAuthenticate', () => {
  it('reads a Bearer challenge with quoted parameters', () => {
    const r = parseWwwAuthenticate('Bearer resource_metadata="https://a.example/.well-known/oauth-protected-resource/mcp", scope="mcp:tools"');
    expect(r).toEqual({
      ok: true,
      challenges: [{ scheme: 'Bearer', params: { resource_metadata: 'https://a.example/.well-known/oauth-protected-resource/mcp', scope: 'mcp:tools' } }],
    });
  });

  it('reads several challenges, token68 and escapes', () => {
    const r = parseWwwAuthenticate('Basic realm="a \\"b\\"", Bearer error=invalid_token, Negotiate abc123==');
    expect(r.ok).toBe(true);
    expect(r.challenges.map((c) => c.scheme)).toEqual(['Basic', 'Bearer', 'Negotiate']);
    expect(r.challenges[0]!.params.realm).toBe('a "b"');
    expect(r.challenges[1]!.params.error).toBe('invalid_token');
    expect(r.challenges[2]!.token68).toBe('abc123==');
  });

  it('reads a bare scheme', () => {
    expect(parseWwwAuthenticate('Bearer')).toEqual({ ok: true, challenges: [{ scheme: 'Bearer', params: {} }] });
  });

  it('rejects an unquoted URL and says where, while a lenient read still finds it', () => {
    const value = 'Bearer resource_metadata=http://127.0.0.1:3000/.well-known/oauth-protected-resource/mcp';
    const r = parseWwwAuthenticate(value);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error).toMatch(/URLs must be quoted/);
      expect(r.position).toBe(value.indexOf('://'));
    }
    expect(lenientParam(value, 'resource_metadata')).toBe('http://127.0.0.1:3000/.well-known/oauth-protected-resource/mcp');
  });

  it('rejects an unterminated quote and a duplicate parameter', () => {
    expect(parseWwwAuthenticate('Bearer scope="a').ok).toBe(false);
    expect(parseWwwAuthenticate('Bearer scope="a", scope="b"').ok).toBe(false);
  });

  it.each(['notion-mcp-www-authenticate.json', 'sentry-mcp-www-authenticate.json', 'github-mcp-www-authenticate.json', 'mcp-ts-sdk-www-authenticate.json'])(
    'parses the real header in %s',
    (file) => {
      const r = parseWwwAuthenticate(header(file));
      expect(r.ok).toBe(true);
      const bearer = oauthChallenge(r.challenges);
      expect(bearer?.params.resource_metadata).toMatch(/^https:\/\//);
    },
  );

  it('reads a DPoP-only challenge when there is no Bearer one, and prefers Bearer when both are offered', () => {
    const only = parseWwwAuthenticate('DPoP algs="ES256", resource_metadata="https://mcp.example/.well-known/oauth-protected-resource"');
    expect(only.ok && oauthChallenge(only.challenges)?.scheme).toBe('DPoP');
    const both = parseWwwAuthenticate('DPoP algs="ES256", Bearer resource_metadata="https://mcp.example/prm"');
    expect(both.ok && oauthChallenge(both.challenges)?.params.resource_metadata).toBe('https://mcp.example/prm');
  });
});
