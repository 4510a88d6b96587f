/**
 * The invocations a mapping may run at once (`ScalingConfig.MaximumConcurrency`), read live so an
 * update applies to the next batch: a poller holding a batch takes a slot before invoking, and waits
 * for one while every slot is taken.
 */
export class InvocationSlots {
  private taken = 0;
  private peak = 0;
  private waiting: (() => void)[] = [];

  constructor(private readonly capacity: () => number) {}

  /** Resolves once a slot is free and taken; {@link release} it when the invocation has settled. */
  async acquire(): Promise<void> {
    // Checked and taken in the same turn: an `await untilFree()` in between would let every
    // waiting poller see the same free slot.
    while (this.taken >= this.capacity()) {
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    }
    this.taken += 1;
    this.peak = Math.max(this.peak, this.taken);
  }

  /** Resolves once a slot is free, without taking it: a poller waits here before it receives. */
  async untilFree(): Promise<void> {
    while (this.taken >= this.capacity()) {
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    }
  }

  release(): void {
    this.taken -= 1;
    this.wake();
  }

  /** Lets the waiting pollers look again, as when the capacity has grown. */
  wake(): void {
    const waiting = this.waiting;
    this.waiting = [];
    for (const resume of waiting) resume();
  }

  /** Invocations running now. */
  get inUse(): number {
    return this.taken;
  }

  /** The most invocations that ran at once. */
  get peakInUse(): number {
    return this.peak;
  }
}
