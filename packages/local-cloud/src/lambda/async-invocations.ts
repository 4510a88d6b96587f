import { randomUUID } from 'node:crypto';
import { asyncSettingProblem, EVENT_INVOKE_CONFIG_LIMITS } from '../assembly/event-invoke-configs';
import type { Clock, TimerHandle } from '../clock';
import {
  type AsyncFailureTargets,
  type AsyncFunctionSettings,
  type EndingLine,
  sendEndedEvent,
} from './async-destinations';
import { AsyncInvocationJournal } from './async-invocation-journal';
import type { AsyncRecordCondition, EndedAsyncEvent } from './async-invocation-record';
import { InvalidAsyncInvocationConfigError, TooManyRequestsException } from './errors';
import { functionErrorSummary, type InvocationResult } from './function-instance';

/** Lambda's defaults for asynchronous invocation (`AWS::Lambda::EventInvokeConfig` when absent). */
const ASYNC_INVOCATION_DEFAULTS = {
  /** Retries after a function error: 0 to 2. */
  maximumRetryAttempts: 2,
  /** How long an event may wait in the queue before Lambda drops it: 60 s to 6 h. */
  maximumEventAgeSeconds: 6 * 60 * 60,
} as const;

/** Lambda's limit on an asynchronous invocation's payload. */
export const MAXIMUM_ASYNC_PAYLOAD_BYTES = 1024 * 1024;

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

/** A function's settings with the queue's filled in. */
interface QueueSettings extends AsyncFunctionSettings {
  readonly maximumRetryAttempts: number;
  readonly maximumEventAgeMs: number;
}

interface QueuedEvent {
  readonly requestId: string;
  readonly functionName: string;
  readonly payload: unknown;
  readonly enqueuedAt: number;
  /** The attempts of this run of the cloud. */
  readonly attempts: AsyncAttempt[];
  /** Attempts made so far, before a restart included. */
  attemptsMade: number;
  throttles: number;
  timer?: TimerHandle;
  /** The last attempt's answer, for the record a destination gets. */
  lastResponse?: { readonly functionError?: string; readonly payload: unknown };
}

/**
 * Lambda's queue for asynchronous invocations (`InvocationType: Event`): an event is accepted at
 * once and run in the background. When the function fails (it throws, times out or crashes),
 * Lambda runs it again, up to MaximumRetryAttempts more times, one minute after the first attempt
 * and two minutes after the second, in cloud time (a time scale shortens the waits); a throttle is
 * retried with a growing backoff without using up a retry. An event older than
 * MaximumEventAgeInSeconds when its turn comes is dropped. Every attempt has its START and REPORT
 * lines, all with the invocation's request id; a failed attempt, a discarded and a dropped event
 * each get an `ASYNC` line in the function's log group saying what happens next. Each function's
 * own settings (`functionSettings`: its EventInvokeConfig) come before the queue's, and an event
 * Lambda gives up on goes to the function's on-failure destination and dead-letter queue through
 * `targets` (see {@link sendEndedEvent}).
 *
 * @example
 * const queue = new AsyncInvocationQueue({ invoke, log, clock });
 * const requestId = queue.enqueue('OrderPipeline-GenerateOrders', { count: 10 });
 */
export class AsyncInvocationQueue {
  private readonly maximumRetryAttempts: number;
  private readonly maximumEventAgeMs: number;
  private readonly waiting = new Set<QueuedEvent>();
  private readonly running = new Set<Promise<void>>();
  private readonly journal?: AsyncInvocationJournal;
  private stopped = false;

  constructor(private readonly options: AsyncInvocationQueueOptions) {
    this.maximumRetryAttempts =
      options.maximumRetryAttempts ?? ASYNC_INVOCATION_DEFAULTS.maximumRetryAttempts;
    const maximumEventAgeSeconds =
      options.maximumEventAgeSeconds ?? ASYNC_INVOCATION_DEFAULTS.maximumEventAgeSeconds;
    const problems = [
      asyncSettingProblem(
        'MaximumRetryAttempts',
        this.maximumRetryAttempts,
        EVENT_INVOKE_CONFIG_LIMITS.maximumRetryAttempts,
      ),
      asyncSettingProblem(
        'MaximumEventAgeInSeconds',
        maximumEventAgeSeconds,
        EVENT_INVOKE_CONFIG_LIMITS.maximumEventAgeSeconds,
      ),
    ].filter((problem): problem is string => problem !== undefined);
    if (problems.length > 0) throw new InvalidAsyncInvocationConfigError(problems);
    this.maximumEventAgeMs = maximumEventAgeSeconds * 1000;
    if (options.journalFile !== undefined) {
      this.journal = new AsyncInvocationJournal(options.journalFile);
      for (const saved of this.journal.open()) {
        const { requestId, functionName, payload, enqueuedAt, attempts, throttles, nextAttemptAt } = saved;
        this.schedule(
          { requestId, functionName, payload, enqueuedAt, attempts: [], attemptsMade: attempts, throttles },
          Math.max(0, nextAttemptAt - options.clock.now()),
        );
      }
    }
  }

