import { DynamoDBClient, ProvisionedThroughputExceededException } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-jest';
import { readStoredContentHash } from '../../shared/stored-content-hash';

const documents = DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'eu-west-1' }));
const dynamo = mockClient(documents);

beforeEach(() => dynamo.reset());

describe('readStoredContentHash', () => {
  it('reads only the contentHash of the orderId, strongly consistent', async () => {
    dynamo.on(GetCommand).resolves({ Item: { contentHash: 'hash-1' } });

    await expect(readStoredContentHash(documents, 'Orders', 'o-1')).resolves.toBe('hash-1');
    expect(dynamo).toHaveReceivedCommandWith(GetCommand, {
      TableName: 'Orders',
      Key: { orderId: 'o-1' },
      ConsistentRead: true,
      ProjectionExpression: 'contentHash',
    });
  });

  it.each([
    ['no item is stored under the orderId', {}],
    ['the item has no string contentHash', { Item: { contentHash: 7 } }],
  ])('is undefined when %s', async (_case, output) => {
    dynamo.on(GetCommand).resolves(output);

    await expect(readStoredContentHash(documents, 'Orders', 'o-1')).resolves.toBeUndefined();
  });

  it('fails with the error of the read', async () => {
    const throttled = new ProvisionedThroughputExceededException({ message: 'slow down', $metadata: {} });
    dynamo.on(GetCommand).rejects(throttled);

    await expect(readStoredContentHash(documents, 'Orders', 'o-1')).rejects.toBe(throttled);
  });
});
