import { type AttributeValue, ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import { ORDERS_TABLE_KEY } from '../../shared/order-records';
import { readStoredContentHash } from '../../shared/stored-content-hash';
import type { OrderStore } from './types';

/**
 * The orders table: `PutItem` conditional on the `orderId` being new. On a conflict DynamoDB hands
 * back the existing item (`ALL_OLD`), so telling a duplicate delivery from a conflicting order
 * costs no second read on AWS.
 */
export function createDynamoDbOrderStore(client: DynamoDBDocumentClient, tableName: string): OrderStore {
  /**
   * Emulators that predate `ReturnValuesOnConditionCheckFailure` (dynalite, architect/dynalite#182)
   * fail the condition without the item; read it instead of calling every duplicate a conflict.
   */
  const readContentHash = (orderId: string) => readStoredContentHash(client, tableName, orderId);

  return {
    async putIfAbsent(order) {
      try {
        await client.send(
          new PutCommand({
            TableName: tableName,
            Item: order,
            ConditionExpression: `attribute_not_exists(${ORDERS_TABLE_KEY})`,
            ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
          }),
        );
        return { outcome: 'stored' };
      } catch (error) {
        if (!(error instanceof ConditionalCheckFailedException)) throw error;
        const existingContentHash = error.Item
          ? contentHashIn(error.Item)
          : await readContentHash(order.orderId);
        return { outcome: 'already-stored', existingContentHash };
      }
    },
  };
}

/**
 * The document client leaves the item on the error marshalled (aws/aws-sdk-js-v3#6723); the plain
 * form is accepted too, so an SDK that starts unmarshalling it cannot turn duplicates into conflicts.
 */
function contentHashIn(item: Record<string, AttributeValue>): string | undefined {
  const value: unknown = item.contentHash;
  if (typeof value === 'string') return value;
  const marshalled = value as { S?: unknown } | undefined;
  return typeof marshalled?.S === 'string' ? marshalled.S : undefined;
}
