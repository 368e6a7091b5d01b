import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../../shared/model.js';
import { DEFAULT_DRAFT, draftFromHash, draftFromSession, draftProblem, optionsOf, pendingChanges, targetOf, withClient } from './draft.js';

describe('draft', () => {
  it('defaults to the sandbox, correct profile', () => {
    expect(targetOf(DEFAULT_DRAFT)).toEqual({ kind: 'sandbox', profile: 'correct' });
    expect(optionsOf(DEFAULT_DRAFT)).toEqual({ registration: 'auto', strategy: 'registered', newClient: false, timeoutMs: 15_000 });
    expect(optionsOf({ ...DEFAULT_DRAFT, refresh: true }).refresh).toBe(true);
  });

  it('starts on the server given on the command line, else on the sandbox', () => {
    expect(targetOf(draftFromHash('#token=abc&target=https%3A%2F%2Fmcp.example.com%2Fmcp'))).toEqual({ kind: 'mcp', url: 'https://mcp.example.com/mcp' });
    expect(targetOf(draftFromHash('#token=abc&issuer=https%3A%2F%2Fas.example.com'))).toEqual({ kind: 'issuer', issuer: 'https://as.example.com' });
    expect(draftFromHash('#token=abc')).toBe(DEFAULT_DRAFT);
  });

  it('sends only the fields of the chosen registration mode', () => {
    const draft = { ...DEFAULT_DRAFT, registration: 'dcr' as const, registerMethod: 'client_secret_post' as const, clientId: 'ignored', scope: ' mcp:tools ' };
    expect(optionsOf(draft)).toMatchObject({ registration: 'dcr', registerMethod: 'client_secret_post', scope: 'mcp:tools' });
    expect(optionsOf(draft).clientId).toBeUndefined();
    const pre = { ...DEFAULT_DRAFT, registration: 'pre-registered' as const, clientId: 'abc', clientSecret: 's', registerMethod: 'client_secret_basic' as const };
    expect(optionsOf(pre)).toMatchObject({ clientId: 'abc', clientSecret: 's', registerMethod: 'client_secret_basic' });
  });

  it('says what keeps it from starting', () => {
    expect(draftProblem(DEFAULT_DRAFT)).toBeNull();
    expect(draftProblem({ ...DEFAULT_DRAFT, targetKind: 'mcp' })).toMatch(/MCP server URL/);
    expect(draftProblem({ ...DEFAULT_DRAFT, targetKind: 'mcp', url: 'ftp://x' })).toMatch(/http/);
    expect(draftProblem({ ...DEFAULT_DRAFT, registration: 'pre-registered' })).toMatch(/client ID/);
    expect(draftProblem({ ...DEFAULT_DRAFT, registration: 'cimd', clientMetadataUrl: 'client.json' })).toBe('The client ID metadata document URL must be an http(s) URL.');
    expect(draftProblem({ ...DEFAULT_DRAFT, registration: 'cimd', clientMetadataUrl: 'https://client.example/meta.json' })).toBeNull();
  });

  it('reads a session back into the toolbar', () => {
    const config = { ...defaultConfig({ kind: 'mcp', url: 'https://mcp.example/mcp' }), strategy: 'first-advertised' as const, authMethod: 'none' as const };
    const draft = draftFromSession(config, undefined);
    expect(draft).toMatchObject({ targetKind: 'mcp', url: 'https://mcp.example/mcp', strategy: 'first-advertised', authMethod: 'none' });
    expect(draftFromSession(config, { profile: 'none-first', mcpUrl: 'x', issuer: 'y' })).toMatchObject({ targetKind: 'sandbox', profile: 'none-first' });
  });

  it('runs as a chosen client profile, showing its strategy and revision, and reads it back from a session', () => {
    const draft = withClient(DEFAULT_DRAFT, 'mcp-csharp-sdk-1.3.0');
    expect(draft).toMatchObject({ client: 'mcp-csharp-sdk-1.3.0', strategy: 'first-advertised', revision: '' });
    expect(optionsOf(draft).client).toMatchObject({ profile: 'mcp-csharp-sdk-1.3.0', registerMethod: { kind: 'fixed', method: 'client_secret_post' }, cacheKeepsMethod: false });
    expect(withClient(DEFAULT_DRAFT, 'mcp-ts-sdk-v2').revision).toBe('2025-11-25');
    expect(optionsOf(withClient(draft, '')).client).toBeUndefined();
    const config = { ...defaultConfig({ kind: 'mcp', url: 'https://mcp.example/mcp' }), client: optionsOf(draft).client };
    expect(draftFromSession(config, undefined).client).toBe('mcp-csharp-sdk-1.3.0');
  });
});

describe('pendingChanges', () => {
  const config = { target: { kind: 'mcp', url: 'http://127.0.0.1:4000/mcp' }, registration: 'auto', strategy: 'registered', headless: false, newClient: false, timeoutMs: 10_000 } as const;
  const sandbox = { profile: 'correct', mcpUrl: 'http://127.0.0.1:4000/mcp', issuer: 'http://127.0.0.1:4001' };

  it('is empty while the toolbar shows the open session', () => {
    expect(pendingChanges(draftFromSession(config, sandbox), config, sandbox)).toEqual([]);
  });

  it('names each setting changed since, as Reset would apply it', () => {
    const draft = { ...draftFromSession(config, sandbox), profile: 'none-first', strategy: 'first-advertised' as const, scope: '  ' };
    expect(pendingChanges(draft, config, sandbox)).toEqual(['profile', 'strategy']);
    expect(pendingChanges({ ...draft, targetKind: 'mcp', url: 'http://127.0.0.1:4000/mcp' }, config, sandbox)).toEqual(['target', 'URL', 'strategy']);
  });
});
