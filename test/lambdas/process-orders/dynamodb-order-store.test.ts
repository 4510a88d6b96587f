import {
  ConditionalCheckFailedException,
  DynamoDBClient,
  ProvisionedThroughputExceededException,
} from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-jest';
import { createDynamoDbOrderStore } from '../../../lambdas/process-orders/dynamodb-order-store';
import type { StoredOrder } from '../../../shared/order-records';

const dynamo = mockClient(DynamoDBDocumentClient);
const store = createDynamoDbOrderStore(
  DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'eu-west-1' })),
  'Orders',
);
const ORDER: StoredOrder = {
  orderId: 'o-1',
  customerName: 'User0',
  customerAddress: '1 Main Street',
  items: [],
  contentHash: 'hash-1',
  messageId: 'm-1',
  storedAt: '2026-11-25T19:40:00.000Z',
};

function conditionFailed(Item?: ConstructorParameters<typeof ConditionalCheckFailedException>[0]['Item']) {
  return new ConditionalCheckFailedException({
    message: 'The conditional request failed',
    $metadata: {},
    Item,
  });
}

beforeEach(() => {
  dynamo.reset();
});

describe('createDynamoDbOrderStore', () => {
  it('puts the order only if its orderId is new, asking for the existing item on a conflict', async () => {
    dynamo.on(PutCommand).resolves({});

    await expect(store.putIfAbsent(ORDER)).resolves.toStrictEqual({ outcome: 'stored' });
    expect(dynamo).toHaveReceivedCommandWith(PutCommand, {
      TableName: 'Orders',
      Item: ORDER,
      ConditionExpression: 'attribute_not_exists(orderId)',
      ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
    });
  });

  it('reads the existing hash from the marshalled item DynamoDB returns with the failed condition', async () => {
    dynamo.on(PutCommand).rejects(conditionFailed({ orderId: { S: 'o-1' }, contentHash: { S: 'hash-0' } }));

    await expect(store.putIfAbsent(ORDER)).resolves.toStrictEqual({
      outcome: 'already-stored',
      existingContentHash: 'hash-0',
    });
    expect(dynamo).not.toHaveReceivedCommand(GetCommand);
  });

  it('also reads it from an item that is already unmarshalled', async () => {
    dynamo.on(PutCommand).rejects(conditionFailed({ contentHash: 'hash-0' } as never));

    await expect(store.putIfAbsent(ORDER)).resolves.toStrictEqual({
      outcome: 'already-stored',
      existingContentHash: 'hash-0',
    });
  });

  it('reads the existing item, consistently, when the failed condition carries none (emulators)', async () => {
    dynamo.on(PutCommand).rejects(conditionFailed());
    dynamo.on(GetCommand).resolves({ Item: { contentHash: 'hash-1' } });

    await expect(store.putIfAbsent(ORDER)).resolves.toStrictEqual({
      outcome: 'already-stored',
      existingContentHash: 'hash-1',
    });
    expect(dynamo).toHaveReceivedCommandWith(GetCommand, {
      TableName: 'Orders',
      Key: { orderId: 'o-1' },
      ConsistentRead: true,
    });
  });

  it('rethrows every other error for the caller to treat as transient', async () => {
    const throttled = new ProvisionedThroughputExceededException({ message: 'slow down', $metadata: {} });
    dynamo.on(PutCommand).rejects(throttled);

    await expect(store.putIfAbsent(ORDER)).rejects.toBe(throttled);
  });
});
