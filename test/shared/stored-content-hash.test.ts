import { readStoredContentHash } from '../../shared/stored-content-hash';
import { dynamoDbError, FakeTable } from '../lambdas/support/fake-table';
import { withLocalDynamoDbItems } from '../support/local-dynamodb-items';

describe('readStoredContentHash', () => {
  let table: FakeTable;

  beforeEach(() => {
    table = new FakeTable({ tableName: 'Orders', key: 'orderId' });
  });

  it('reads only the contentHash of the orderId, strongly consistent', async () => {
    table.items.set('o-1', { orderId: 'o-1', customerName: 'User0', contentHash: 'hash-1' });

    await expect(readStoredContentHash(table, 'Orders', 'o-1')).resolves.toBe('hash-1');
    expect(table.gets).toStrictEqual([
      {
        TableName: 'Orders',
        Key: { orderId: 'o-1' },
        ConsistentRead: true,
        ProjectionExpression: 'contentHash',
      },
    ]);
  });

  it.each([
    ['no item is stored under the orderId', undefined],
    ['the item has no string contentHash', { orderId: 'o-1', contentHash: 7 }],
  ])('is undefined when %s', async (_case, stored) => {
    if (stored !== undefined) table.items.set('o-1', stored);

    await expect(readStoredContentHash(table, 'Orders', 'o-1')).resolves.toBeUndefined();
  });

  it('fails with the error of the read', async () => {
    const throttled = dynamoDbError('ProvisionedThroughputExceededException', 'slow down');
    table.failures.set('o-1', throttled);

    await expect(readStoredContentHash(table, 'Orders', 'o-1')).rejects.toBe(throttled);
  });
});

describe('readStoredContentHash on aws-lite and dynalite', () => {
  const dynalite = withLocalDynamoDbItems([{ tableName: 'Orders', key: 'orderId' }]);

  it('reads the contentHash of a stored order', async () => {
    const items = dynalite().connect();
    await items.PutItem({
      TableName: 'Orders',
      Item: { orderId: 'o-1', customerName: 'User0', contentHash: 'hash-1' },
    });

    await expect(readStoredContentHash(items, 'Orders', 'o-1')).resolves.toBe('hash-1');
  });

  it('is undefined when no order is stored under the orderId', async () => {
    await expect(readStoredContentHash(dynalite().connect(), 'Orders', 'absent')).resolves.toBeUndefined();
  });

  it('rejects with ResourceNotFoundException when the table does not exist', async () => {
    await expect(readStoredContentHash(dynalite().connect(), 'NoSuchTable', 'o-1')).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
    });
  });
});
