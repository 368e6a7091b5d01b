// Secrets at rest where the OS offers no key store (browser mode, a desktop without a keyring):
// AES-256-GCM under a random key kept in <dataDir>/sealing.key, readable by its owner only.
// It keeps the sealed files' secrets out of backups, synced folders and files copied or sent
// by mistake; someone who can read the whole data directory as the user can read the key too.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { CodedError } from '../../shared/errors/index.js';
import { corruptStoreError, STORE_CORRUPT_CODE, storeFsError } from './store-errors.js';

export const KEY_FILE_NAME = 'sealing.key';
const PREFIX = 'aes-256-gcm:';
const KEY_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const PRIVATE = 0o600;

export interface KeyFileCodec {
  readonly keyFile: string;
  seal(plain: string): Promise<string>;
  /** Text this codec did not seal is returned as it is. */
  unseal(sealed: string): Promise<string>;
}

export function isKeyFileSealed(text: string): boolean {
  return text.startsWith(PREFIX);
}

async function readKey(dataDir: string, file: string): Promise<Buffer | undefined> {
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw await storeFsError(error, dataDir, file, 'read');
  }
  const key = Buffer.from(text.trim(), 'base64');
  if (key.length !== KEY_BYTES) throw corruptStoreError(file, 'is not a key Authtrace wrote', 'with a new key (sessions sealed with the old one can then not be opened)');
  if (process.platform !== 'win32' && ((await fs.stat(file)).mode & 0o077) !== 0) await fs.chmod(file, PRIVATE);
  return key;
}

async function createKey(dataDir: string, file: string): Promise<Buffer> {
  const key = randomBytes(KEY_BYTES);
  try {
    await fs.mkdir(dataDir, { recursive: true, mode: 0o700 });
    await fs.writeFile(file, `${key.toString('base64')}\n`, { mode: PRIVATE, flag: 'wx' });
    return key;
  } catch (error) {
    // another process made it first
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') {
      const theirs = await readKey(dataDir, file);
      if (theirs) return theirs;
    }
    throw await storeFsError(error, dataDir, file, 'write');
  }
}

export function createKeyFileCodec(dataDir: string): KeyFileCodec {
  const keyFile = path.join(dataDir, KEY_FILE_NAME);
  let loaded: Promise<Buffer> | undefined;
  /** The key; made on the first seal, never by reading. */
  const key = async (create: boolean): Promise<Buffer> => {
    if (loaded) return loaded;
    const existing = await readKey(dataDir, keyFile);
    if (existing) return (loaded ??= Promise.resolve(existing));
    if (!create) throw new CodedError(STORE_CORRUPT_CODE, `The sealed file cannot be opened: its key, ${keyFile}, is missing.`, 'Put the key file back, or delete the sealed files.');
    return (loaded ??= createKey(dataDir, keyFile));
  };

  return {
    keyFile,
    seal: async (plain) => {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', await key(true), iv);
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return PREFIX + Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64');
    },
    unseal: async (sealed) => {
      if (!isKeyFileSealed(sealed)) return sealed;
      const secret = await key(false);
      const raw = Buffer.from(sealed.slice(PREFIX.length), 'base64');
      try {
        const decipher = createDecipheriv('aes-256-gcm', secret, raw.subarray(0, IV_BYTES));
        decipher.setAuthTag(raw.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
        return Buffer.concat([decipher.update(raw.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8');
      } catch {
        throw new CodedError(STORE_CORRUPT_CODE, `The sealed file does not open with the key ${keyFile}: it was sealed with another key, or is damaged.`);
      }
    },
  };
}
