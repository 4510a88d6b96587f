import type {
  ChangeMessageVisibilityBatchRequest,
  ChangeMessageVisibilityBatchResult,
  DeleteMessageBatchRequest,
  DeleteMessageBatchResult,
  GetQueueAttributesRequest,
  GetQueueAttributesResult,
  Message,
  ReceiveMessageRequest,
  ReceiveMessageResult,
} from '@aws-sdk/client-sqs';
import type { SQSEvent } from 'aws-lambda';
import { systemClock } from '../clock';
import { readBatchResponse } from './batch-response';
import { QueueVisibilityTimeout } from './queue-visibility-timeout';
import { type EventSourceOrigin, toSqsRecord } from './sqs-event';
import {
  type HeldMessage,
  type HoldClocks,
  holdWhileInvoking,
  type VisibilityChange,
} from './visibility-hold';

/**
 * The settings of one `AWS::Lambda::EventSourceMapping` on an SQS queue, read from the template and
 * changed by UpdateEventSourceMapping.
 */
export interface SqsEventSourceSettings extends EventSourceOrigin {
  /** The mapping's logical id, for logs. */
  readonly name: string;
  readonly queueUrl: string;
  /** `BatchSize`: records per invocation. */
  readonly batchSize: number;
  /** `MaximumBatchingWindowInSeconds`: how long to gather records once the first one arrived. */
  readonly maximumBatchingWindowSeconds: number;
  /** `ScalingConfig.MaximumConcurrency`: concurrent invocations, never exceeded. */
  readonly maximumConcurrency: number;
  /** `FunctionResponseTypes` includes `ReportBatchItemFailures`. */
  readonly reportBatchItemFailures: boolean;
}

/** The settings UpdateEventSourceMapping may change while the poller runs. */
export type SqsEventSourceUpdate = Partial<
  Pick<
    SqsEventSourceSettings,
    'batchSize' | 'maximumBatchingWindowSeconds' | 'maximumConcurrency' | 'reportBatchItemFailures'
  >
>;

/** How an invocation ended, as the poller needs to know it. */
export type InvocationOutcome =
  | { readonly status: 'succeeded'; readonly response: unknown }
  /** The function threw, timed out or crashed: the whole batch is left to its visibility timeout. */
  | { readonly status: 'failed'; readonly error: string };

/** Time as the poller sees it, in the cloud's milliseconds (a time-scaled clock compresses them). */
export interface PollerClock {
  now(): number;
  sleep(milliseconds: number): Promise<void>;
  /** Cloud milliseconds per real millisecond. */
  readonly scale: number;
}

/** What happened to one batch; the local cloud counts these for its summary. */
export interface BatchSettlement {
  readonly mapping: string;
  readonly lane: number;
  /** The batch's messages: their ids and bodies. */
  readonly records: readonly { readonly messageId: string; readonly body: string }[];
  readonly deleted: number;
  /** Why messages were left on the queue, when some were. */
  readonly leftOnQueue?: string;
}

/**
 * The SQS calls a poller makes, in the SDK's shapes: the local cloud's lean JSON 1.0 client
 * (`SqsJsonProtocolClient`), or a fake in tests.
 */
export interface PollerSqsClient {
  /** Rejects on an error response, or when a body or its attributes fail their MD5 check. */
  receiveMessage(input: ReceiveMessageRequest): Promise<ReceiveMessageResult>;
  /** Entries that could not be deleted come back in `Failed`; rejects when the whole call failed. */
  deleteMessageBatch(input: DeleteMessageBatchRequest): Promise<DeleteMessageBatchResult>;
  /** Entries that could not be changed come back in `Failed`; rejects when the whole call failed. */
  changeMessageVisibilityBatch(
    input: ChangeMessageVisibilityBatchRequest,
  ): Promise<ChangeMessageVisibilityBatchResult>;
  getQueueAttributes(input: GetQueueAttributesRequest): Promise<GetQueueAttributesResult>;
}

