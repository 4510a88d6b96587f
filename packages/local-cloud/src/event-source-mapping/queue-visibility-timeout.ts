/**
 * A queue's `VisibilityTimeout` as a poller needs it to hold messages: read with GetQueueAttributes
 * and read again once the value is older than `maximumAgeMs` real milliseconds, so a
 * SetQueueAttributes is seen within that time (SQS itself takes up to a minute to spread one).
 * Lanes asking at once share one read.
 */
export class QueueVisibilityTimeout {
  private value?: number;
  private readAt = Number.NEGATIVE_INFINITY;
  private reading?: Promise<number | undefined>;

  /**
   * @param read GetQueueAttributes for `VisibilityTimeout`, in seconds
   * @param onProblem told when a read fails; the last value read is used meanwhile
   */
  constructor(
    private readonly read: () => Promise<number>,
    private readonly realNow: () => number,
    private readonly onProblem: (message: string) => void,
    private readonly maximumAgeMs = 1000,
  ) {}

  /** The visibility timeout in seconds; undefined only if it has never been read. */
  current(): Promise<number | undefined> {
    if (this.realNow() - this.readAt < this.maximumAgeMs) return Promise.resolve(this.value);
    this.reading ??= this.read().then(
      (seconds) => {
        this.value = seconds;
        this.readAt = this.realNow();
        this.reading = undefined;
        return seconds;
      },
      (error: unknown) => {
        this.reading = undefined;
        this.onProblem(
          `GetQueueAttributes failed (${error instanceof Error ? error.message : String(error)}); messages are held with the last visibility timeout read`,
        );
        return this.value;
      },
    );
    return this.reading;
  }
}
