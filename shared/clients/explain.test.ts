import { describe, expect, it } from 'vitest';
import { RULES } from '../diagnostics/index.js';
import { CLIENT_PROFILES } from './index.js';
import { explain, KNOWN_SYMPTOMS } from './explain.js';

describe('explain: what a client said, and why', () => {
  it.each([
    ['Error: Existing OAuth client information is required when exchanging an authorization code', 'existing-client-required'],
    ['HTTP 401: {"error":"invalid_client","error_description":"client authentication failed"}', 'invalid-client'],
    ['Incompatible auth server: does not support dynamic client registration', 'incompatible-auth-server'],
    ["AADSTS9010010: The resource parameter provided in the request doesn't match with the requested scopes.", 'aadsts9010010'],
    ['{"error":"use_dpop_nonce"}', 'dpop'],
  ])('%s', (text, id) => {
    expect(explain(text)[0]?.id).toBe(id);
  });

  it('finds nothing in text it knows nothing about', () => {
    expect(explain('the printer is on fire')).toEqual([]);
  });

  it('names only rules of the catalogue, and checks that run commands Authtrace has', () => {
    for (const s of KNOWN_SYMPTOMS) {
      for (const c of s.causes) for (const rule of c.rules) expect(RULES[rule], `${s.id}: ${rule}`).toBeDefined();
      expect(s.check, s.id).toMatch(/^authtrace (run|matrix) URL/);
      for (const id of /--clients (\S+)/.exec(s.check)?.[1]?.split(',') ?? []) expect(CLIENT_PROFILES.map((p) => p.id), s.id).toContain(id);
      expect(s.cite.length, s.id).toBeGreaterThan(0);
    }
  });

  it('explains every fixed message a client profile shows its user', () => {
    // A message with {error_description} is the server's own words, known only in a run.
    for (const p of CLIENT_PROFILES) for (const [kind, m] of Object.entries(p.messages)) if (!m!.value.includes('{')) expect(explain(m!.value).length, `${p.id} ${kind}: ${m!.value}`).toBeGreaterThan(0);
  });
});
