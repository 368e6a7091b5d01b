import type { Adapter, AdapterPayload } from 'oidc-provider';
import { fetchClientMetadataDocument, isClientIdUrl } from './client-metadata-document.js';

interface Entry {
  payload: AdapterPayload;
  expiresAt: number | undefined;
}

/** Storage shared by all models of one provider. Expiry is checked on read, so no timers outlive a sandbox. */
export class MemoryStore {
  readonly #entries = new Map<string, Entry>();

  get(key: string): AdapterPayload | undefined {
    const entry = this.#entries.get(key);
    if (!entry) return undefined;
    if (entry.expiresAt !== undefined && entry.expiresAt <= Date.now()) {
      this.#entries.delete(key);
      return undefined;
    }
    return entry.payload;
  }

  set(key: string, payload: AdapterPayload, expiresIn: number | undefined): void {
    this.#entries.set(key, { payload, expiresAt: expiresIn ? Date.now() + expiresIn * 1000 : undefined });
  }

  delete(key: string): void {
    this.#entries.delete(key);
  }

  keys(): IterableIterator<string> {
    return this.#entries.keys();
  }
}

export class MemoryAdapter implements Adapter {
  readonly #model: string;
  readonly #store: MemoryStore;

  constructor(model: string, store: MemoryStore) {
    this.#model = model;
    this.#store = store;
  }

  #key(id: string): string {
    return `${this.#model}:${id}`;
  }

  async upsert(id: string, payload: AdapterPayload, expiresIn?: number): Promise<void> {
    this.#store.set(this.#key(id), payload, expiresIn);
    if (payload.uid) this.#store.set(`${this.#model}:uid:${payload.uid}`, { id } as AdapterPayload, expiresIn);
    if (payload.userCode) this.#store.set(`${this.#model}:userCode:${payload.userCode}`, { id } as AdapterPayload, expiresIn);
    if (payload.grantId) this.#store.set(`grant:${payload.grantId}:${this.#key(id)}`, {}, expiresIn);
  }

  async find(id: string): Promise<AdapterPayload | undefined> {
    const stored = this.#store.get(this.#key(id));
    if (stored || this.#model !== 'Client' || !isClientIdUrl(id)) return stored;
    return fetchClientMetadataDocument(id);
  }

  async findByUid(uid: string): Promise<AdapterPayload | undefined> {
    const pointer = this.#store.get(`${this.#model}:uid:${uid}`);
    return typeof pointer?.id === 'string' ? this.find(pointer.id) : undefined;
  }

  async findByUserCode(userCode: string): Promise<AdapterPayload | undefined> {
    const pointer = this.#store.get(`${this.#model}:userCode:${userCode}`);
    return typeof pointer?.id === 'string' ? this.find(pointer.id) : undefined;
  }

  async consume(id: string): Promise<void> {
    const payload = this.#store.get(this.#key(id));
    if (payload) payload.consumed = Math.floor(Date.now() / 1000);
  }

  async destroy(id: string): Promise<void> {
    this.#store.delete(this.#key(id));
  }

  async revokeByGrantId(grantId: string): Promise<void> {
    const prefix = `grant:${grantId}:`;
    for (const key of [...this.#store.keys()]) {
      if (!key.startsWith(prefix)) continue;
      this.#store.delete(key.slice(prefix.length));
      this.#store.delete(key);
    }
  }
}
