/** An entry of a {@link DeadlineHeap}: `item` falls due at `at` (clock milliseconds). */
export interface Deadline<T> {
  readonly at: number;
  readonly item: T;
  readonly version: number;
}

/**
 * A binary min-heap of deadlines. Entries are never removed when their item changes: the caller
 * stamps each entry with the item's version and ignores stale entries when they surface, which keeps
 * a visibility change O(log n). {@link compact} drops stale entries when they pile up.
 */
export class DeadlineHeap<T> {
  private entries: Deadline<T>[] = [];

  get size(): number {
    return this.entries.length;
  }

  push(at: number, item: T, version: number): void {
    const entries = this.entries;
    entries.push({ at, item, version });
    let index = entries.length - 1;
    while (index > 0) {
      const parent = (index - 1) >> 1;
      if (entries[parent].at <= entries[index].at) break;
      [entries[parent], entries[index]] = [entries[index], entries[parent]];
      index = parent;
    }
  }

  peek(): Deadline<T> | undefined {
    return this.entries[0];
  }

  pop(): Deadline<T> | undefined {
    const entries = this.entries;
    const top = entries[0];
    const last = entries.pop();
    if (entries.length > 0 && last) {
      entries[0] = last;
      this.siftDown(0);
    }
    return top;
  }

  /** Keeps only the entries for which `isLive` holds, in O(n). */
  compact(isLive: (entry: Deadline<T>) => boolean): void {
    this.entries = this.entries.filter(isLive);
    for (let index = (this.entries.length >> 1) - 1; index >= 0; index--) this.siftDown(index);
  }

  private siftDown(start: number): void {
    const entries = this.entries;
    const length = entries.length;
    let index = start;
    for (;;) {
      const left = 2 * index + 1;
      const right = left + 1;
      let smallest = index;
      if (left < length && entries[left].at < entries[smallest].at) smallest = left;
      if (right < length && entries[right].at < entries[smallest].at) smallest = right;
      if (smallest === index) return;
      [entries[smallest], entries[index]] = [entries[index], entries[smallest]];
      index = smallest;
    }
  }
}
