import type {
  DeadLetterForwarder,
  OrderStore,
  PutOrderResult,
  Rejection,
} from '../../../lambdas/process-orders/types';
import type { StoredOrder } from '../../../shared/order-records';

/** The orders table in memory, with the same put-if-absent semantics as the conditional PutItem. */
export class InMemoryOrderStore implements OrderStore {
  readonly items = new Map<string, StoredOrder>();
  /** Errors to throw on the next puts, in order, before touching the table. */
  readonly failures: unknown[] = [];

  async putIfAbsent(order: StoredOrder): Promise<PutOrderResult> {
    const failure = this.failures.shift();
    if (failure !== undefined) throw failure;
    const existing = this.items.get(order.orderId);
    if (existing) return { outcome: 'already-stored', existingContentHash: existing.contentHash };
    this.items.set(order.orderId, order);
    return { outcome: 'stored' };
  }
}

/** A dead-letter queue that keeps what it is sent. */
export class RecordingForwarder implements DeadLetterForwarder {
  readonly forwarded: Rejection[] = [];
  failure: unknown;

  async forward(rejection: Rejection): Promise<string> {
    if (this.failure !== undefined) throw this.failure;
    this.forwarded.push(rejection);
    return `dlq-${this.forwarded.length}`;
  }
}
