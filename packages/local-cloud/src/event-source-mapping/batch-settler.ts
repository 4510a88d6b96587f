import type { Message } from '@aws-sdk/client-sqs';
import type { SQSRecord } from 'aws-lambda';
import { SQS_LIMITS } from '../sqs/sqs-limits';
import { readBatchResponse } from './batch-response';
import type { EventFilter } from './event-filter';
import type { InvocationOutcome, SqsEventSourceSettings, SqsPollerDependencies } from './poller-types';
import type { QueueVisibilityTimeout } from './queue-visibility-timeout';
import { toSqsRecord } from './sqs-event';
import {
  type HeldMessage,
  type HoldClocks,
  holdWhileInvoking,
  type VisibilityChange,
} from './visibility-hold';

/** A received message, with when it was received (cloud epoch ms), which its hold counts from. */
export interface ReceivedMessage extends HeldMessage {
  readonly message: Message;
}

/** What a {@link BatchSettler} works with. */
export interface BatchSettlerContext {
  readonly dependencies: SqsPollerDependencies;
  /** The mapping's current settings: its name and queue. */
  readonly settings: () => SqsEventSourceSettings;
  readonly holdClocks: HoldClocks;
  readonly visibilityTimeout: QueueVisibilityTimeout;
  readonly filter: EventFilter;
}

const BATCH_ENTRIES_MAXIMUM = SQS_LIMITS.maxBatchEntries;

interface Verdict {
  readonly toDelete: readonly ReceivedMessage[];
  readonly leftOnQueue?: string;
  /** The message ids the function listed as batch item failures. */
  readonly failedIds?: readonly string[];
}

/**
 * Settles gathered batches as Lambda does: records that match none of the mapping's filters are
 * deleted without invoking; the function is invoked with the others, which are held while it runs
 * (`visibility-hold.ts`). Then, with ReportBatchItemFailures, every message not listed in
 * `batchItemFailures` is deleted; a thrown error, a timeout or a malformed response deletes
 * nothing. Without it, success deletes the batch and failure nothing. What is not deleted comes back
 * after the queue's visibility timeout, and SQS dead-letters it after maxReceiveCount.
 */
export class BatchSettler {
  constructor(private readonly context: BatchSettlerContext) {}

  /**
   * Filters, invokes and settles one batch gathered with `settings`; resolves with the invocation's
   * outcome, or undefined when every record was filtered out and nothing was invoked.
   */
  async settle(
    lane: number,
    batch: readonly ReceivedMessage[],
    settings: SqsEventSourceSettings,
  ): Promise<InvocationOutcome | undefined> {
    const { dependencies, filter } = this.context;
    const delivered: ReceivedMessage[] = [];
    const records: SQSRecord[] = [];
    const unmatched: ReceivedMessage[] = [];
    for (const received of batch) {
      const record = toSqsRecord(received.message, settings);
      if (filter.matches(record)) {
        delivered.push(received);
        records.push(record);
      } else unmatched.push(received);
    }
    const filteredOut = await this.deleteMessages(unmatched, 'filtered-out');
    let outcome: InvocationOutcome | undefined;
    let verdict: Verdict = { toDelete: [] };
    let deleted = 0;
    let giveBack = async () => {};
    if (delivered.length > 0) {
      const hold = await this.hold(delivered);
      outcome = await dependencies.invoke({ Records: records });
      verdict = verdictOf(outcome, delivered, settings.reportBatchItemFailures);
      const leftOnQueue = delivered.filter((received) => !verdict.toDelete.includes(received));
      deleted = await this.deleteMessages(verdict.toDelete, 'processed');
      giveBack = async () => hold?.release(leftOnQueue);
    }
    dependencies.onBatchSettled?.({
      mapping: this.context.settings().name,
      lane,
      ...(outcome?.requestId === undefined ? {} : { requestId: outcome.requestId }),
      records: records.map(({ messageId, body, attributes }) => ({
        messageId,
        body,
        receiveCount: Number(attributes.ApproximateReceiveCount ?? 0),
      })),
      batchItemFailureIds: verdict.failedIds ?? [],
      ...(outcome?.status === 'failed' ? { invocationError: outcome.error } : {}),
      deleted,
      ...(filter.filtering ? { filteredOut } : {}),
      ...(verdict.leftOnQueue === undefined ? {} : { leftOnQueue: verdict.leftOnQueue }),
    });
    // Told before held messages become visible again: another of the fleet's pollers may receive
    // one at once, and whoever counts batches must have seen this one first.
    await giveBack();
    return outcome;
  }

