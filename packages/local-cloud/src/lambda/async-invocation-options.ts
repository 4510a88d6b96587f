import type { Clock } from '../clock';
import type { AsyncFailureTargets, AsyncFunctionSettings } from './async-destinations';
import type { InvocationResult } from './invocation-result';

/** One run of the function for an asynchronous invocation. */
export interface AsyncAttempt {
  /** 1 for the first run, 2 and 3 for the retries. */
  readonly attempt: number;
  /** Cloud epoch milliseconds. */
  readonly startedAt: number;
  readonly logStreamName: string;
  /** `ErrorType: message` when the function failed. */
  readonly error?: string;
}

/** How an asynchronous invocation ended. */
export interface AsyncInvocationOutcome {
  readonly requestId: string;
  readonly functionName: string;
  /**
   * `succeeded`; `failed` once every retry failed; `expired` when the event grew older than
   * MaximumEventAgeInSeconds before it could run again; `cancelled` when the cloud stopped first.
   */
  readonly status: 'succeeded' | 'failed' | 'expired' | 'cancelled';
  readonly attempts: readonly AsyncAttempt[];
}

/** Options of an {@link AsyncInvocationQueue}. */
export interface AsyncInvocationQueueOptions {
  /** Runs the function once, with the invocation's request id (kept across retries, as in Lambda). */
  readonly invoke: (functionName: string, payload: unknown, requestId: string) => Promise<InvocationResult>;
  /**
   * Writes a line to the function's log group: into the stream of the attempt it is about, or a
   * stream of its own when no attempt ran.
   */
  readonly log: (functionName: string, logStreamName: string | undefined, message: string) => void;
  readonly clock: Clock;
  /** Retries after a function error, 0 to 2. @default 2 */
  readonly maximumRetryAttempts?: number;
  /** Seconds an event may wait before it is dropped, 60 to 21600. @default 21600 (6 hours) */
  readonly maximumEventAgeSeconds?: number;
  /** Told about each attempt as it ends. */
  readonly onAttempt?: (requestId: string, attempt: AsyncAttempt) => void;
  /** Told about each invocation once it has ended, one way or another. */
  readonly onSettled?: (outcome: AsyncInvocationOutcome) => void;
  /**
   * A function's own settings (its EventInvokeConfig and dead-letter queue), read when each of its
   * events is run or ends, so that a reloaded template applies to the events already queued.
   * @default - the queue's settings for every function, no dead-letter queue or destination
   */
  readonly functionSettings?: (functionName: string) => AsyncFunctionSettings;
  /**
   * What dead-letter queues and destinations are sent through.
   * @default - none: a configured destination fails, and is reported
   */
  readonly targets?: AsyncFailureTargets;
  /**
   * Told, in one line naming the function, the request id and why, of every event that went nowhere:
   * no dead-letter queue or on-failure destination, or a send to one that failed.
   * @default - only the ASYNC line in the function's log group says it
   */
  readonly onProblem?: (message: string) => void;
  /**
   * A file that keeps the queue (see {@link AsyncInvocationJournal}): events accepted and not yet
   * settled survive a restart, even after `kill -9`, and resume with the retries they had left.
   * @default - the queue lives in memory only
   */
  readonly journalFile?: string;
}
