/**
 * Runs deliveries: those with a key (a FIFO subscription's message group) one after another in the
 * order they were scheduled, the others at once; and tells when none is left running.
 */
export class DeliveryScheduler {
  private readonly tails = new Map<string, Promise<void>>();
  private readonly running = new Set<Promise<void>>();

  /**
   * Runs `task` once the current call has returned (so a publish is answered before its deliveries
   * start), after the previous task of the same key. `task` must not reject.
   */
  run(key: string | undefined, task: () => Promise<void>): void {
    const previous = (key === undefined ? undefined : this.tails.get(key)) ?? Promise.resolve();
    const started = previous.then(task);
    const tracked = started.finally(() => {
      this.running.delete(tracked);
      if (key !== undefined && this.tails.get(key) === tracked) this.tails.delete(key);
    });
    this.running.add(tracked);
    if (key !== undefined) this.tails.set(key, tracked);
  }

  /** Resolves once every delivery scheduled so far, and any they scheduled, has ended. */
  async idle(): Promise<void> {
    // Bounded: each round waits for what is running; new work comes only from deliveries ending.
    for (let round = 0; round < 10_000 && this.running.size > 0; round++) {
      await Promise.all([...this.running]);
    }
  }
}
