import type { RejectedOrderRecord } from '../../shared/order-records';
import type { RecordLogger } from '../process-orders/types';

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

/** The pipeline's own metrics, as the record logic needs them. */
export interface FailureMetrics {
  /** Counts one dead-lettered order, newly recorded. */
  countDeadLetteredOrder(): void;
}

/** Everything {@link recordFailure} touches outside itself. */
export interface RecordFailurePorts {
  readonly rejectedOrders: RejectedOrderStore;
  readonly metrics: FailureMetrics;
  readonly logger: RecordLogger;
  /** The clock, so tests can pin `recordedAt`. */
  readonly now: () => Date;
}
