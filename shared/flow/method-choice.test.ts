import { describe, expect, it } from 'vitest';
import { chooseAuthMethod } from './method-choice.js';

const base = { registered: 'unknown' as const, hasSecret: true, advertised: ['none', 'client_secret_post', 'client_secret_basic'], strategy: 'registered' as const };

describe('chooseAuthMethod', () => {
  it('an explicit choice wins over everything', () => {
    expect(chooseAuthMethod({ ...base, explicit: 'client_secret_post', registered: 'none' })).toMatchObject({ method: 'client_secret_post', chosenBy: 'explicit' });
  });
  it('the registered method wins over the strategy', () => {
    expect(chooseAuthMethod({ ...base, registered: 'client_secret_post', strategy: 'first-advertised' })).toMatchObject({ method: 'client_secret_post', chosenBy: 'registered' });
  });
  it('registered strategy with an unknown method uses the RFC 7591 default', () => {
    expect(chooseAuthMethod(base)).toMatchObject({ method: 'client_secret_basic', chosenBy: 'registered' });
    expect(chooseAuthMethod({ ...base, hasSecret: false })).toMatchObject({ method: 'none' });
  });
  it('first-advertised picks list order (the none-first bug)', () => {
    expect(chooseAuthMethod({ ...base, strategy: 'first-advertised' })).toMatchObject({ method: 'none', chosenBy: 'first-advertised' });
  });
  it('first-advertised on an absent list uses the RFC 8414 default', () => {
    expect(chooseAuthMethod({ ...base, advertised: null, strategy: 'first-advertised' }).method).toBe('client_secret_basic');
  });
  it('prefer-none takes none when advertised, else a secret method', () => {
    expect(chooseAuthMethod({ ...base, strategy: 'prefer-none' }).method).toBe('none');
    expect(chooseAuthMethod({ ...base, strategy: 'prefer-none', advertised: ['client_secret_post'] }).method).toBe('client_secret_basic');
  });
  it('mcp-sdk follows the SDK: basic, then post, then none', () => {
    expect(chooseAuthMethod({ ...base, strategy: 'mcp-sdk' }).method).toBe('client_secret_basic');
    expect(chooseAuthMethod({ ...base, strategy: 'mcp-sdk', advertised: ['none', 'client_secret_post'] }).method).toBe('client_secret_post');
    expect(chooseAuthMethod({ ...base, strategy: 'mcp-sdk', hasSecret: false }).method).toBe('none');
  });
});
