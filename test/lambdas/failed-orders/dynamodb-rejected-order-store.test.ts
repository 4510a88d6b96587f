import { createDynamoDbRejectedOrderStore } from '../../../lambdas/failed-orders/dynamodb-rejected-order-store';
import type { RejectedOrderRecord } from '../../../shared/order-records';
import { withLocalDynamoDbItems } from '../../support/local-dynamodb-items';
import { dynamoDbError, FakeTable } from '../support/fake-table';

function rejectedOrderRecordFactory(overrides: Partial<RejectedOrderRecord> = {}): RejectedOrderRecord {
  return {
    messageId: 'm-1',
    orderId: 'o-1',
    reason: 'INVALID_ORDER',
    errors: ['customerAddress: is required'],
    approximateReceiveCount: 1,
    deadLetterMessageId: 'dead-letter-message',
    deadLetterQueueArn: 'arn:aws:sqs:eu-west-1:123456789012:DeadLetterQueue',
    recordedAt: '2026-11-25T19:40:00.000Z',
    body: '{"orderId":"o-1"}',
    bodyEncoding: 'utf8',
    bodyBytes: 17,
    ...overrides,
  };
}

describe('createDynamoDbRejectedOrderStore', () => {
  let table: FakeTable;
  let store: ReturnType<typeof createDynamoDbRejectedOrderStore>;

  beforeEach(() => {
    table = new FakeTable({ tableName: 'RejectedOrders', key: 'messageId' });
    store = createDynamoDbRejectedOrderStore(table, 'RejectedOrders');
  });

  it('puts the record only if its messageId is new', async () => {
    const record = rejectedOrderRecordFactory();

    await expect(store.putIfAbsent(record)).resolves.toBe('recorded');
    expect(table.puts).toStrictEqual([
      { TableName: 'RejectedOrders', Item: record, ConditionExpression: 'attribute_not_exists(messageId)' },
    ]);
  });

  it('answers a messageId already recorded as already-recorded', async () => {
    await store.putIfAbsent(rejectedOrderRecordFactory());

    await expect(
      store.putIfAbsent(rejectedOrderRecordFactory({ reason: 'RETRIES_EXHAUSTED' })),
    ).resolves.toBe('already-recorded');
    expect(table.items.get('m-1')?.reason).toBe('INVALID_ORDER');
  });

  it('rethrows every other error, so the message stays in the dead-letter queue', async () => {
    const throttled = dynamoDbError('ProvisionedThroughputExceededException', 'slow down');
    table.failures.set('m-1', throttled);

    await expect(store.putIfAbsent(rejectedOrderRecordFactory())).rejects.toBe(throttled);
  });
});

describe('createDynamoDbRejectedOrderStore on aws-lite and dynalite', () => {
  const dynalite = withLocalDynamoDbItems([{ tableName: 'RejectedOrders', key: 'messageId' }]);

  it('records a message once, then answers already-recorded, with the options FailedOrders uses', async () => {
    const items = dynalite().connect({ marshallOptions: { removeUndefinedValues: true } });
    const store = createDynamoDbRejectedOrderStore(items, 'RejectedOrders');
    const record = rejectedOrderRecordFactory({ orderId: undefined });

    await expect(store.putIfAbsent(record)).resolves.toBe('recorded');
    await expect(store.putIfAbsent(record)).resolves.toBe('already-recorded');
    const { orderId: _undefined, ...stored } = record;
    await expect(
      items.GetItem({ TableName: 'RejectedOrders', Key: { messageId: 'm-1' } }),
    ).resolves.toStrictEqual({
      Item: stored,
    });
  });
});
