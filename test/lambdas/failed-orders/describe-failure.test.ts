import { describeFailure } from '../../../lambdas/failed-orders/describe-failure';
import { ORDERS_QUEUE_ARN } from '../support/sqs-record-factory';
import {
  DEAD_LETTER_METADATA,
  forwardedRecordFactory,
  REDRIVEN_DESCRIPTION,
  redrivenRecordFactory,
} from './dead-letter-record-factory';

describe('describeFailure', () => {
  it('takes reason, errors, original message id and source queue from a forwarded message', () => {
    const record = forwardedRecordFactory({
      body: JSON.stringify({ orderId: 'o-x', customerName: 'UserX', items: [] }),
      errors: ['customerAddress: is required'],
      sourceMessageId: 'm-6',
    });

    expect(describeFailure(record)).toStrictEqual({
      messageId: 'm-6',
      orderId: 'o-x',
      reason: 'INVALID_ORDER',
      errors: ['customerAddress: is required'],
      approximateReceiveCount: 1,
      sourceQueueArn: ORDERS_QUEUE_ARN,
      deadLetterMessageId: 'dead-letter-message',
      ...DEAD_LETTER_METADATA,
    });
  });

  it('cuts an overlong orderId short, so a record of a 400,000-character id still fits a DynamoDB item', () => {
    const record = forwardedRecordFactory({
      body: JSON.stringify({ orderId: 'x'.repeat(400_000), customerName: 'UserX', items: [] }),
      errors: ['orderId: must be at most 128 characters (given 400000)'],
      sourceMessageId: 'm-7',
    });

    expect(describeFailure(record).orderId).toBe(`${'x'.repeat(128)}…`);
  });

  it('describes a message SQS redrove as RETRIES_EXHAUSTED with its raw receive count and its own id', () => {
    expect(describeFailure(redrivenRecordFactory())).toStrictEqual(REDRIVEN_DESCRIPTION);
  });

  it('leaves out what SQS did not say: no source queue, no order id in a body that is not JSON', () => {
    const record = redrivenRecordFactory({
      body: 'Hello world.',
      attributes: { DeadLetterQueueSourceArn: undefined },
    });

    const description = describeFailure(record);

    expect(Object.keys(description)).not.toContain('sourceQueueArn');
    expect(Object.keys(description)).not.toContain('orderId');
  });

  it('keeps an errors attribute that is not a JSON array of strings whole, as one error', () => {
    const record = forwardedRecordFactory();
    record.messageAttributes.RejectionErrors.stringValue = 'customerAddress missing';

    expect(describeFailure(record).errors).toStrictEqual(['customerAddress missing']);
  });
});