  private async hold(messages: readonly ReceivedMessage[]) {
    const visibilityTimeoutSeconds = await this.context.visibilityTimeout.current();
    if (visibilityTimeoutSeconds === undefined) return undefined;
    return holdWhileInvoking(messages, visibilityTimeoutSeconds, this.context.holdClocks, (changes) =>
      this.changeVisibility(changes),
    );
  }

  /** DeleteMessageBatch in chunks of 10; answers how many were deleted. A failure is reported, not retried. */
  private async deleteMessages(messages: readonly ReceivedMessage[], kind: string): Promise<number> {
    const { dependencies } = this.context;
    const { name, queueUrl } = this.context.settings();
    let deleted = 0;
    for (let start = 0; start < messages.length; start += BATCH_ENTRIES_MAXIMUM) {
      const chunk = messages.slice(start, start + BATCH_ENTRIES_MAXIMUM);
      try {
        const response = await dependencies.sqs.deleteMessageBatch({
          QueueUrl: queueUrl,
          Entries: chunk.map(({ receiptHandle }, index) => ({
            Id: String(index),
            ReceiptHandle: receiptHandle,
          })),
        });
        deleted += response.Successful?.length ?? 0;
        for (const failure of response.Failed ?? []) {
          dependencies.onProblem?.(
            `${name}: could not delete a ${kind} message (${failure.Code}: ${failure.Message}); it will be received again`,
          );
        }
      } catch (error) {
        dependencies.onProblem?.(
          `${name}: DeleteMessageBatch failed (${describeError(error)}); ${chunk.length} ${kind} message(s) will be received again`,
        );
      }
    }
    return deleted;
  }

  /** ChangeMessageVisibilityBatch for a hold; a failure only means a message may come back early. */
  private async changeVisibility(changes: readonly VisibilityChange[]): Promise<void> {
    const { dependencies } = this.context;
    const { name, queueUrl } = this.context.settings();
    for (let start = 0; start < changes.length; start += BATCH_ENTRIES_MAXIMUM) {
      const chunk = changes.slice(start, start + BATCH_ENTRIES_MAXIMUM);
      try {
        const response = await dependencies.sqs.changeMessageVisibilityBatch({
          QueueUrl: queueUrl,
          Entries: chunk.map((change, index) => ({
            Id: String(index),
            ReceiptHandle: change.receiptHandle,
            VisibilityTimeout: change.visibilityTimeoutSeconds,
          })),
        });
        for (const failure of response.Failed ?? []) {
          dependencies.onProblem?.(
            `${name}: could not change a held message's visibility (${failure.Code}: ${failure.Message})`,
          );
        }
      } catch (error) {
        dependencies.onProblem?.(
          `${name}: ChangeMessageVisibilityBatch failed (${describeError(error)}); ${chunk.length} held message(s) may be delivered again early`,
        );
      }
    }
  }
}

/** Which messages an invocation's outcome lets the poller delete, and why the others stay. */
function verdictOf(
  outcome: InvocationOutcome,
  batch: readonly ReceivedMessage[],
  reportBatchItemFailures: boolean,
): Verdict {
  if (outcome.status === 'failed') {
    return {
      toDelete: [],
      leftOnQueue: `the invocation failed (${outcome.error}); the batch returns after the visibility timeout`,
    };
  }
  if (!reportBatchItemFailures) return { toDelete: batch };
  const messageIds = batch.map(({ message }) => message.MessageId ?? '');
  const verdict = readBatchResponse(outcome.response, messageIds);
  if (verdict.kind === 'all-succeeded') return { toDelete: batch };
  if (verdict.kind === 'all-failed')
    return { toDelete: [], leftOnQueue: `the whole batch failed: ${verdict.reason}` };
  return {
    toDelete: batch.filter(({ message }) => !verdict.failedMessageIds.has(message.MessageId ?? '')),
    leftOnQueue: `${verdict.failedMessageIds.size} batch item failure(s) reported`,
    failedIds: [...verdict.failedMessageIds],
  };
}

export function describeError(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
