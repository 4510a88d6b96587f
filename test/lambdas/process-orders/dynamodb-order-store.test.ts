import { createDynamoDbOrderStore } from '../../../lambdas/process-orders/dynamodb-order-store';
import type { StoredOrder } from '../../../shared/order-records';
import { withLocalDynamoDbItems } from '../../support/local-dynamodb-items';
import { dynamoDbError, FakeTable } from '../support/fake-table';

const ORDER: StoredOrder = {
  orderId: 'o-1',
  customerName: 'User0',
  customerAddress: '1 Main Street',
  items: [],
  contentHash: 'hash-1',
  messageId: 'm-1',
  storedAt: '2026-11-25T19:40:00.000Z',
};

function conditionFailed(extra: Record<string, unknown> = {}): Error {
  return dynamoDbError('ConditionalCheckFailedException', 'The conditional request failed', extra);
}

describe('createDynamoDbOrderStore', () => {
  let table: FakeTable;
  let store: ReturnType<typeof createDynamoDbOrderStore>;

  beforeEach(() => {
    table = new FakeTable({ tableName: 'Orders', key: 'orderId' });
    store = createDynamoDbOrderStore(table, 'Orders');
  });

  it('puts the order only if its orderId is new, asking for the existing item on a conflict', async () => {
    await expect(store.putIfAbsent(ORDER)).resolves.toStrictEqual({ outcome: 'stored' });
    expect(table.puts).toStrictEqual([
      {
        TableName: 'Orders',
        Item: ORDER,
        ConditionExpression: 'attribute_not_exists(orderId)',
        ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
      },
    ]);
    expect(table.items.get('o-1')).toStrictEqual(ORDER);
  });

  it('reads the existing hash from the marshalled item DynamoDB returns with the failed condition', async () => {
    table.items.set('o-1', { ...ORDER, contentHash: 'hash-0' });

    await expect(store.putIfAbsent(ORDER)).resolves.toStrictEqual({
      outcome: 'already-stored',
      existingContentHash: 'hash-0',
    });
    expect(table.gets).toHaveLength(0);
  });

  it('also reads it from an item that is already unmarshalled', async () => {
    table.failures.set('o-1', conditionFailed({ Item: { contentHash: 'hash-0' } }));

    await expect(store.putIfAbsent(ORDER)).resolves.toStrictEqual({
      outcome: 'already-stored',
      existingContentHash: 'hash-0',
    });
  });

  it('reads the existing item, consistently, when the failed condition carries none (emulators)', async () => {
    table = new FakeTable({ tableName: 'Orders', key: 'orderId', returnsItemOnConditionFailure: false });
    store = createDynamoDbOrderStore(table, 'Orders');
    table.items.set('o-1', { ...ORDER });

    await expect(store.putIfAbsent(ORDER)).resolves.toStrictEqual({
      outcome: 'already-stored',
      existingContentHash: 'hash-1',
    });
    expect(table.gets).toStrictEqual([
      expect.objectContaining({ TableName: 'Orders', Key: { orderId: 'o-1' }, ConsistentRead: true }),
    ]);
  });

  it('rethrows every other error for the caller to treat as transient', async () => {
    const throttled = dynamoDbError('ProvisionedThroughputExceededException', 'slow down');
    table.failures.set('o-1', throttled);

    await expect(store.putIfAbsent(ORDER)).rejects.toBe(throttled);
  });
});

describe('createDynamoDbOrderStore on aws-lite and dynalite', () => {
  const dynalite = withLocalDynamoDbItems([{ tableName: 'Orders', key: 'orderId' }]);

  it('stores a new order as it was given', async () => {
    const items = dynalite().connect();
    const order = { ...ORDER, orderId: 'new-order', items: ['book', 'pen'] };

    await expect(createDynamoDbOrderStore(items, 'Orders').putIfAbsent(order)).resolves.toStrictEqual({
      outcome: 'stored',
    });
    await expect(
      items.GetItem({ TableName: 'Orders', Key: { orderId: 'new-order' } }),
    ).resolves.toStrictEqual({
      Item: order,
    });
  });

  it('answers the same order again as already stored with its hash, read back since dynalite returns no item', async () => {
    const items = dynalite().connect();
    const getItem = jest.spyOn(items, 'GetItem');
    const store = createDynamoDbOrderStore(items, 'Orders');
    const order = { ...ORDER, orderId: 'delivered-twice' };
    await store.putIfAbsent(order);

    await expect(store.putIfAbsent(order)).resolves.toStrictEqual({
      outcome: 'already-stored',
      existingContentHash: 'hash-1',
    });
    expect(getItem).toHaveBeenCalledTimes(1);
  });

  it("answers a different order with the same orderId with the first one's hash", async () => {
    const store = createDynamoDbOrderStore(dynalite().connect(), 'Orders');
    await store.putIfAbsent({ ...ORDER, orderId: 'conflicting' });

    await expect(
      store.putIfAbsent({ ...ORDER, orderId: 'conflicting', items: ['other'], contentHash: 'hash-2' }),
    ).resolves.toStrictEqual({ outcome: 'already-stored', existingContentHash: 'hash-1' });
  });

  it('rejects with ResourceNotFoundException when the table does not exist', async () => {
    const store = createDynamoDbOrderStore(dynalite().connect(), 'NoSuchTable');

    await expect(store.putIfAbsent(ORDER)).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
  });
});