  /** Queues an event for a function and returns its request id; the first attempt starts at once. */
  enqueue(functionName: string, payload: unknown, requestId: string = randomUUID()): string {
    const event: QueuedEvent = {
      requestId,
      functionName,
      payload,
      enqueuedAt: this.options.clock.now(),
      attempts: [],
      attemptsMade: 0,
      throttles: 0,
    };
    this.journal?.enqueued({ requestId, functionName, payload, enqueuedAt: event.enqueuedAt });
    this.schedule(event, 0);
    return requestId;
  }

  /** Events waiting for their next attempt or running one now. */
  get pending(): number {
    return this.waiting.size;
  }

  /**
   * Drops every waiting event (a journal keeps them for the next start) and resolves once the
   * attempts running now have ended.
   */
  async stop(): Promise<void> {
    this.stopped = true;
    for (const event of [...this.waiting]) {
      if (event.timer === undefined) continue;
      event.timer.cancel();
      this.settle(event, 'cancelled');
    }
    while (this.running.size > 0) await Promise.all([...this.running]);
    this.journal?.close();
  }

  private schedule(event: QueuedEvent, delayMs: number): void {
    this.waiting.add(event);
    if (delayMs > 0) {
      const { requestId, attemptsMade, throttles } = event;
      const nextAttemptAt = this.options.clock.now() + delayMs;
      this.journal?.scheduled({ requestId, attempts: attemptsMade, throttles, nextAttemptAt });
    }
    if (this.stopped) {
      this.settle(event, 'cancelled');
    } else if (delayMs === 0) {
      this.run(event);
    } else {
      event.timer = this.options.clock.setTimer(() => {
        event.timer = undefined;
        this.run(event);
      }, delayMs);
    }
  }

  private run(event: QueuedEvent): void {
    const attempt = this.attempt(event).finally(() => this.running.delete(attempt));
    this.running.add(attempt);
  }

  private async attempt(event: QueuedEvent): Promise<void> {
    const { clock, invoke, log } = this.options;
    const settings = this.settingsOf(event.functionName);
    const age = clock.now() - event.enqueuedAt;
    if (age > settings.maximumEventAgeMs) return this.expire(event, age, settings);
    const startedAt = clock.now();
    let result: InvocationResult;
    try {
      result = await invoke(event.functionName, event.payload, event.requestId);
    } catch (error) {
      // A throttle (or any failure to start the function) is not an attempt: back off and requeue.
      if (this.stopped) return this.settle(event, 'cancelled');
      const backoff = Math.min(THROTTLE_BACKOFF_MS.maximum, THROTTLE_BACKOFF_MS.first * 2 ** event.throttles);
      event.throttles += 1;
      if (!(error instanceof TooManyRequestsException)) {
        log(
          event.functionName,
          event.attempts.at(-1)?.logStreamName,
          `ASYNC RequestId: ${event.requestId}\tCould not run (${describeError(error)}); trying again in ${backoff / 1000} s`,
        );
      }
      this.schedule(event, backoff);
      return;
    }
    event.attemptsMade += 1;
    event.lastResponse = { functionError: result.functionError, payload: result.payload };
    const attempt: AsyncAttempt = {
      attempt: event.attemptsMade,
      startedAt,
      logStreamName: result.logStreamName,
      ...(result.functionError === undefined ? {} : { error: functionErrorSummary(result) }),
    };
    event.attempts.push(attempt);
    this.options.onAttempt?.(event.requestId, attempt);
    if (attempt.error === undefined) return this.succeed(event, settings, result.logStreamName);
    return this.afterFailure(event, attempt, settings);
  }

