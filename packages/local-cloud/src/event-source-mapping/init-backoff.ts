import { INIT_TIMEOUT_ERROR_TYPE } from '../lambda/platform-lines';

/**
 * The error types of a function whose init failed: its code could not be loaded, its handler not
 * found (Lambda's), or its init ran past the limit (the local cloud's). Every invocation on a new
 * instance fails the same way until the code changes.
 */
const INIT_ERROR_TYPES = [
  'Runtime.ImportModuleError',
  'Runtime.HandlerNotFound',
  'Runtime.UserCodeSyntaxError',
  'Runtime.MalformedHandlerName',
  // An init that ran past Lambda's 10 s limit: the next instance's init takes as long.
  INIT_TIMEOUT_ERROR_TYPE,
];

/** The first pause after a failed init, in cloud milliseconds; it doubles on each failure in a row. */
const FIRST_PAUSE_MILLISECONDS = 1000;
/** The longest pause, in cloud milliseconds. */
const MAXIMUM_PAUSE_MILLISECONDS = 60_000;

/**
 * Whether an invocation's error (`ErrorType: message`) says that the function's init failed: an
 * init error's type, or an init past Lambda's 10 s limit (a handler's own timeout, `Sandbox.Timedout`,
 * is not one: its next invocation may well succeed).
 */
export function isInitFailure(error: string): boolean {
  return INIT_ERROR_TYPES.some((type) => error.startsWith(`${type}:`) || error === type);
}

/**
 * When a mapping's pollers may invoke again after failed inits. Lambda's SQS event source "gradually
 * backs off" when the function fails (services-sqs-errorhandling); without it a broken deploy was
 * retried in a tight loop (14 failed cold starts in 20 s). Here, each failed init in a row pauses the
 * mapping's invocations for twice as long as the last (1 s, 2 s, 4 s ... up to 60 s of cloud time);
 * any successful invocation ends the backoff. Messages are not touched: those of a failed batch come
 * back after their visibility timeout, as on AWS.
 */
export class InitFailureBackoff {
  private failures = 0;
  private pausedUntil = 0;

  /**
   * Records an invocation's outcome at cloud time `now`; answers whether a backoff started, so the
   * caller reports it once per run of failures.
   */
  record(outcome: { readonly failedInit: boolean }, now: number): { readonly started: boolean } {
    if (!outcome.failedInit) {
      this.failures = 0;
      this.pausedUntil = 0;
      return { started: false };
    }
    this.failures += 1;
    const pause = Math.min(MAXIMUM_PAUSE_MILLISECONDS, FIRST_PAUSE_MILLISECONDS * 2 ** (this.failures - 1));
    this.pausedUntil = Math.max(this.pausedUntil, now + pause);
    return { started: this.failures === 1 };
  }

  /** Cloud milliseconds to wait at `now` before invoking: 0 when not backing off. */
  waitAt(now: number): number {
    return Math.max(0, this.pausedUntil - now);
  }

  /** Failed inits in a row. */
  get consecutiveFailures(): number {
    return this.failures;
  }
}
