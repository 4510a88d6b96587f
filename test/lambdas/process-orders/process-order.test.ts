import { ProvisionedThroughputExceededException } from '@aws-sdk/client-dynamodb';
import { DeadLetterForwardError } from '../../../lambdas/process-orders/errors';
import { processOrder } from '../../../lambdas/process-orders/process-order';
import type { ProcessOrderPorts } from '../../../lambdas/process-orders/types';
import { RecordingLogger } from '../support/recording-logger';
import { jsonRecordFactory, ORDERS_QUEUE_ARN, sqsRecordFactory } from '../support/sqs-record-factory';
import { InMemoryOrderStore, RecordingForwarder } from './fakes';

const NOW = new Date('2026-11-25T19:40:00.000Z');
const ORDER = { orderId: 'o-1', customerName: 'User0', customerAddress: '1 Main Street', items: [] };

function portsFactory() {
  const orders = new InMemoryOrderStore();
  const deadLetters = new RecordingForwarder();
  const logger = new RecordingLogger();
  const ports: ProcessOrderPorts = { orders, deadLetters, logger, now: () => NOW };
  return { orders, deadLetters, logger, ports };
}

describe('processOrder', () => {
  it('stores a valid order with its content hash, message id and time', async () => {
    const { orders, deadLetters, ports } = portsFactory();
    const record = jsonRecordFactory(ORDER, { messageId: 'm-1' });

    const outcome = await processOrder(record, ports);

    expect(outcome).toStrictEqual({ outcome: 'stored', orderId: 'o-1' });
    expect([...orders.items.values()]).toStrictEqual([
      {
        ...ORDER,
        contentHash: expect.stringMatching(/^[0-9a-f]{64}$/),
        messageId: 'm-1',
        storedAt: '2026-11-25T19:40:00.000Z',
      },
    ]);
    expect(deadLetters.forwarded).toStrictEqual([]);
  });

  it('forwards a body that is not JSON as INVALID_ORDER, body untouched, and succeeds', async () => {
    const { orders, deadLetters, ports } = portsFactory();
    const record = sqsRecordFactory({ messageId: 'm-2', body: 'Hello world.' });

    const outcome = await processOrder(record, ports);

    const errors = [`body is not JSON: Unexpected token 'H', "Hello world." is not valid JSON`];
    expect(outcome).toStrictEqual({ outcome: 'rejected', reason: 'INVALID_ORDER', errors });
    expect(deadLetters.forwarded).toStrictEqual([
      {
        body: 'Hello world.',
        reason: 'INVALID_ORDER',
        errors,
        sourceMessageId: 'm-2',
        sourceQueueArn: ORDERS_QUEUE_ARN,
      },
    ]);
    expect(orders.items.size).toBe(0);
  });

  it('forwards an invalid order with every validation error', async () => {
    const { deadLetters, ports } = portsFactory();
    const record = jsonRecordFactory({ orderId: 'o-x', customerName: 'UserX', items: [''] });

    await processOrder(record, ports);

    expect(deadLetters.forwarded.map(({ reason, errors }) => ({ reason, errors }))).toStrictEqual([
      {
        reason: 'INVALID_ORDER',
        errors: ['customerAddress: is required', 'items[0]: must NOT have fewer than 1 characters'],
      },
    ]);
  });

  it('treats a second delivery of the same order as success and stores it once', async () => {
    const { orders, deadLetters, logger, ports } = portsFactory();
    const first = jsonRecordFactory(ORDER, { messageId: 'm-1' });
    // Same content, keys in another order: the canonical hash must still match.
    const again = sqsRecordFactory({
      messageId: 'm-1',
      body: JSON.stringify({
        items: [],
        customerAddress: '1 Main Street',
        customerName: 'User0',
        orderId: 'o-1',
      }),
    });

    await processOrder(first, ports);
    const outcome = await processOrder(again, ports);

    expect(outcome).toStrictEqual({ outcome: 'duplicate', orderId: 'o-1' });
    expect(orders.items.size).toBe(1);
    expect(orders.items.get('o-1')?.messageId).toBe('m-1');
    expect(deadLetters.forwarded).toStrictEqual([]);
    expect(logger.lines.at(-1)).toStrictEqual({
      level: 'info',
      message: 'duplicate delivery: order already stored with the same content',
      attributes: { messageId: 'm-1', orderId: 'o-1' },
    });
  });

  it('forwards an order whose id is already stored with other content as CONFLICTING_DUPLICATE', async () => {
    const { orders, deadLetters, ports } = portsFactory();
    await processOrder(jsonRecordFactory(ORDER), ports);
    const conflicting = jsonRecordFactory(
      { ...ORDER, customerAddress: '2 Main Street' },
      { messageId: 'm-9' },
    );

    const outcome = await processOrder(conflicting, ports);

    expect(outcome).toStrictEqual({
      outcome: 'rejected',
      reason: 'CONFLICTING_DUPLICATE',
      errors: ['orderId: o-1 is already stored with different content'],
    });
    expect(
      deadLetters.forwarded.map(({ reason, sourceMessageId }) => ({ reason, sourceMessageId })),
    ).toStrictEqual([{ reason: 'CONFLICTING_DUPLICATE', sourceMessageId: 'm-9' }]);
    expect(orders.items.get('o-1')?.customerAddress).toBe('1 Main Street');
  });

  it('throws a transient table error so that only this record is retried', async () => {
    const { orders, deadLetters, logger, ports } = portsFactory();
    const throttled = new ProvisionedThroughputExceededException({ message: 'slow down', $metadata: {} });
    orders.failures.push(throttled);

    await expect(processOrder(jsonRecordFactory(ORDER, { messageId: 'm-1' }), ports)).rejects.toBe(throttled);
    expect(deadLetters.forwarded).toStrictEqual([]);
    expect(logger.lines).toStrictEqual([
      {
        level: 'warn',
        message: 'order not stored; SQS will deliver the message again',
        attributes: { messageId: 'm-1', orderId: 'o-1', error: throttled },
      },
    ]);
  });

  it('throws DeadLetterForwardError when the forward fails, so the message comes back', async () => {
    const { deadLetters, ports } = portsFactory();
    deadLetters.failure = new Error('network down');

    await expect(processOrder(sqsRecordFactory({ messageId: 'm-3', body: 'nope' }), ports)).rejects.toThrow(
      DeadLetterForwardError,
    );
  });

  it('names the message and, when the body has one, the order on every log line', async () => {
    const { logger, ports } = portsFactory();

    await processOrder(jsonRecordFactory(ORDER, { messageId: 'm-1' }), ports);
    await processOrder(jsonRecordFactory({ orderId: 'o-2' }, { messageId: 'm-2' }), ports);
    await processOrder(sqsRecordFactory({ messageId: 'm-3', body: '[1' }), ports);

    expect(
      logger.lines.map(({ attributes: { messageId, orderId } }) => ({ messageId, orderId })),
    ).toStrictEqual([
      { messageId: 'm-1', orderId: 'o-1' },
      { messageId: 'm-2', orderId: 'o-2' },
      { messageId: 'm-3', orderId: undefined },
    ]);
  });
  it('logs an overlong order id cut short, so a 300,000-character id makes no 300 KB log line', async () => {
    const { deadLetters, logger, ports } = portsFactory();
    const orderId = 'x'.repeat(300_000);

    await processOrder(jsonRecordFactory({ ...ORDER, orderId }, { messageId: 'm-4' }), ports);

    expect(logger.lines.map(({ attributes }) => attributes.orderId)).toStrictEqual([`${'x'.repeat(128)}…`]);
    expect(deadLetters.forwarded.map(({ errors }) => errors)).toStrictEqual([
      ['orderId: must be at most 128 characters (given 300000)'],
    ]);
  });

  it('forwards an order that gives a field twice, whichever value a reader would keep', async () => {
    const { orders, deadLetters, ports } = portsFactory();
    const body = JSON.stringify(ORDER).replace('}', ',"orderId":"o-2"}');

    const outcome = await processOrder(sqsRecordFactory({ body }), ports);

    expect(outcome).toStrictEqual({
      outcome: 'rejected',
      reason: 'INVALID_ORDER',
      errors: ['orderId: is given more than once (JSON readers disagree on which value counts)'],
    });
    expect(deadLetters.forwarded.map((rejection) => rejection.body)).toStrictEqual([body]);
    expect(orders.items.size).toBe(0);
  });
});
