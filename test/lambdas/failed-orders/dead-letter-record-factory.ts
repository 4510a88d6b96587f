import type { SQSRecord } from 'aws-lambda';
import { rejectionMessageAttributes } from '../../../lambdas/process-orders/rejection-attributes';
import type { Rejection } from '../../../lambdas/process-orders/types';
import {
  DEAD_LETTER_QUEUE_ARN,
  ORDERS_QUEUE_ARN,
  type SqsRecordOverrides,
  sqsRecordFactory,
} from '../support/sqs-record-factory';

/**
 * A message ProcessOrders forwarded, as FailedOrders receives it: the attributes are made by
 * ProcessOrders' own code, so these tests also hold the two functions to one contract.
 */
export function forwardedRecordFactory(
  rejection: Partial<Rejection> = {},
  overrides: SqsRecordOverrides = {},
): SQSRecord {
  const complete: Rejection = {
    body: 'Hello world.',
    reason: 'INVALID_ORDER',
    errors: ['body is not JSON'],
    sourceMessageId: 'original-message',
    sourceQueueArn: ORDERS_QUEUE_ARN,
    ...rejection,
  };
  const messageAttributes = Object.fromEntries(
    Object.entries(rejectionMessageAttributes(complete)).map(([name, { DataType, StringValue }]) => [
      name,
      {
        dataType: DataType ?? 'String',
        stringValue: StringValue,
        stringListValues: [],
        binaryListValues: [],
      },
    ]),
  );
  return sqsRecordFactory({
    messageId: 'dead-letter-message',
    body: complete.body,
    messageAttributes,
    eventSourceARN: DEAD_LETTER_QUEUE_ARN,
    ...overrides,
  });
}

/** The valid order in the body of {@link redrivenRecordFactory}'s record. */
export const REDRIVEN_ORDER = {
  orderId: 'o-7',
  customerName: 'User7',
  customerAddress: '1 Main Street',
  items: [],
} as const;

/**
 * A message SQS moved to the dead-letter queue after maxReceiveCount (5) failed receives, as it
 * reaches FailedOrders on its first receive there: same message id, count 6, source queue named.
 */
export function redrivenRecordFactory(overrides: SqsRecordOverrides = {}): SQSRecord {
  const { attributes, ...rest } = overrides;
  return sqsRecordFactory({
    messageId: 'redriven-message',
    body: JSON.stringify(REDRIVEN_ORDER),
    attributes: {
      ApproximateReceiveCount: '6',
      SentTimestamp: '1698398898745',
      SenderId: 'AIDAXQYPYZSEFH75QIS7P',
      ApproximateFirstReceiveTimestamp: '1698398898750',
      DeadLetterQueueSourceArn: ORDERS_QUEUE_ARN,
      ...attributes,
    },
    eventSourceARN: DEAD_LETTER_QUEUE_ARN,
    ...rest,
  });
}

/**
 * What FailedOrders reads from the system attributes and event source of every record these
 * factories make (a redriven record adds `approximateReceiveCount` 6 and the source queue).
 */
export const DEAD_LETTER_METADATA = {
  deadLetterQueueArn: DEAD_LETTER_QUEUE_ARN,
  sentTimestamp: 1698398898745,
  approximateFirstReceiveTimestamp: 1698398898750,
} as const;

/** What FailedOrders should make of `redrivenRecordFactory()`: the expectation both levels of tests share. */
export const REDRIVEN_DESCRIPTION = {
  messageId: 'redriven-message',
  orderId: 'o-7',
  reason: 'RETRIES_EXHAUSTED',
  errors: [
    "processing failed on every receive until the source queue's maxReceiveCount was exceeded " +
      '(ApproximateReceiveCount 6, which SQS keeps counting on the dead-letter queue)',
  ],
  approximateReceiveCount: 6,
  sourceQueueArn: ORDERS_QUEUE_ARN,
  deadLetterMessageId: 'redriven-message',
  ...DEAD_LETTER_METADATA,
};