export interface SqsPollerDependencies {
  readonly sqs: PollerSqsClient;
  readonly invoke: (event: SQSEvent) => Promise<InvocationOutcome>;
  readonly clock: PollerClock;
  /**
   * Real time, which function code runs in: the messages of a running invocation are held by it
   * (see `visibility-hold.ts`). @default systemClock
   */
  readonly realClock?: HoldClocks['real'];
  /** Told about every settled batch. */
  readonly onBatchSettled?: (settlement: BatchSettlement) => void;
  /** Told about problems the poller rides out (a failed delete, a failed receive). */
  readonly onProblem?: (message: string) => void;
  /**
   * Long-poll wait, in seconds, while the queue is empty. Short, so `stop()` returns quickly; on
   * loopback an empty receive costs well under a millisecond.
   * @default 1
   */
  readonly idleWaitSeconds?: number;
}

/** A received message, with when it was received (cloud epoch ms), which its hold counts from. */
interface ReceivedMessage extends HeldMessage {
  readonly message: Message;
}

/** An SQS receive returns at most 10 messages. */
const RECEIVE_MAXIMUM = 10;
/** Pause before polling again after a failed receive, so a stopped endpoint is not hammered. */
const RECEIVE_RETRY_MILLISECONDS = 1000;
/** Without a long poll (the last fraction of a batching window, or no idle wait), re-poll this often. */
const SHORT_POLL_MILLISECONDS = 50;

/**
 * Lambda's poller for one SQS event source mapping.
 *
 * It runs "lanes", each of which gathers a batch (up to `batchSize` records, or until the batching
 * window has run since the first record arrived), invokes the function with it and waits for the
 * answer before gathering again. One lane runs while the queue is quiet; a lane that gathers a full
 * batch starts another (the backlog is growing), up to `maximumConcurrency`; a lane that finds the
 * queue empty stops, down to one. So concurrent invocations never exceed the cap.
 *
 * While an invocation runs, the messages it holds are kept invisible for as long as their visibility
 * timeout lasts when the invocation's real running time is counted (`visibility-hold.ts`).
 *
 * After an invocation: with ReportBatchItemFailures, every message not listed in
 * `batchItemFailures` is deleted; a thrown error, a timeout or a malformed response deletes
 * nothing. Without it, success deletes the batch and failure nothing. What is not deleted comes
 * back after the queue's visibility timeout, and SQS dead-letters it after maxReceiveCount.
 */
export class SqsEventSourcePoller {
  private stopping = false;
  private lanes = 0;
  private nextLaneId = 1;
  private readonly running = new Set<Promise<void>>();
  private peak = 0;
  private readonly holdClocks: HoldClocks;
  private readonly visibilityTimeout: QueueVisibilityTimeout;

  constructor(
    private settings: SqsEventSourceSettings,
    private readonly dependencies: SqsPollerDependencies,
  ) {
    const real = dependencies.realClock ?? systemClock;
    this.holdClocks = { cloud: dependencies.clock, real };
    this.visibilityTimeout = new QueueVisibilityTimeout(
      async () => {
        const { Attributes = {} } = await dependencies.sqs.getQueueAttributes({
          QueueUrl: this.settings.queueUrl,
          AttributeNames: ['VisibilityTimeout'],
        });
        return Number(Attributes.VisibilityTimeout);
      },
      () => real.now(),
      (message) => dependencies.onProblem?.(`${this.settings.name}: ${message}`),
    );
  }

  /** Starts polling with one lane; call it again only once {@link stop} has resolved. */
  start(): void {
    if (this.lanes > 0 && !this.stopping) return;
    this.stopping = false;
    this.startLane();
  }

  /** Stops gathering; resolves once every in-flight invocation has been settled. */
  async stop(): Promise<void> {
    this.stopping = true;
    while (this.running.size > 0) await Promise.all([...this.running]);
  }

