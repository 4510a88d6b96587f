import { randomUUID } from 'node:crypto';
import type { TimerHandle } from '../clock';
import { type EndingLine, sendEndedEvent } from './async-destinations';
import { AsyncInvocationJournal } from './async-invocation-journal';
import type {
  AsyncAttempt,
  AsyncInvocationOutcome,
  AsyncInvocationQueueOptions,
} from './async-invocation-options';
import type { AsyncRecordCondition, EndedAsyncEvent } from './async-invocation-record';
import {
  functionErrorRetryDelayMs,
  functionQueueSettings,
  type QueueSettings,
  queueDefaults,
  throttleBackoffMs,
} from './async-retry-policy';
import { TooManyRequestsException } from './errors';
import { functionErrorSummary, type InvocationResult } from './invocation-result';

/** Lambda's limit on an asynchronous invocation's payload. */
export const MAXIMUM_ASYNC_PAYLOAD_BYTES = 1024 * 1024;

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
  /** The queue's settings, for functions that have none of their own. */
  private readonly defaults: QueueSettings;
  private readonly waiting = new Set<QueuedEvent>();
  private readonly running = new Set<Promise<void>>();
  private readonly journal?: AsyncInvocationJournal;
  private stopped = false;

  constructor(private readonly options: AsyncInvocationQueueOptions) {
    this.defaults = queueDefaults(options);
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
      const backoff = throttleBackoffMs(event.throttles);
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
    const delayMs = functionErrorRetryDelayMs(attempt.attempt);
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
    return functionQueueSettings(this.options.functionSettings?.(functionName) ?? {}, this.defaults);
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
