import { asyncSettingProblem, EVENT_INVOKE_CONFIG_LIMITS } from '../assembly/event-invoke-configs';
import type { AsyncFunctionSettings } from './async-destinations';
import type { AsyncInvocationQueueOptions } from './async-invocation-options';
import { InvalidAsyncInvocationConfigError } from './errors';

/** Lambda's defaults for asynchronous invocation (`AWS::Lambda::EventInvokeConfig` when absent). */
const ASYNC_INVOCATION_DEFAULTS = {
  /** Retries after a function error: 0 to 2. */
  maximumRetryAttempts: 2,
  /** How long an event may wait in the queue before Lambda drops it: 60 s to 6 h. */
  maximumEventAgeSeconds: 6 * 60 * 60,
} as const;

/**
 * Cloud milliseconds Lambda waits before each retry after a function error: one minute before the
 * second attempt, two before the third.
 */
const FUNCTION_ERROR_RETRY_DELAYS_MS = [60_000, 120_000] as const;

/**
 * After a throttle, Lambda puts the event back on its queue and tries again with a delay that grows
 * exponentially from 1 second to at most 5 minutes, until the event is too old. Throttles are not
 * attempts: they do not use up retries.
 */
const THROTTLE_BACKOFF_MS = { first: 1000, maximum: 5 * 60_000 } as const;

/** A function's settings with the queue's filled in. */
export interface QueueSettings extends AsyncFunctionSettings {
  readonly maximumRetryAttempts: number;
  readonly maximumEventAgeMs: number;
}

/** The queue's own settings, checked against Lambda's ranges; Lambda's defaults where none is given. */
export function queueDefaults(
  options: Pick<AsyncInvocationQueueOptions, 'maximumRetryAttempts' | 'maximumEventAgeSeconds'>,
): QueueSettings {
  const maximumRetryAttempts = options.maximumRetryAttempts ?? ASYNC_INVOCATION_DEFAULTS.maximumRetryAttempts;
  const maximumEventAgeSeconds =
    options.maximumEventAgeSeconds ?? ASYNC_INVOCATION_DEFAULTS.maximumEventAgeSeconds;
  const problems = [
    asyncSettingProblem(
      'MaximumRetryAttempts',
      maximumRetryAttempts,
      EVENT_INVOKE_CONFIG_LIMITS.maximumRetryAttempts,
    ),
    asyncSettingProblem(
      'MaximumEventAgeInSeconds',
      maximumEventAgeSeconds,
      EVENT_INVOKE_CONFIG_LIMITS.maximumEventAgeSeconds,
    ),
  ].filter((problem): problem is string => problem !== undefined);
  if (problems.length > 0) throw new InvalidAsyncInvocationConfigError(problems);
  return { maximumRetryAttempts, maximumEventAgeMs: maximumEventAgeSeconds * 1000 };
}

/** A function's own settings over the queue's. */
export function functionQueueSettings(own: AsyncFunctionSettings, defaults: QueueSettings): QueueSettings {
  return {
    ...own,
    maximumRetryAttempts: own.maximumRetryAttempts ?? defaults.maximumRetryAttempts,
    maximumEventAgeMs: (own.maximumEventAgeSeconds ?? defaults.maximumEventAgeMs / 1000) * 1000,
  };
}

/** Cloud milliseconds before the attempt after failed attempt number `attempt` (1 or more). */
export function functionErrorRetryDelayMs(attempt: number): number {
  return FUNCTION_ERROR_RETRY_DELAYS_MS[Math.min(attempt, FUNCTION_ERROR_RETRY_DELAYS_MS.length) - 1];
}

/** Cloud milliseconds before trying again after the event's throttle number `throttles` (0 first). */
export function throttleBackoffMs(throttles: number): number {
  return Math.min(THROTTLE_BACKOFF_MS.maximum, THROTTLE_BACKOFF_MS.first * 2 ** throttles);
}