  /**
   * Changes settings while polling, as UpdateEventSourceMapping does: a batch in flight keeps what it
   * was gathered with, the next gather uses the new batch size and window, and lanes over a lowered
   * concurrency cap end once their batch has settled.
   */
  update(changes: SqsEventSourceUpdate): void {
    this.settings = { ...this.settings, ...changes };
  }

  /** The settings the next gather uses. */
  get currentSettings(): SqsEventSourceSettings {
    return this.settings;
  }

  /** Lanes gathering or invoking now: 0 once stopped. */
  get activeLanes(): number {
    return this.lanes;
  }

  /** The most lanes (so concurrent invocations) that ran at once. */
  get peakConcurrency(): number {
    return this.peak;
  }

  private startLane(): void {
    this.lanes += 1;
    this.peak = Math.max(this.peak, this.lanes);
    const lane = this.runLane(this.nextLaneId++).finally(() => {
      this.lanes -= 1;
      this.running.delete(lane);
    });
    this.running.add(lane);
  }

  private async runLane(laneId: number): Promise<void> {
    while (!this.stopping) {
      if (this.lanes > this.settings.maximumConcurrency) return;
      // A batch is settled as it was gathered, whatever an update changes meanwhile.
      const settings = this.settings;
      const batch = await this.gatherBatch(settings);
      if (batch.length === 0) {
        if (this.lanes > 1) return;
        continue;
      }
      if (batch.length >= settings.batchSize && this.lanes < settings.maximumConcurrency && !this.stopping) {
        this.startLane();
      }
      await this.invokeAndSettle(laneId, batch, settings);
    }
  }

  private async gatherBatch(settings: SqsEventSourceSettings): Promise<ReceivedMessage[]> {
    const { batchSize, maximumBatchingWindowSeconds } = settings;
    const { clock, idleWaitSeconds = 1 } = this.dependencies;
    const batch: ReceivedMessage[] = [];
    let windowEnd: number | undefined;
    while (batch.length < batchSize && !this.stopping) {
      const remaining = windowEnd === undefined ? undefined : windowEnd - clock.now();
      if (remaining !== undefined && remaining <= 0) break;
      const waitSeconds = remaining === undefined ? idleWaitSeconds : Math.floor(remaining / 1000);
      const messages = await this.receive(Math.min(RECEIVE_MAXIMUM, batchSize - batch.length), waitSeconds);
      if (messages.length === 0) {
        // A receive that did not wait must not spin: pause as a long poll would have.
        if (waitSeconds === 0)
          await clock.sleep(Math.min(remaining ?? SHORT_POLL_MILLISECONDS, SHORT_POLL_MILLISECONDS));
        if (remaining === undefined) return batch;
        continue;
      }
      const receivedAt = clock.now();
      if (windowEnd === undefined) windowEnd = receivedAt + maximumBatchingWindowSeconds * 1000;
      for (const message of messages) {
        batch.push({ message, receiptHandle: message.ReceiptHandle ?? '', receivedAt });
      }
    }
    return batch;
  }

  private async receive(maxNumberOfMessages: number, waitTimeSeconds: number): Promise<Message[]> {
    try {
      const response = await this.dependencies.sqs.receiveMessage({
        QueueUrl: this.settings.queueUrl,
        MaxNumberOfMessages: maxNumberOfMessages,
        WaitTimeSeconds: waitTimeSeconds,
        MessageSystemAttributeNames: ['All'],
        MessageAttributeNames: ['All'],
      });
      return response.Messages ?? [];
    } catch (error) {
      this.dependencies.onProblem?.(`${this.settings.name}: ReceiveMessage failed: ${describeError(error)}`);
      await this.dependencies.clock.sleep(RECEIVE_RETRY_MILLISECONDS);
      return [];
    }
  }

