import { describe, expect, it } from 'vitest';
import { judge, targetClassOf, type NetworkPolicy } from './policy.js';

const remote: NetworkPolicy = { target: 'https://mcp.example.com/mcp', allowPrivateTargets: false };

describe('judge', () => {
  it('refuses a private, loopback or link-local address a public target hands over', () => {
    const target = targetClassOf(remote, 'public');
    for (const [url, cls] of [
      ['http://169.254.169.254/latest/meta-data', 'link-local'],
      ['http://localhost:6379/', 'loopback'],
      ['http://10.0.0.5/.well-known/oauth-authorization-server', 'private'],
    ] as const) {
      const verdict = judge(remote, url, cls, target);
      expect(verdict.ok).toBe(false);
      if (!verdict.ok) {
        expect(verdict.addressClass).toBe(cls);
        expect(verdict.message).toContain(url);
        expect(verdict.hint).toContain('--allow-private-targets');
      }
    }
  });

  it('lets through public addresses, the target itself, consent, and any address when the target is local', () => {
    expect(judge(remote, 'https://auth.example.com/token', 'public', 'public').ok).toBe(true);
    expect(judge({ ...remote, allowPrivateTargets: true }, 'http://10.0.0.5/', 'private', 'public').ok).toBe(true);
    expect(judge({ target: 'http://127.0.0.1:3000/mcp', allowPrivateTargets: false }, 'http://127.0.0.1:4000/token', 'loopback', 'loopback').ok).toBe(true);
    expect(judge({ target: 'http://10.0.0.5:3000/mcp', allowPrivateTargets: false }, 'http://10.0.0.5:3000/prm', 'private', 'public').ok).toBe(true);
  });

  it('judges a local target as public when asked, so a local server is checked as a remote client would be', () => {
    const local: NetworkPolicy = { target: 'http://127.0.0.1:3000/mcp', allowPrivateTargets: false, treatTargetAsPublic: true };
    expect(targetClassOf(local, 'loopback')).toBe('public');
    expect(judge(local, 'http://127.0.0.1:4000/token', 'loopback', targetClassOf(local, 'loopback')).ok).toBe(false);
    expect(judge(local, 'http://127.0.0.1:3000/.well-known/oauth-protected-resource', 'loopback', 'public').ok).toBe(true);
  });
});
