/** The tunables of the SendMessageBatch sender, in one place. */
export interface SendSettings {
  /**
   * How many SendMessageBatch calls may be in flight at once. The largest request (100,000
   * orders) is 10,000 calls: at roughly 20 ms a call, 10 in flight take about 20 s of the
   * function's 60 s timeout, where 4 would take about 50 s. Bounded so one invocation stays
   * well under the SDK's 50 sockets and does not flood a local SQS endpoint.
   * Must be an integer of at least 1.
   * @default 10
   */
  readonly maxConcurrentBatches: number;
  /**
   * How many times a batch entry is sent before it is reported as failed, the first send included.
   * The SDK already retries throttling and network errors inside each call.
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
   * The ceiling no backoff exceeds, in milliseconds. With the defaults a batch waits at most
   * 100 + 200 + 400 + 800 ms over its five attempts.
   * Must be at least `baseBackoffMilliseconds`.
   * @default 2000
   */
  readonly maxBackoffMilliseconds: number;
  /**
   * Time left in the invocation below which no further call is started, so the function returns
   * its summary, naming every order it did not send, instead of timing out and losing it. Covers
   * the longest backoff plus the calls still in flight.
   * Must be at least 0.
   * @default 5000
   */
  readonly timeReserveMilliseconds: number;
}

/** The settings GenerateOrders runs with. */
export const SEND_SETTINGS: SendSettings = {
  maxConcurrentBatches: 10,
  maxAttempts: 5,
  baseBackoffMilliseconds: 100,
  maxBackoffMilliseconds: 2000,
  timeReserveMilliseconds: 5000,
};

/**
 * Rejects settings the sender cannot work with, listing every problem with the value given.
 *
 * @throws RangeError e.g. `maxAttempts must be an integer of at least 1 (given 0)`
 */
export function validateSendSettings(settings: SendSettings): void {
  const problems: string[] = [];
  for (const name of ['maxConcurrentBatches', 'maxAttempts'] as const) {
    if (!Number.isInteger(settings[name]) || settings[name] < 1) {
      problems.push(`${name} must be an integer of at least 1 (given ${settings[name]})`);
    }
  }
  for (const name of ['baseBackoffMilliseconds', 'timeReserveMilliseconds'] as const) {
    if (!(settings[name] >= 0)) problems.push(`${name} must be at least 0 (given ${settings[name]})`);
  }
  if (!(settings.maxBackoffMilliseconds >= settings.baseBackoffMilliseconds)) {
    problems.push(
      `maxBackoffMilliseconds must be at least baseBackoffMilliseconds (${settings.baseBackoffMilliseconds}) ` +
        `(given ${settings.maxBackoffMilliseconds})`,
    );
  }
  if (problems.length > 0) throw new RangeError(`invalid send settings: ${problems.join('; ')}`);
}
