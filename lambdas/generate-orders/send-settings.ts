/** The tunables of the SendMessageBatch sender, in one place. */
export interface SendSettings {
  /**
   * How many SendMessageBatch calls may be in flight at once. Bounded so a large request
   * does not open thousands of sockets or trip SQS's per-connection throttling.
   * Must be an integer of at least 1.
   * @default 4
   */
  readonly maxConcurrentBatches: number;
  /**
   * How many times a batch entry is sent before it is reported as failed, the first send included.
   * Must be an integer of at least 1.
   * @default 5
   */
  readonly maxAttempts: number;
  /**
   * The ceiling of the first backoff, in milliseconds; it doubles with every further attempt.
   * Must be at least 0.
   * @default 100
   */
  readonly baseBackoffMilliseconds: number;
  /**
   * The ceiling no backoff exceeds, in milliseconds, so the worst case stays well inside the
   * function's timeout: with the defaults a batch waits at most 100 + 200 + 400 + 800 ms.
   * Must be at least `baseBackoffMilliseconds`.
   * @default 2000
   */
  readonly maxBackoffMilliseconds: number;
}

/** The settings GenerateOrders runs with. */
export const SEND_SETTINGS: SendSettings = {
  maxConcurrentBatches: 4,
  maxAttempts: 5,
  baseBackoffMilliseconds: 100,
  maxBackoffMilliseconds: 2000,
};

/**
 * Rejects settings the sender cannot work with, listing every problem with the value given.
 *
 * @throws RangeError e.g. `maxAttempts must be an integer of at least 1 (given 0)`
 */
export function validateSendSettings(settings: SendSettings): void {
  const problems: string[] = [];
  if (!Number.isInteger(settings.maxConcurrentBatches) || settings.maxConcurrentBatches < 1) {
    problems.push(
      `maxConcurrentBatches must be an integer of at least 1 (given ${settings.maxConcurrentBatches})`,
    );
  }
  if (!Number.isInteger(settings.maxAttempts) || settings.maxAttempts < 1) {
    problems.push(`maxAttempts must be an integer of at least 1 (given ${settings.maxAttempts})`);
  }
  if (!(settings.baseBackoffMilliseconds >= 0)) {
    problems.push(`baseBackoffMilliseconds must be at least 0 (given ${settings.baseBackoffMilliseconds})`);
  }
  if (!(settings.maxBackoffMilliseconds >= settings.baseBackoffMilliseconds)) {
    problems.push(
      `maxBackoffMilliseconds must be at least baseBackoffMilliseconds (${settings.baseBackoffMilliseconds}) ` +
        `(given ${settings.maxBackoffMilliseconds})`,
    );
  }
  if (problems.length > 0) throw new RangeError(`invalid send settings: ${problems.join('; ')}`);
}
