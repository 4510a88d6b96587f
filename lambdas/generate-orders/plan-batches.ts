import { SQS_LIMITS } from '../../shared/sqs-limits';
import type { OutgoingMessage } from './outgoing-message';
import type { FailedOrder } from './send-summary';

/** The limits a SendMessageBatch call must respect. */
export interface BatchLimits {
  /** The most entries in one call. */
  readonly maxBatchEntries: number;
  /** The most bytes one message body, and all the bodies of one call together, may hold. */
  readonly maxMessageBytes: number;
}

/** Messages packed into SendMessageBatch calls, and those too large to send at all. */
export interface BatchPlan {
  /** Each inner list is one call: at most `maxBatchEntries` entries of at most `maxMessageBytes` in all. */
  readonly batches: OutgoingMessage[][];
  /** Orders whose body alone exceeds `maxMessageBytes`. */
  readonly oversize: FailedOrder[];
}

/**
 * Packs messages, in order, into as few batches as the limits allow without reordering: a batch is
 * closed when the next message would take it past the entry count or the byte total.
 */
export function planBatches(
  messages: readonly OutgoingMessage[],
  limits: BatchLimits = SQS_LIMITS,
): BatchPlan {
  const batches: OutgoingMessage[][] = [];
  const oversize: FailedOrder[] = [];
  let batch: OutgoingMessage[] = [];
  let batchBytes = 0;
  for (const message of messages) {
    if (message.bytes > limits.maxMessageBytes) {
      oversize.push({
        id: message.orderId,
        reason: `the order is ${message.bytes} bytes as JSON; SQS takes at most ${limits.maxMessageBytes}`,
      });
      continue;
    }
    if (batch.length === limits.maxBatchEntries || batchBytes + message.bytes > limits.maxMessageBytes) {
      batches.push(batch);
      batch = [];
      batchBytes = 0;
    }
    batch.push(message);
    batchBytes += message.bytes;
  }
  if (batch.length > 0) batches.push(batch);
  return { batches, oversize };
}
