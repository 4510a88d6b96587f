import type { BatchSettlement } from 'local-cloud';
import { orderIdIn } from '../shared/order-records';

/**
 * Every message the orders queue's poller has handed to ProcessOrders, with the order id its body
 * names. Counting from the queue side, not from the producer's own summary, is what lets a run
 * prove that no order went missing between the two.
 */
export class OrderLedger {
  private readonly orderIdOfMessage = new Map<string, string | undefined>();
  private mapping: string | undefined;

  /** Names the event source mapping that reads the orders queue (its logical id). */
  useMapping(mappingName: string): void {
    this.mapping = mappingName;
  }

  /** The logical id of the event source mapping that reads the orders queue. */
  get mappingName(): string | undefined {
    return this.mapping;
  }

  /** Feed it every settled batch; batches of other mappings are ignored. */
  readonly record = (settlement: BatchSettlement): void => {
    if (settlement.mapping !== this.mapping) return;
    for (const { messageId, body } of settlement.records) {
      if (!this.orderIdOfMessage.has(messageId)) this.orderIdOfMessage.set(messageId, orderIdInBody(body));
    }
  };

  /** Distinct messages received from the orders queue. */
  get messagesReceived(): number {
    return this.orderIdOfMessage.size;
  }

  /** Each received message with the order id in its body, when it has one. */
  entries(): IterableIterator<[string, string | undefined]> {
    return this.orderIdOfMessage.entries();
  }
}

function orderIdInBody(body: string): string | undefined {
  try {
    return orderIdIn(JSON.parse(body));
  } catch {
    return undefined;
  }
}
