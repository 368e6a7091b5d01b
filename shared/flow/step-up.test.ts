import { describe, expect, it } from 'vitest';
import { behaviourOf } from '../clients/index.js';
import { reference } from '../clients/profiles/reference.js';
import { stepsUp } from './step-up.js';

const client = (insufficientScope: 'step-up' | 'stop' | 'refresh-then-stop') => ({ ...behaviourOf(reference), insufficientScope });

describe('stepsUp', () => {
  it('steps up for the reference client and for no client at all, never for a client that stops', () => {
    expect(stepsUp(undefined, true)).toBe(true);
    expect(stepsUp(client('step-up'), true)).toBe(true);
    expect(stepsUp(client('stop'), false)).toBe(false);
  });

  it('refresh-then-stop steps up only while the client holds no refresh token (typescript-sdk #2255)', () => {
    expect(stepsUp(client('refresh-then-stop'), false)).toBe(true);
    expect(stepsUp(client('refresh-then-stop'), true)).toBe(false);
  });
});
