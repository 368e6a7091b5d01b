import { describe, expect, it } from 'vitest';
import type { AuthMethodPicture, TokenAttempt } from '../../shared/interpret/auth-method.js';
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
  { id: 't1', role: 'token' },
  { id: 't2', role: 'token' },
] as never[];

const attempt = (exchangeId: string, used: TokenAttempt['used'], outcome: TokenAttempt['outcome'], disagreements: TokenAttempt['disagreements'] = []): TokenAttempt => ({
  exchangeId,
  role: 'token',
  methods: used ? [used] : [],
  used,
  outcome,
  status: outcome === 'accepted' ? 200 : 401,
  ...(outcome === 'rejected' && { error: 'invalid_client' }),
  disagreements,
});

function picture(p: Partial<AuthMethodPicture> & { attempts?: TokenAttempt[] }): AuthMethodPicture {
  const attempts = p.attempts ?? [];
  return {
    advertised: null,
    advertisedAt: 'x3',
    registered: null,
    registeredNotAdvertised: false,
    used: attempts.at(-1)?.used ?? null,
    chosen: null,
    chosenBy: null,
    reason: null,
    latest: attempts.at(-1) ?? null,
    history: attempts.slice(0, -1).reverse(),
    ...p,
    attempts,
  };
}

describe('authCardModel', () => {
  it('marks a registered method that is not advertised, with the rule that explains it', () => {
    const notAdvertised = [{ kind: 'not-advertised' as const, used: 'none' as const, advertised: ['client_secret_post'] }];
    const model = authCardModel(picture({ advertised: ['client_secret_post'], registered: 'none', registeredNotAdvertised: true, attempts: [attempt('t1', 'none', 'accepted', notAdvertised)] }), [am02], exchanges);
    expect(model.columns.registered.tone).toBe('bad');
    expect(model.columns.registered.notes).toEqual(['none is registered but not advertised.']);
    expect(model.columns.advertised.tone).toBe('bad');
    expect(model.columns.used.tone).toBe('warn');
    expect(model.rules).toEqual([{ index: 0, diagnostic: am02, columns: ['advertised', 'registered'] }]);
    expect(model.verdict).toBe('disagreement');
  });

  it('flags a lost method and a used method that differs from the registered one', () => {
    expect(authCardModel(picture({ advertised: ['none'], registered: 'unknown', attempts: [attempt('t1', 'none', 'rejected')] }), [], []).columns.registered.tone).toBe('warn');
    const wrong = [{ kind: 'not-registered' as const, used: 'none' as const, registered: 'client_secret_post' as const }];
    const model = authCardModel(picture({ advertised: ['none', 'client_secret_post'], registered: 'client_secret_post', attempts: [attempt('t1', 'none', 'rejected', wrong)] }), [], []);
    expect(model.columns.used.tone).toBe('bad');
    expect(model.columns.used.notes).toEqual(['Sent none, registered client_secret_post.']);
    expect(model.columns.registered.tone).toBe('ok');
  });

  it('is calm when everything agrees, and says Consistent once the token request was accepted', () => {
    const model = authCardModel(picture({ advertised: ['none'], registered: 'none', attempts: [attempt('t1', 'none', 'accepted')] }), [], []);
    expect(Object.values(model.columns).map((c) => c.tone)).toEqual(['ok', 'ok', 'ok']);
    expect(model.verdict).toBe('consistent');
    expect(authCardModel(picture({ advertised: ['none'], registered: 'none' }), [], []).verdict).toBe('consistent-so-far');
  });

  it('says Refused, not Consistent so far, when nothing it compares disagrees but the latest token request was refused', () => {
    // A cached client that lost its method (registered unknown): the card has no method to compare, yet the server said 401.
    const model = authCardModel(picture({ advertised: ['none', 'client_secret_post'], registered: 'unknown', attempts: [attempt('t1', 'none', 'rejected')] }), [], []);
    expect(model.verdict).toBe('refused');
  });

  it('shows the latest attempt as consistent and keeps a failed earlier attempt, with its rule, as history', () => {
    const wrong = [{ kind: 'not-registered' as const, used: 'none' as const, registered: 'client_secret_post' as const }];
    const am03: Diagnostic = {
      rule: 'AM-03',
      severity: 'error',
      title: 'used differs from registered',
      message: '',
      evidence: [
        { exchangeId: 't1', location: { kind: 'request-form', name: 'client_id' } },
        { location: { kind: 'client', field: 'token_endpoint_auth_method' } },
      ],
      spec: { ref: 'RFC 7591', url: 'https://example.invalid' },
    };
    const model = authCardModel(
      picture({ advertised: ['none', 'client_secret_post'], registered: 'client_secret_post', attempts: [attempt('t1', 'none', 'rejected', wrong), attempt('t2', 'client_secret_post', 'accepted')] }),
      [am03],
      exchanges,
    );
    expect(model.verdict).toBe('consistent');
    expect(Object.values(model.columns).map((c) => c.tone)).toEqual(['ok', 'ok', 'ok']);
    expect(model.rules).toEqual([]);
    expect(model.history).toHaveLength(1);
    expect(model.history[0]!.attempt.exchangeId).toBe('t1');
    expect(model.history[0]!.rules.map((r) => r.diagnostic.rule)).toEqual(['AM-03']);
  });
});

describe('authCardModel, before and after the token request', () => {
  const cannotSend = { kind: 'cannot-send' as const, method: 'client_secret_post' as const, message: 'client_secret_post needs a client secret.', fixes: [] };
  it('says a request that cannot be sent before it is sent, in the used column', () => {
    const model = authCardModel(picture({ advertised: ['none', 'client_secret_post'], registered: 'none' }), [], exchanges, { preflight: cannotSend });
    expect(model.verdict).toBe('cannot-send');
    expect(model.columns.used).toEqual({ tone: 'bad', notes: ['client_secret_post needs a client secret.'] });
  });

  it('warns that a method other than the registered one will be sent', () => {
    const preflight = { kind: 'not-registered' as const, method: 'client_secret_basic' as const, registered: 'client_secret_post' as const, message: 'other than registered', fixes: [] };
    const model = authCardModel(picture({ registered: 'client_secret_post' }), [], exchanges, { preflight });
    expect(model.verdict).toBe('will-disagree');
    expect(model.columns.used.tone).toBe('warn');
  });

  it('does not call a finished flow without a token request consistent so far', () => {
    expect(authCardModel(picture({ registered: 'none' }), [], exchanges, { finished: true }).verdict).toBe('no-token-request');
    expect(authCardModel(picture({ registered: 'none', attempts: [attempt('t1', 'none', 'no-response')] }), [], exchanges, { finished: true }).verdict).toBe('no-answer');
    expect(authCardModel(picture({ registered: 'none' }), [], exchanges, { finished: false }).verdict).toBe('consistent-so-far');
  });
});
