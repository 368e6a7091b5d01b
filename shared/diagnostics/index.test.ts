import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REVISIONS, STEP_NAMES, type Session } from '../model.js';
import { exportHar } from '../har/export.js';
import { importHar } from '../har/import.js';
import { RULES, runDiagnostics } from './index.js';
import {
  basic,
  CLIENT_ID,
  exchange,
  goodSession,
  patchForm,
  patchQuery,
  patchResponseJson,
  removeRole,
  setRequestHeader,
  setResponseHeader,
} from './test-support.js';

const CATALOGUE = readFileSync(path.resolve(__dirname, '../../docs/RULES.md'), 'utf8');
const SEVERITY = { error: 0, warning: 1, info: 2 } as const;

/** A session with many things wrong at once, with secrets in every place a secret can be. */
function brokenSession(): Session {
  const s = goodSession();
  patchResponseJson(s, 'as-metadata', { token_endpoint_auth_methods_supported: ['client_secret_post'], issuer: 'http://127.0.0.1:4200/' });
  patchResponseJson(s, 'registration', { token_endpoint_auth_method: 'client_secret_post', client_secret: 'TOPSECRET-reg' });
  setRequestHeader(s, 'token', 'Authorization', basic(CLIENT_ID, 'TOPSECRET-basic'));
  patchForm(s, 'token', { client_secret: 'TOPSECRET-form', redirect_uri: 'http://127.0.0.1:9/x' });
  patchResponseJson(s, 'token', { refresh_token: 'TOPSECRET-refresh', expires_in: '3600' });
  patchResponseJson(s, 'refresh', { refresh_token: 'TOPSECRET-refresh' });
  patchForm(s, 'refresh', { refresh_token: 'TOPSECRET-refresh' });
  patchQuery(s, 'callback', { state: 'nope', code: 'TOPSECRET-code' });
  setResponseHeader(s, 'token', 'Cache-Control', null);
  return s;
}

