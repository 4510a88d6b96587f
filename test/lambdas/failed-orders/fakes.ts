import type {
  FailureMetrics,
  RecordOutcome,
  RejectedOrderStore,
  StoredOrderLookup,
} from '../../../lambdas/failed-orders/types';
import type { RejectedOrderRecord } from '../../../shared/order-records';

/** The rejected-orders table in memory, with the same put-if-absent semantics as the conditional PutItem. */
export class InMemoryRejectedOrderStore implements RejectedOrderStore {
  readonly items = new Map<string, RejectedOrderRecord>();
  failure: unknown;

  async putIfAbsent(record: RejectedOrderRecord): Promise<RecordOutcome> {
    if (this.failure !== undefined) throw this.failure;
    if (this.items.has(record.messageId)) return 'already-recorded';
    this.items.set(record.messageId, record);
    return 'recorded';
  }
}

/** Metrics that only count. */
export class CountingMetrics implements FailureMetrics {
  deadLetteredOrders = 0;
  countDeadLetteredOrder(): void {
    this.deadLetteredOrders += 1;
  }
}

/** The orders table in memory, read-only: content hashes by `orderId`, and the ids it was asked for. */
export class InMemoryStoredOrders implements StoredOrderLookup {
  readonly contentHashes = new Map<string, string>();
  readonly reads: string[] = [];
  failure: unknown;

  async storedContentHash(orderId: string): Promise<string | undefined> {
    this.reads.push(orderId);
    if (this.failure !== undefined) throw this.failure;
    return this.contentHashes.get(orderId);
  }
}