  /** After a failed attempt: another one later, or the event ends with its retries used up. */
  private async afterFailure(
    event: QueuedEvent,
    attempt: AsyncAttempt,
    settings: QueueSettings,
  ): Promise<void> {
    const attemptsAllowed = settings.maximumRetryAttempts + 1;
    const prefix = `ASYNC RequestId: ${event.requestId}\tAttempt ${attempt.attempt} of ${attemptsAllowed} failed: ${attempt.error}`;
    if (attempt.attempt >= attemptsAllowed) {
      const reason = `no retries left (MaximumRetryAttempts ${settings.maximumRetryAttempts})`;
      await this.end(event, 'RetriesExhausted', settings, attempt.logStreamName, {
        prefix,
        verb: 'discarded',
        reason,
      });
      return this.settle(event, 'failed');
    }
    if (this.stopped) return this.settle(event, 'cancelled');
    const delayMs =
      FUNCTION_ERROR_RETRY_DELAYS_MS[Math.min(attempt.attempt, FUNCTION_ERROR_RETRY_DELAYS_MS.length) - 1];
    this.options.log(
      event.functionName,
      attempt.logStreamName,
      `${prefix}\tNext attempt in ${delayMs / 1000} s`,
    );
    this.schedule(event, delayMs);
  }

  /** An event too old to run again: it ends, as Lambda drops it. */
  private async expire(event: QueuedEvent, age: number, settings: QueueSettings): Promise<void> {
    const reason = `it is ${Math.round(age / 1000)} s old, over MaximumEventAgeInSeconds ${settings.maximumEventAgeMs / 1000}, after ${event.attemptsMade} attempt(s)`;
    const logStreamName = event.attempts.at(-1)?.logStreamName;
    await this.end(event, 'EventAgeExceeded', settings, logStreamName, { verb: 'dropped', reason });
    this.settle(event, 'expired');
  }

  /** A successful attempt: its record goes to the on-success destination, when there is one. */
  private async succeed(event: QueuedEvent, settings: QueueSettings, logStreamName: string): Promise<void> {
    if (settings.onSuccess !== undefined) {
      const line = { verb: 'record not sent', reason: 'the invocation succeeded' };
      await this.end(event, 'Success', settings, logStreamName, line);
    }
    this.settle(event, 'succeeded');
  }

  /** Sends an ended event where its function's settings say, and writes the ASYNC line saying where. */
  private async end(
    event: QueuedEvent,
    condition: AsyncRecordCondition,
    settings: QueueSettings,
    logStreamName: string | undefined,
    line: Omit<EndingLine, 'prefix'> & { readonly prefix?: string },
  ): Promise<void> {
    const { targets, onProblem, log } = this.options;
    const outlets = {
      targets,
      onProblem,
      log: (message: string) => log(event.functionName, logStreamName, message),
    };
    const prefix = line.prefix ?? `ASYNC RequestId: ${event.requestId}`;
    await sendEndedEvent(outlets, this.ended(event, condition, settings), settings, { ...line, prefix });
  }

  private ended(
    event: QueuedEvent,
    condition: AsyncRecordCondition,
    settings: QueueSettings,
  ): EndedAsyncEvent {
    return {
      requestId: event.requestId,
      functionName: event.functionName,
      functionArn: settings.functionArn ?? event.functionName,
      payload: event.payload,
      condition,
      attempts: event.attemptsMade,
      ...(event.lastResponse === undefined ? {} : { response: event.lastResponse }),
      endedAt: this.options.clock.now(),
    };
  }

  /** The function's own settings over the queue's. */
  private settingsOf(functionName: string): QueueSettings {
    const own = this.options.functionSettings?.(functionName) ?? {};
    return {
      ...own,
      maximumRetryAttempts: own.maximumRetryAttempts ?? this.maximumRetryAttempts,
      maximumEventAgeMs: (own.maximumEventAgeSeconds ?? this.maximumEventAgeMs / 1000) * 1000,
    };
  }

  private settle(event: QueuedEvent, status: AsyncInvocationOutcome['status']): void {
    this.waiting.delete(event);
    if (status !== 'cancelled') this.journal?.settled(event.requestId);
    this.options.onSettled?.({
      requestId: event.requestId,
      functionName: event.functionName,
      status,
      attempts: [...event.attempts],
    });
  }
}

function describeError(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
