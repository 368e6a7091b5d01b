// Secrets at rest. main.ts hands Electron's safeStorage to this; the stores receive the
// resulting { seal, unseal } and never know where the key lives. Without an OS key store the
// session store seals with a key file instead (services/key-file-codec.ts).
export interface SecretCodec {
  seal(plain: string): string;
  unseal(sealed: string): string;
}

/** The part of Electron's safeStorage this needs. */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  encryptString(plain: string): Uint8Array;
  decryptString(encrypted: Uint8Array): string;
}

const PREFIX = 'safe:';

/** Sealed by the desktop app with the OS key store: only that app can open it. */
export function isSafeStorageSealed(text: string): boolean {
  return text.startsWith(PREFIX);
}

/** undefined when the OS offers no key store (the store then keeps secrets as it would without one). */
export function createSafeStorageCodec(storage: SafeStorageLike): SecretCodec | undefined {
  if (!storage.isEncryptionAvailable()) return undefined;
  return {
    seal: (plain) => PREFIX + Buffer.from(storage.encryptString(plain)).toString('base64'),
    unseal: (sealed) =>
      sealed.startsWith(PREFIX) ? storage.decryptString(Buffer.from(sealed.slice(PREFIX.length), 'base64')) : sealed,
  };
}
