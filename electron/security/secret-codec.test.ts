import { describe, expect, it } from 'vitest';
import { createSafeStorageCodec, type SafeStorageLike } from './secret-codec.js';

const fakeStorage = (available: boolean): SafeStorageLike => ({
  isEncryptionAvailable: () => available,
  encryptString: (plain) => new TextEncoder().encode([...plain].reverse().join('')),
  decryptString: (bytes) => [...new TextDecoder().decode(bytes)].reverse().join(''),
});

describe('createSafeStorageCodec', () => {
  it('round-trips and never stores the plain text', () => {
    const codec = createSafeStorageCodec(fakeStorage(true));
    expect(codec).toBeDefined();
    const stored = codec!.seal('s3cret-value');
    expect(stored).not.toContain('s3cret');
    expect(stored.startsWith('safe:')).toBe(true);
    expect(codec!.unseal(stored)).toBe('s3cret-value');
  });

  it('reads values written before encryption was available', () => {
    expect(createSafeStorageCodec(fakeStorage(true))!.unseal('legacy-plain')).toBe('legacy-plain');
  });

  it('is absent when the OS has no key store', () => {
    expect(createSafeStorageCodec(fakeStorage(false))).toBeUndefined();
  });
});
