import type { StoredOrder } from '../../shared/order-records';
import type { RecordLogger } from '../../shared/record-logger';
import type { RejectionReason } from '../../shared/rejection';

/** What {@link OrderStore.putIfAbsent} found. */
export type PutOrderResult =
  | { readonly outcome: 'stored' }
  /** An item with this `orderId` was already there; its hash says whether it is the same order. */
  | { readonly outcome: 'already-stored'; readonly existingContentHash: string | undefined };

/** The orders table, as the record logic needs it. */
export interface OrderStore {
  /**
   * Writes the order unless an item with its `orderId` exists. Throws on any other failure
   * (throttling, a network error), which the caller treats as transient.
   */
  putIfAbsent(order: StoredOrder): Promise<PutOrderResult>;
}

/** A permanently unprocessable message on its way to the dead-letter queue. */
export interface Rejection {
  /** The message body, untouched. */
  readonly body: string;
  readonly reason: RejectionReason;
  /** Readable sentences, e.g. `customerAddress: is required`. */
  readonly errors: readonly string[];
  /** Id of the message on the orders queue. */
  readonly sourceMessageId: string;
  /** ARN of the orders queue (the record's `eventSourceARN`). */
  readonly sourceQueueArn: string;
}

/** The dead-letter queue, as the record logic needs it. */
export interface DeadLetterForwarder {
  /** Sends the rejection to the dead-letter queue; resolves with the new message's id. */
  forward(rejection: Rejection): Promise<string | undefined>;
}

/** Everything {@link processOrder} touches outside itself. */
export interface ProcessOrderPorts {
  readonly orders: OrderStore;
  readonly deadLetters: DeadLetterForwarder;
  readonly logger: RecordLogger;
  /** The clock, so tests can pin `storedAt`. */
  readonly now: () => Date;
}

/** How one record ended; a record that throws is a batch item failure instead. */
export type ProcessOrderOutcome =
  | { readonly outcome: 'stored'; readonly orderId: string }
  | { readonly outcome: 'duplicate'; readonly orderId: string }
  | { readonly outcome: 'rejected'; readonly reason: RejectionReason; readonly errors: readonly string[] };
