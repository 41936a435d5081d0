// A small in-process cache with a time to live, for facts that change rarely and are read on hot paths. Each user
// says why serving a value up to `ttlMs` old is safe there. Concurrent misses share one load; a failed load is not kept.
import { type Db, perHandle } from '../db/connection.ts';

export class TtlCache<K, V> {
  private readonly entries = new Map<K, { value: Promise<V>; until: number }>();

  constructor(
    private readonly ttlMs: number,
    private readonly maxEntries = 10_000,
    private readonly now: () => number = Date.now,
  ) {}

  /** `now` is for a caller that keeps time by an injected clock (tests move it); by default the cache's own. */
  get(key: K, load: () => Promise<V>, now = this.now()): Promise<V> {
    const hit = this.entries.get(key);
    if (hit && hit.until > now) return hit.value;
    const value = load();
    const entry = { value, until: now + this.ttlMs };
    // Re-inserted at the end: the first key is the oldest, dropped when the cache is full.
    this.entries.delete(key);
    this.entries.set(key, entry);
    if (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next();
      if (!oldest.done) this.entries.delete(oldest.value);
    }
    value.catch(() => {
      if (this.entries.get(key) === entry) this.entries.delete(key);
    });
    return value;
  }

  /** Forgets every entry (a change this node made itself). */
  clear(): void {
    this.entries.clear();
  }
}

/** One TtlCache per database handle, made on first use. */
export function ttlCachePerHandle<K, V>(ttlMs: number, maxEntries?: number): (db: Db) => TtlCache<K, V> {
  return perHandle(() => new TtlCache<K, V>(ttlMs, maxEntries));
}