describe('RULES', () => {
  it('holds exactly the catalogue ids', () => {
    const ids = [...CATALOGUE.matchAll(/^\| ([A-Z]+-\d\d) \|/gm)].map((m) => m[1]);
    expect(Object.keys(RULES).sort()).toEqual([...ids].sort());
  });
  it('gives every rule a title, severities, revisions and a linked clause', () => {
    for (const rule of Object.values(RULES)) {
      expect(rule.title.length).toBeGreaterThan(10);
      expect(rule.severities.length).toBeGreaterThan(0);
      expect(rule.revisions.length).toBeGreaterThan(0);
      expect(rule.revisions.every((r) => (REVISIONS as readonly string[]).includes(r))).toBe(true);
      expect(rule.spec.url).toMatch(/^https:\/\//);
      for (const [revision, severities] of Object.entries(rule.severityByRevision ?? {})) {
        expect(rule.revisions).toContain(revision);
        expect(severities.every((sev) => rule.severities.includes(sev))).toBe(true);
      }
    }
  });
  it('does not expose the check functions', () => {
    expect(Object.values(RULES).some((r) => 'check' in r)).toBe(false);
  });
});

describe('runDiagnostics', () => {
  it('reports no error and no warning for a correct server on loopback, in every revision', () => {
    for (const revision of REVISIONS) {
      const ds = runDiagnostics(goodSession(revision));
      expect(ds.filter((d) => d.severity !== 'info')).toEqual([]);
      expect(ds.map((d) => d.rule)).toEqual(['DSC-05']);
    }
  });
  it('sorts by severity, then by step order', () => {
    const ds = runDiagnostics(brokenSession());
    expect(ds.length).toBeGreaterThan(8);
    for (let i = 1; i < ds.length; i++) {
      const [a, b] = [ds[i - 1]!, ds[i]!];
      const bySeverity = SEVERITY[a.severity] - SEVERITY[b.severity];
      expect(bySeverity).toBeLessThanOrEqual(0);
      if (bySeverity === 0) {
        expect(a.step ? STEP_NAMES.indexOf(a.step) : -1).toBeLessThanOrEqual(b.step ? STEP_NAMES.indexOf(b.step) : -1);
      }
    }
  });
  it('never puts a secret value into a diagnostic', () => {
    const text = JSON.stringify(runDiagnostics(brokenSession()));
    expect(text).not.toContain('TOPSECRET');
  });
  it('points evidence only at exchanges of the session, and fills rule, spec and step', () => {
    const s = brokenSession();
    const ids = new Set(s.exchanges.map((e) => e.id));
    for (const d of runDiagnostics(s)) {
      expect(RULES[d.rule]).toBeDefined();
      expect(d.evidence.length).toBeGreaterThan(0);
      expect(d.spec.url).toMatch(/^https:\/\//);
      for (const e of d.evidence) if (e.exchangeId) expect(ids.has(e.exchangeId)).toBe(true);
      const first = d.evidence.find((e) => e.exchangeId)?.exchangeId;
      if (first) expect(d.step).toBe(s.exchanges.find((e) => e.id === first)?.step);
    }
  });
  it('survives empty sessions, network errors, truncated and non-JSON bodies', () => {
    const empty = goodSession();
    empty.exchanges = [];
    expect(runDiagnostics(empty).map((d) => d.rule)).toEqual(['DSC-05']);
    const odd = goodSession();
    const as = exchange(odd, 'as-metadata');
    Object.assign(as, { outcome: 'network-error', error: { code: 'timeout', message: 'timed out' } });
    const token = exchange(odd, 'token');
    if (token.outcome === 'response') token.response.body = '{"access_token": "abc", "tok';
    removeRole(odd, 'callback');
    expect(() => runDiagnostics(odd)).not.toThrow();
  });
  it('applies only the rules of the session revision', () => {
    const s = goodSession('2025-03-26');
    patchQuery(s, 'authorize', { resource: null });
    expect(runDiagnostics(s).some((d) => d.rule === 'RES-01')).toBe(false);
  });
});

describe('on sessions rebuilt from a HAR', () => {
  it('finds the same problems after an export and import round trip', () => {
    const s = goodSession();
    patchResponseJson(s, 'as-metadata', { token_endpoint_auth_methods_supported: ['client_secret_post', 'client_secret_basic'] });
    patchQuery(s, 'callback', { state: 'other' });
    setResponseHeader(s, 'token', 'Cache-Control', null);
    const before = runDiagnostics(s).map((d) => `${d.rule} ${d.severity}`);
    const har = exportHar(s, { diagnostics: runDiagnostics(s), includeSecrets: false });
    const imported = importHar(JSON.stringify(har));
    if (!imported.ok) throw new Error(imported.error);
    expect(runDiagnostics(imported.session).map((d) => `${d.rule} ${d.severity}`)).toEqual(before);
    expect(before).toEqual(expect.arrayContaining(['AM-02 error', 'CB-01 error', 'HTTP-01 warning']));
  });
  it('reads the callback from the Location of the last redirect when the recording has no callback entry', () => {
    const s = goodSession();
    const cb = exchange(s, 'callback');
    removeRole(s, 'callback');
    const last = s.exchanges.findIndex((e) => e.role === 'authorize');
    s.exchanges.splice(last + 1, 0, {
      id: 'hop',
      role: 'authorize-redirect',
      step: 'authorize',
      startedAt: cb.startedAt,
      origin: 'imported',
      request: { method: 'POST', url: 'http://127.0.0.1:4200/interaction/x/confirm', headers: [] },
      outcome: 'response',
      response: { status: 303, statusText: 'See Other', headers: [{ name: 'Location', value: cb.request.url.replace('state=st-1', 'state=tampered') }], body: '', truncated: false, bodySize: 0, httpVersion: 'HTTP/1.1' },
      timings: { wait: 1, receive: 0, total: 1 },
    });
    expect(runDiagnostics(s).filter((d) => d.rule === 'CB-01')).toHaveLength(1);
  });
});

describe('a rule that throws', () => {
  it('reports nothing for that rule, tells onRuleError, and the other rules still run', () => {
    const s = goodSession();
    patchQuery(s, 'callback', { state: 'other' });
    // A stored client without redirect_uris (a hand-edited file) trips the redirect URI rules.
    s.client = { ...s.client!, redirect_uris: undefined as unknown as string[] };
    removeRole(s, 'registration');
    const failed: string[] = [];
    const found = runDiagnostics(s, { onRuleError: (rule) => failed.push(rule) });
    expect(failed.length).toBeGreaterThan(0);
    expect(found.map((d) => d.rule)).toContain('CB-01');
    expect(found.map((d) => d.rule)).not.toEqual(expect.arrayContaining(failed));
  });
});
