/** Options of a {@link ReloadScheduler}. */
export interface ReloadSchedulerOptions {
  /**
   * Real milliseconds without a change before a reload starts: an editor's save (or a formatter's,
   * or a `git checkout`) is a burst of changes, and one reload serves them all.
   * @default 150
   */
  readonly quietMs?: number;
  /**
   * Runs one reload. `firstChangeAt` is when the earliest change it covers was seen (epoch ms), to
   * tell how long the change took to be served.
   */
  readonly run: (firstChangeAt: number) => Promise<void>;
  /** Told when `run` rejects; the next change is reloaded all the same. */
  readonly onError: (error: unknown) => void;
}

/**
 * Turns a stream of changes into reloads: one after each burst has been quiet for `quietMs`, never
 * two at once. A change seen while a reload runs starts another once it is over, as that reload
 * may have read the files before the change.
 *
 * @example
 * const scheduler = new ReloadScheduler({ run: async () => reload(), onError: console.error });
 * watcher.on('change', () => scheduler.changed());
 */
export class ReloadScheduler {
  private readonly quietMs: number;
  private timer?: NodeJS.Timeout;
  /** When the earliest change not yet reloaded was seen. */
  private firstChangeAt?: number;
  private running?: Promise<void>;
  private closed = false;

  constructor(private readonly options: ReloadSchedulerOptions) {
    this.quietMs = options.quietMs ?? 150;
  }

  /** A change was seen: (re)starts the quiet period. */
  changed(): void {
    if (this.closed) return;
    this.firstChangeAt ??= Date.now();
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.start(), this.quietMs);
  }

  /** Stops scheduling; resolves once a reload that runs has ended. */
  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.timer);
    await this.running;
  }

  private start(): void {
    this.timer = undefined;
    // The reload that runs starts this one when it ends.
    if (this.running !== undefined || this.closed || this.firstChangeAt === undefined) return;
    const firstChangeAt = this.firstChangeAt;
    this.firstChangeAt = undefined;
    this.running = this.options
      .run(firstChangeAt)
      .catch((error: unknown) => this.options.onError(error))
      .finally(() => {
        this.running = undefined;
        if (this.firstChangeAt !== undefined && this.timer === undefined) this.start();
      });
  }
}
