/**
 * Plaintext data keys, in memory only, each for a short bounded time. Dropping a CMK's keys
 * zeroes their bytes; after the TTL a key is unwrapped again, which re-checks the CMK's state.
 */
interface Entry {
  key: Buffer;
  keyId: string;
  expiresAt: number;
}

export class DekCache {
  private readonly entries = new Map<string, Entry>();
  private readonly generations = new Map<string, number>();

  constructor(
    private readonly ttlMs: number,
    private readonly now: () => number = () => performance.now(),
  ) {}

  get(dataKeyId: string): Buffer | undefined {
    const entry = this.entries.get(dataKeyId);
    if (!entry) return undefined;
    if (entry.expiresAt <= this.now()) {
      this.evict(dataKeyId, entry);
      return undefined;
    }
    return entry.key;
  }

  /** Read before an unwrap starts; `set` refuses the result if the CMK was dropped meanwhile. */
  generation(keyId: string): number {
    return this.generations.get(keyId) ?? 0;
  }

  /** Returns false (and wipes `key`) when the CMK was dropped since `generation` was read. */
  set(dataKeyId: string, keyId: string, key: Buffer, generation = this.generation(keyId)): boolean {
    if (generation !== this.generation(keyId)) {
      key.fill(0);
      return false;
    }
    const previous = this.entries.get(dataKeyId);
    if (previous && previous.key !== key) previous.key.fill(0);
    this.entries.set(dataKeyId, { key, keyId, expiresAt: this.now() + this.ttlMs });
    return true;
  }

  /** Forgets every data key of this CMK, at once. Returns how many were dropped. */
  dropKey(keyId: string): number {
    this.generations.set(keyId, this.generation(keyId) + 1);
    let dropped = 0;
    for (const [id, entry] of this.entries) {
      if (entry.keyId === keyId) {
        this.evict(id, entry);
        dropped++;
      }
    }
    return dropped;
  }

  clear(): void {
    for (const [id, entry] of this.entries) this.evict(id, entry);
  }

  get size(): number {
    return this.entries.size;
  }

  private evict(id: string, entry: Entry): void {
    this.entries.delete(id);
    // Callers copy what they need; the cached buffer is ours to wipe.
    entry.key.fill(0);
  }
}