  private async invokeAndSettle(
    laneId: number,
    batch: readonly ReceivedMessage[],
    settings: SqsEventSourceSettings,
  ): Promise<void> {
    const records = batch.map(({ message }) => toSqsRecord(message, settings));
    const messageIds = records.map((record) => record.messageId);
    const visibilityTimeoutSeconds = await this.visibilityTimeout.current();
    const hold =
      visibilityTimeoutSeconds === undefined
        ? undefined
        : holdWhileInvoking(batch, visibilityTimeoutSeconds, this.holdClocks, (changes) =>
            this.changeVisibility(changes),
          );
    const outcome = await this.dependencies.invoke({ Records: records });
    let toDelete: ReceivedMessage[] = [];
    let leftOnQueue: string | undefined;
    if (outcome.status === 'failed') {
      leftOnQueue = `the invocation failed (${outcome.error}); the batch returns after the visibility timeout`;
    } else if (!settings.reportBatchItemFailures) {
      toDelete = [...batch];
    } else {
      const verdict = readBatchResponse(outcome.response, messageIds);
      if (verdict.kind === 'all-succeeded') toDelete = [...batch];
      else if (verdict.kind === 'all-failed') leftOnQueue = `the whole batch failed: ${verdict.reason}`;
      else {
        toDelete = batch.filter(({ message }) => !verdict.failedMessageIds.has(message.MessageId ?? ''));
        leftOnQueue = `${verdict.failedMessageIds.size} batch item failure(s) reported`;
      }
    }
    const [deleted] = await Promise.all([
      this.deleteMessages(toDelete),
      hold?.release(batch.filter((received) => !toDelete.includes(received))),
    ]);
    this.dependencies.onBatchSettled?.({
      mapping: this.settings.name,
      lane: laneId,
      records: records.map(({ messageId, body }) => ({ messageId, body })),
      deleted,
      ...(leftOnQueue === undefined ? {} : { leftOnQueue }),
    });
  }

  private async deleteMessages(messages: readonly ReceivedMessage[]): Promise<number> {
    let deleted = 0;
    for (let start = 0; start < messages.length; start += RECEIVE_MAXIMUM) {
      const chunk = messages.slice(start, start + RECEIVE_MAXIMUM);
      try {
        const response = await this.dependencies.sqs.deleteMessageBatch({
          QueueUrl: this.settings.queueUrl,
          Entries: chunk.map(({ receiptHandle }, index) => ({
            Id: String(index),
            ReceiptHandle: receiptHandle,
          })),
        });
        deleted += response.Successful?.length ?? 0;
        for (const failure of response.Failed ?? []) {
          this.dependencies.onProblem?.(
            `${this.settings.name}: could not delete a processed message (${failure.Code}: ${failure.Message}); it will be delivered again`,
          );
        }
      } catch (error) {
        this.dependencies.onProblem?.(
          `${this.settings.name}: DeleteMessageBatch failed (${describeError(error)}); ${chunk.length} processed message(s) will be delivered again`,
        );
      }
    }
    return deleted;
  }

  /** ChangeMessageVisibilityBatch for a hold; a failure only means a message may come back early. */
  private async changeVisibility(changes: readonly VisibilityChange[]): Promise<void> {
    for (let start = 0; start < changes.length; start += RECEIVE_MAXIMUM) {
      const chunk = changes.slice(start, start + RECEIVE_MAXIMUM);
      try {
        const response = await this.dependencies.sqs.changeMessageVisibilityBatch({
          QueueUrl: this.settings.queueUrl,
          Entries: chunk.map((change, index) => ({
            Id: String(index),
            ReceiptHandle: change.receiptHandle,
            VisibilityTimeout: change.visibilityTimeoutSeconds,
          })),
        });
        for (const failure of response.Failed ?? []) {
          this.dependencies.onProblem?.(
            `${this.settings.name}: could not change a held message's visibility (${failure.Code}: ${failure.Message})`,
          );
        }
      } catch (error) {
        this.dependencies.onProblem?.(
          `${this.settings.name}: ChangeMessageVisibilityBatch failed (${describeError(error)}); ${chunk.length} held message(s) may be delivered again early`,
        );
      }
    }
  }
}

function describeError(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
