import type { SendSettings } from './send-settings';

/**
 * How long to wait before sending attempt `attempt + 1`, after `attempt` attempts have failed:
 * exponential backoff with full jitter, a random delay between 0 and
 * `min(maxBackoff, baseBackoff × 2^(attempt − 1))`.
 *
 * Full jitter spreads the retries of batches that failed together (a throttled burst) so they
 * do not hit SQS again in the same instant.
 *
 * @param attempt how many attempts have failed so far, from 1
 * @param random a source of numbers in [0, 1), injectable so tests are deterministic
 * @example backoffMilliseconds(3, SEND_SETTINGS, () => 0.5) // 200: half of min(2000, 100 × 4)
 */
export function backoffMilliseconds(
  attempt: number,
  settings: Pick<SendSettings, 'baseBackoffMilliseconds' | 'maxBackoffMilliseconds'>,
  random: () => number = Math.random,
): number {
  const ceiling = Math.min(
    settings.maxBackoffMilliseconds,
    settings.baseBackoffMilliseconds * 2 ** (attempt - 1),
  );
  return Math.floor(random() * ceiling);
}
