import type { FailureMetrics, RecordOutcome, RejectedOrderStore } from '../../../lambdas/failed-orders/types';
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
