import type { RedrivableRecord } from '../../bin/redrive/rejected-records';

/** A rejected-order record as FailedOrders writes it, with overrides. */
export function rejectedRecord(overrides: Partial<RedrivableRecord> = {}): RedrivableRecord {
  const messageId = overrides.messageId ?? 'message-1';
  return {
    messageId,
    orderId: 'order-1',
    reason: 'RETRIES_EXHAUSTED',
    errors: ['processing failed on every receive'],
    deadLetterMessageId: messageId,
    deadLetterQueueArn: 'arn:aws:sqs:us-east-1:000000000000:DeadLetterQueue',
    recordedAt: '2026-11-30T06:00:00.000Z',
    body: JSON.stringify({
      orderId: 'order-1',
      customerName: 'User1',
      customerAddress: '1 Main St',
      items: ['a'],
    }),
    bodyEncoding: 'utf8',
    bodyBytes: 80,
    ...overrides,
  };
}
