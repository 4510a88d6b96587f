import { randomUUID } from 'node:crypto';
import type { SQSEvent } from 'aws-lambda';
import { toSqsRecord } from 'local-cloud';

/**
 * A batch of `orders` as the event source mapping hands it to the function: one record per order,
 * its JSON as the body, with the system attributes SQS sets.
 */
export function sqsEventOf(orders: readonly unknown[], queueArn: string, region: string): SQSEvent {
  const now = String(Date.now());
  return {
    Records: orders.map((order) =>
      toSqsRecord(
        {
          MessageId: randomUUID(),
          ReceiptHandle: randomUUID(),
          Body: JSON.stringify(order),
          Attributes: {
            ApproximateReceiveCount: '1',
            SentTimestamp: now,
            SenderId: 'AIDACOLDSTARTBENCH',
            ApproximateFirstReceiveTimestamp: now,
          },
        },
        { queueArn, region },
      ),
    ),
  };
}

/** `count` valid orders, each with an id of its own so that every one is stored, not a duplicate. */
export function freshOrders(count: number): Record<string, unknown>[] {
  return Array.from({ length: count }, (_, index) => ({
    orderId: randomUUID(),
    customerName: `User${index}`,
    customerAddress: '1 Main Street',
    items: ['tea'],
  }));
}
