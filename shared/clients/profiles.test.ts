import { describe, expect, it } from 'vitest';
import { SessionConfig } from '../schemas.js';
import { behaviourOf, CLIENT_PROFILES, configOf } from './index.js';
import { FAILURE_KINDS, type Cited } from './types.js';

const ISSUES = ['Claude Code', 'claude.ai', 'Cursor', 'VS Code', 'Codex', 'Goose', 'Gemini CLI', 'Copilot CLI', 'mcp-remote', 'TypeScript SDK', 'Python SDK', 'C# SDK', 'Basic-preferring', 'reference'];

function citedProperly(cited: Cited<unknown>): boolean {
  return cited.cite.length > 0 && cited.cite.every((c) => c.ref.trim() !== '' && /^(https:\/\/|docs\/)/.test(c.url));
}

describe('client profiles', () => {
  it('cover the clients the compatibility matrix promises, each once, each naming the version it models', () => {
    const ids = CLIENT_PROFILES.map((p) => p.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const name of ISSUES) expect(CLIENT_PROFILES.some((p) => p.name.includes(name) || p.id.includes(name.toLowerCase())), name).toBe(true);
    for (const p of CLIENT_PROFILES) expect(p.version.trim(), p.id).not.toBe('');
  });

  it('cite every behaviour, every message and every behaviour not modelled yet', () => {
    for (const p of CLIENT_PROFILES) {
      for (const [key, cited] of Object.entries(p.behaviour)) expect(citedProperly(cited), `${p.id}.${key}`).toBe(true);
      for (const [kind, cited] of Object.entries(p.messages)) {
        expect(FAILURE_KINDS, `${p.id} message kind`).toContain(kind);
        expect(citedProperly(cited!), `${p.id} message ${kind}`).toBe(true);
      }
      for (const cited of p.notModelled) expect(citedProperly(cited), `${p.id} not modelled: ${cited.value}`).toBe(true);
    }
  });

  it('mark what is taken from the reference client as assumed, and what a report says as known', () => {
    const csharp = CLIENT_PROFILES.find((p) => p.id === 'mcp-csharp-sdk-1.3.0')!;
    expect(csharp.behaviour.registerMethod.assumed).toBeUndefined();
    expect(csharp.behaviour.cacheKeepsMethod).toMatchObject({ value: false, cite: [{ ref: 'modelcontextprotocol/csharp-sdk#1611' }, expect.anything()] });
    expect(csharp.behaviour.iss.assumed).toBe(true);
    const reference = CLIENT_PROFILES.find((p) => p.id === 'reference')!;
    expect(Object.values(reference.behaviour).some((b) => b.assumed)).toBe(false);
  });

  it('become a configuration the engine accepts', () => {
    for (const p of CLIENT_PROFILES) {
      const config = { target: { kind: 'mcp', url: 'https://mcp.example/mcp' }, registration: 'auto', headless: true, newClient: true, timeoutMs: 1000, ...configOf(p) };
      const checked = SessionConfig.safeParse(config);
      expect(checked.success, `${p.id}: ${checked.error?.message}`).toBe(true);
      expect(behaviourOf(p).profile).toBe(p.id);
    }
  });
});
