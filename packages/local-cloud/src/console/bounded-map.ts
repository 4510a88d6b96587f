/**
 * A map that keeps at most `capacity` entries: setting a new key past it forgets the oldest one
 * (by first insertion), and tells `onEvict`, so what the console remembers of a long run stays
 * bounded.
 */
export class BoundedMap<K, V> extends Map<K, V> {
  constructor(
    readonly capacity: number,
    private readonly onEvict: (key: K, value: V) => void = () => undefined,
  ) {
    super();
    if (!Number.isInteger(capacity) || capacity < 1) {
      throw new RangeError(`a bounded map's capacity must be a positive integer (given ${capacity})`);
    }
  }

  override set(key: K, value: V): this {
    if (!this.has(key) && this.size >= this.capacity) {
      const oldest = this.keys().next();
      if (!oldest.done) {
        const evicted = this.get(oldest.value) as V;
        this.delete(oldest.value);
        this.onEvict(oldest.value, evicted);
      }
    }
    return super.set(key, value);
  }
}
