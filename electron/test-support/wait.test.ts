import { describe, expect, it } from 'vitest';
import { waitFor } from './wait.js';

describe('waitFor', () => {
  it('returns the first truthy value', async () => {
    let calls = 0;
    expect(await waitFor(() => (++calls === 3 ? 'ready' : undefined), { what: 'the third call' })).toBe('ready');
    expect(calls).toBe(3);
  });

  it('awaits an asynchronous check', async () => {
    expect(await waitFor(async () => 42, { what: 'a promise' })).toBe(42);
  });

  it('says how long it waited and for what', async () => {
    await expect(waitFor(() => false, { what: 'Godot', timeoutMs: 30 })).rejects.toThrow('timed out after 30 ms waiting for Godot');
  });

  it('passes on an error of the check at once', async () => {
    const check = () => {
      throw new Error('broken check');
    };
    await expect(waitFor(check, { what: 'nothing' })).rejects.toThrow('broken check');
  });
});
