/** An order that did not reach the orders queue, and why. */
export interface FailedOrder {
  /** The order's `orderId`, or `#<index>` (its position in the request) when it has no string id. */
  readonly id: string;
  /** A sentence a person can act on, e.g. `InvalidParameterValue: ... (not retried)`. */
  readonly reason: string;
}

/**
 * What GenerateOrders did with the orders it was given.
 *
 * Nothing is dropped silently: `queued + failed.length` always equals the number of orders.
 */
export interface SendSummary {
  /** How many orders SQS accepted. */
  readonly queued: number;
  /** Every order SQS did not accept, with the reason. */
  readonly failed: FailedOrder[];
}
