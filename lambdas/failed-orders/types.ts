import type { RejectedOrderRecord } from '../../shared/order-records';
import type { RecordLogger } from '../../shared/record-logger';

/** What FailedOrders works out about a dead-lettered message before it stores the body. */
export type FailureDescription = Omit<
  RejectedOrderRecord,
  'recordedAt' | 'body' | 'bodyEncoding' | 'bodyBytes'
>;

/** What {@link RejectedOrderStore.putIfAbsent} did. */
export type RecordOutcome = 'recorded' | 'already-recorded';

/** The rejected-orders table, as the record logic needs it. */
export interface RejectedOrderStore {
  /**
   * Writes the record unless one with its `messageId` exists (a redelivery from the dead-letter
   * queue). Throws on any other failure, which leaves the message in the dead-letter queue.
   */
  putIfAbsent(record: RejectedOrderRecord): Promise<RecordOutcome>;
}

/** The orders table, read-only, as the record logic needs it. */
export interface StoredOrderLookup {
  /**
   * The `contentHash` of the order stored under `orderId`, or `undefined` when none is stored.
   * Throws when the table cannot be read.
   */
  storedContentHash(orderId: string): Promise<string | undefined>;
}

/**
 * How {@link recordFailure} ended: {@link RecordOutcome}, or `already-stored` when the message was
 * dead-lettered by SQS although its order is in the orders table with the same content, so there
 * is nothing to record.
 */
export type RecordFailureOutcome = RecordOutcome | 'already-stored';

/** The pipeline's own metrics, as the record logic needs them. */
export interface FailureMetrics {
  /** Counts one dead-lettered order, newly recorded. */
  countDeadLetteredOrder(): void;
}

/** Everything {@link recordFailure} touches outside itself. */
export interface RecordFailurePorts {
  readonly rejectedOrders: RejectedOrderStore;
  readonly storedOrders: StoredOrderLookup;
  readonly metrics: FailureMetrics;
  readonly logger: RecordLogger;
  /** The clock, so tests can pin `recordedAt`. */
  readonly now: () => Date;
}
