import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../shared/model.js';
import { authCardModel } from './auth-card.js';

const am02: Diagnostic = {
  rule: 'AM-02',
  severity: 'error',
  title: 'none registered but not advertised',
  message: '',
  evidence: [
    { exchangeId: 'x3', location: { kind: 'response-json', pointer: '/token_endpoint_auth_methods_supported' } },
    { exchangeId: 'x4', location: { kind: 'response-json', pointer: '/token_endpoint_auth_method' } },
  ],
  spec: { ref: 'RFC 7591', url: 'https://example.invalid' },
};

const exchanges = [
  { id: 'x3', role: 'as-metadata' },
  { id: 'x4', role: 'registration' },
] as never[];

describe('authCardModel', () => {
  it('marks a registered method that is not advertised, with the rule that explains it', () => {
    const model = authCardModel({ advertised: ['client_secret_post'], registered: 'none', used: 'none', chosenBy: 'registered', reason: null }, [am02], exchanges);
    expect(model.columns.registered.tone).toBe('bad');
    expect(model.columns.registered.notes).toEqual(['none is registered but not advertised.']);
    expect(model.columns.advertised.tone).toBe('bad');
    expect(model.columns.used.tone).toBe('warn');
    expect(model.rules).toEqual([{ index: 0, diagnostic: am02, columns: ['advertised', 'registered'] }]);
  });

  it('flags a lost method and a used method that differs from the registered one', () => {
    expect(authCardModel({ advertised: ['none'], registered: 'unknown', used: 'none', chosenBy: 'first-advertised', reason: null }, [], []).columns.registered.tone).toBe('warn');
    const model = authCardModel({ advertised: ['none', 'client_secret_post'], registered: 'client_secret_post', used: 'none', chosenBy: 'explicit', reason: null }, [], []);
    expect(model.columns.used.tone).toBe('bad');
    expect(model.columns.registered.tone).toBe('ok');
  });

  it('is calm when everything agrees', () => {
    const model = authCardModel({ advertised: ['none'], registered: 'none', used: 'none', chosenBy: 'registered', reason: null }, [], []);
    expect(Object.values(model.columns).map((c) => c.tone)).toEqual(['ok', 'ok', 'ok']);
  });
});
