import { describe, expect, it } from 'vitest';
import { describeProfile } from './describe.js';
import { CLIENT_PROFILES, clientProfile } from './index.js';

describe('describeProfile', () => {
  it('prints every behaviour of every profile with its value and its citations', () => {
    for (const p of CLIENT_PROFILES) {
      const text = describeProfile(p);
      for (const cited of Object.values(p.behaviour)) for (const c of cited.cite) expect(text, `${p.id}: ${c.ref}`).toContain(c.ref);
    }
  });

  it('says which values are known and which are taken from the reference client', () => {
    const text = describeProfile(clientProfile('claude-code')!);
    expect(text).toMatch(/RFC 8414 issuer check\s+none\n\s+agencyenterprise\/draft-detective#775/);
    expect(text).toMatch(/PRM resource check\s+rfc9728 {2}\(assumed: as the reference client\)/);
    expect(text).toContain('Incompatible auth server: does not support dynamic client registration');
  });
});
