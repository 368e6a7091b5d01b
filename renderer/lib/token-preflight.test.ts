import { describe, expect, it } from 'vitest';
import type { ClientRecord } from '../../shared/model.js';
import { tokenPreflight, type PreflightInput } from './token-preflight.js';

const publicClient: ClientRecord = {
  issuer: 'http://127.0.0.1:1',
  client_id: 'c1',
  token_endpoint_auth_method: 'none',
  source: 'dcr',
  redirect_uris: ['http://127.0.0.1:2/callback'],
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
};
const confidential: ClientRecord = { ...publicClient, client_id: 'c2', client_secret: 's3cret', token_endpoint_auth_method: 'client_secret_post' };

const input = (p: Partial<Omit<PreflightInput, 'config'>> & { config?: Partial<PreflightInput['config']> }): PreflightInput => ({
  client: undefined,
  tokenStatus: 'pending',
  chosen: null,
  ...p,
  config: { registration: 'auto', newClient: false, ...p.config },
});

describe('tokenPreflight', () => {
  it('says a secret method cannot be sent for a public client, before the token step, with the app fixes', () => {
    const result = tokenPreflight(input({ client: publicClient, config: { authMethod: 'client_secret_post' } }));
    expect(result?.kind).toBe('cannot-send');
    expect(result?.message).toBe('client_secret_post needs a client secret, and the client c1 (registered as none) has none: the token request cannot be sent.');
    expect(result?.fixes).toEqual([
      { kind: 'send-registered', method: 'none' },
      { kind: 'register-as', method: 'client_secret_post' },
      { kind: 'enter-secret', clientId: 'c1', registered: 'none' },
    ]);
  });

  it('predicts the client a DCR registration will make before there is one', () => {
    const result = tokenPreflight(input({ config: { registration: 'dcr', authMethod: 'client_secret_basic' } }));
    expect(result?.kind).toBe('cannot-send');
    expect(result?.message).toContain('the client this session registers (as none) has none');
    expect(result?.fixes).toEqual([
      { kind: 'send-registered', method: 'none' },
      { kind: 'register-as', method: 'client_secret_basic' },
    ]);
    // Registering as the method it will send gives it a secret: nothing to flag.
    expect(tokenPreflight(input({ config: { registration: 'dcr', registerMethod: 'client_secret_basic', authMethod: 'client_secret_basic' } }))).toBeNull();
  });

  it('says nothing where the settings alone cannot tell the client: auto mode may reuse a stored one, a profile registers its own way', () => {
    expect(tokenPreflight(input({ config: { authMethod: 'client_secret_post' } }))).toBeNull();
    expect(tokenPreflight(input({ config: { registration: 'dcr', authMethod: 'client_secret_post', client: { profile: 'x' } as never } }))).toBeNull();
  });

  it('warns that a method other than the registered one will be sent, and offers the registered one', () => {
    const result = tokenPreflight(input({ client: confidential, config: { authMethod: 'client_secret_basic' } }));
    expect(result).toMatchObject({ kind: 'not-registered', method: 'client_secret_basic', registered: 'client_secret_post' });
    expect(result?.message).toContain('the client c2 is registered with client_secret_post');
    expect(result?.fixes).toEqual([{ kind: 'send-registered', method: 'client_secret_post' }]);
  });

  it('judges the prepared request by the method applied to it', () => {
    expect(tokenPreflight(input({ client: publicClient, tokenStatus: 'ready', chosen: 'client_secret_basic' }))?.kind).toBe('cannot-send');
    expect(tokenPreflight(input({ client: publicClient, tokenStatus: 'ready', chosen: 'none', config: { authMethod: 'client_secret_post' } }))).toBeNull();
  });

  it('has nothing to say once the token step succeeded, or for a consistent client', () => {
    expect(tokenPreflight(input({ client: publicClient, tokenStatus: 'done', config: { authMethod: 'client_secret_post' } }))).toBeNull();
    expect(tokenPreflight(input({ client: confidential }))).toBeNull();
    expect(tokenPreflight(input({ client: publicClient }))).toBeNull();
  });

  it('keeps judging a failed token step, so the card explains the failure', () => {
    expect(tokenPreflight(input({ client: publicClient, tokenStatus: 'failed', config: { authMethod: 'client_secret_post' } }))?.kind).toBe('cannot-send');
  });

  it('says private_key_jwt needs a key the app cannot take', () => {
    const result = tokenPreflight(input({ client: confidential, config: { authMethod: 'private_key_jwt' } }));
    expect(result?.kind).toBe('cannot-send');
    expect(result?.message).toContain('--private-key');
    expect(result?.fixes).toEqual([{ kind: 'send-registered', method: 'client_secret_post' }]);
  });
});
