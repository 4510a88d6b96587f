/** Queued keys beyond the entries (deleted ones) that make the queue be rebuilt from the map. */
const QUEUE_SLACK = 1024;

/**
 * A map that keeps at most `capacity` entries: setting a new key past it forgets the oldest one
 * (by insertion), and tells `onEvict`, so what the console remembers of a long run stays bounded.
 *
 * The oldest key comes from a queue of insertions in constant time: asking a `Map` for its first
 * key after many deletions at its front walks over every deleted slot, which made each eviction
 * cost as much as the map is long. A key deleted and set again may be evicted by its first
 * insertion, a little early; the queue is rebuilt from the map whenever deleted keys pile up in it.
 */
export class BoundedMap<K, V> {
  private readonly entries = new Map<K, V>();
  private queue: K[] = [];
  private head = 0;

  constructor(
    readonly capacity: number,
    private readonly onEvict: (key: K, value: V) => void = () => undefined,
  ) {
    if (!Number.isInteger(capacity) || capacity < 1) {
      throw new RangeError(`a bounded map's capacity must be a positive integer (given ${capacity})`);
    }
  }

  get size(): number {
    return this.entries.size;
  }

  get(key: K): V | undefined {
    return this.entries.get(key);
  }

  has(key: K): boolean {
    return this.entries.has(key);
  }

  /** Sets a value; a key already there keeps its place in the order. */
  set(key: K, value: V): this {
    if (this.entries.has(key)) {
      this.entries.set(key, value);
      return this;
    }
    while (this.entries.size >= this.capacity) this.evictOldest();
    this.entries.set(key, value);
    this.queue.push(key);
    if (this.queue.length - this.head > 2 * this.capacity + QUEUE_SLACK) {
      this.queue = [...this.entries.keys()];
      this.head = 0;
    }
    return this;
  }

  delete(key: K): boolean {
    return this.entries.delete(key);
  }

  /** The values, oldest first. */
  values(): IterableIterator<V> {
    return this.entries.values();
  }

  private evictOldest(): void {
    // Every entry is in the queue, so this finds one before the queue runs out.
    while (this.head < this.queue.length) {
      const key = this.queue[this.head++];
      if (!this.entries.has(key)) continue;
      const value = this.entries.get(key) as V;
      this.entries.delete(key);
      this.onEvict(key, value);
      break;
    }
    if (this.head > QUEUE_SLACK && this.head * 2 > this.queue.length) {
      this.queue = this.queue.slice(this.head);
      this.head = 0;
    }
  }
}
