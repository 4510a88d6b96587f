/**
 * How a rejected order travels from ProcessOrders to FailedOrders.
 *
 * ProcessOrders forwards a permanently unprocessable message (not JSON, not an order, or an order
 * id already stored with other content) to the dead-letter queue at once, body untouched, with
 * these message attributes. A message that SQS itself dead-letters after maxReceiveCount failed
 * receives carries none of them; FailedOrders records it as `RETRIES_EXHAUSTED`.
 */
export const REJECTION_ATTRIBUTES = {
  /** A {@link RejectionReason}. */
  reason: 'RejectionReason',
  /** JSON array of readable error sentences, e.g. `["customerAddress: is required"]`. */
  errors: 'RejectionErrors',
  /** Id of the message on the orders queue, so a record can be traced to the original send. */
  sourceMessageId: 'SourceMessageId',
  /** ARN of the queue the message was rejected from. */
  sourceQueueArn: 'SourceQueueArn',
} as const;

/** Why an order did not reach the orders table. */
export type RejectionReason =
  /** The body is not JSON, or not an `Order` (the errors list every schema violation). */
  | 'INVALID_ORDER'
  /** The order id is already stored with different content. */
  | 'CONFLICTING_DUPLICATE'
  /** Processing failed on every one of the queue's maxReceiveCount receives. */
  | 'RETRIES_EXHAUSTED';

export const REJECTION_REASONS: readonly RejectionReason[] = [
  'INVALID_ORDER',
  'CONFLICTING_DUPLICATE',
  'RETRIES_EXHAUSTED',
];
