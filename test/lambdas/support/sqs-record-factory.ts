import { randomUUID } from 'node:crypto';
import type { Context, SQSEvent, SQSRecord, SQSRecordAttributes } from 'aws-lambda';
import type { Rejection } from '../../../lambdas/process-orders/types';

export const ORDERS_QUEUE_ARN = 'arn:aws:sqs:eu-west-1:123456789012:OrdersQueue';
export const DEAD_LETTER_QUEUE_ARN = 'arn:aws:sqs:eu-west-1:123456789012:DeadLetterQueue';

/** What a test may override in a record; system attributes one by one. */
export type SqsRecordOverrides = Omit<Partial<SQSRecord>, 'attributes'> & {
  attributes?: Partial<SQSRecordAttributes>;
};

/**
 * An SQS record as Lambda delivers it, shaped like the recorded events in test/fixtures; override
 * what a test needs.
 */
export function sqsRecordFactory(overrides: SqsRecordOverrides = {}): SQSRecord {
  const { attributes, ...rest } = overrides;
  return {
    messageId: randomUUID(),
    receiptHandle: `AQEB${randomUUID()}`,
    body: '{}',
    attributes: {
      ApproximateReceiveCount: '1',
      SentTimestamp: '1698398898745',
      SenderId: 'AIDAXQYPYZSEFH75QIS7P',
      ApproximateFirstReceiveTimestamp: '1698398898750',
      ...attributes,
    },
    messageAttributes: {},
    md5OfBody: '99914b932bd37a50b983c5e7c90ae93b',
    eventSource: 'aws:sqs',
    eventSourceARN: ORDERS_QUEUE_ARN,
    awsRegion: 'eu-west-1',
    ...rest,
  };
}

/** An event carrying the given records. */
export function sqsEventFactory(records: SQSRecord[]): SQSEvent {
  return { Records: records };
}

/** A record whose body is `value` as JSON. */
export function jsonRecordFactory(value: unknown, overrides: SqsRecordOverrides = {}): SQSRecord {
  return sqsRecordFactory({ body: JSON.stringify(value), ...overrides });
}

/** Enough of a Lambda context for handlers that only pass it on. */
export function contextFactory(): Context {
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName: 'test-function',
    functionVersion: '$LATEST',
    invokedFunctionArn: 'arn:aws:lambda:eu-west-1:123456789012:function:test-function',
    memoryLimitInMB: '256',
    awsRequestId: randomUUID(),
    logGroupName: '/aws/lambda/test-function',
    logStreamName: '2026/11/25/[$LATEST]test',
    getRemainingTimeInMillis: () => 10_000,
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}

/**
 * GenerateOrders' demo batch: User0…User9 at "1 Main Street" with no items, and UserX, without an
 * address, inserted at position 6; each with an orderId, as GenerateOrders assigns one.
 */
export function demoOrders(): Record<string, unknown>[] {
  const orders: Record<string, unknown>[] = Array.from({ length: 10 }, (_, index) => ({
    orderId: `demo-${index}`,
    customerName: `User${index}`,
    customerAddress: '1 Main Street',
    items: [],
  }));
  orders.splice(6, 0, { orderId: 'demo-X', customerName: 'UserX', items: [] });
  return orders;
}

/** A rejection on its way to the dead-letter queue, of a plain-text body; override what a test needs. */
export function rejectionFactory(overrides: Partial<Rejection> = {}): Rejection {
  return {
    body: 'Hello world.',
    reason: 'INVALID_ORDER',
    errors: ['customerAddress: is required'],
    sourceMessageId: 'm-1',
    sourceQueueArn: ORDERS_QUEUE_ARN,
    ...overrides,
  };
}
