import { type DynamoDbItems, isConditionalCheckFailure } from '../../shared/dynamodb-items';
import { ORDERS_TABLE_KEY } from '../../shared/order-records';
import { readStoredContentHash } from '../../shared/stored-content-hash';
import type { OrderStore } from './types';

/**
 * The orders table: `PutItem` conditional on the `orderId` being new. On a conflict DynamoDB hands
 * back the existing item (`ALL_OLD`), so telling a duplicate delivery from a conflicting order
 * costs no second read on AWS.
 */
export function createDynamoDbOrderStore(client: DynamoDbItems, tableName: string): OrderStore {
  /**
   * Emulators that predate `ReturnValuesOnConditionCheckFailure` (dynalite, architect/dynalite#182)
   * fail the condition without the item; read it instead of calling every duplicate a conflict.
   */
  const readContentHash = (orderId: string) => readStoredContentHash(client, tableName, orderId);

  return {
    async putIfAbsent(order) {
      try {
        await client.PutItem({
          TableName: tableName,
          Item: order,
          ConditionExpression: `attribute_not_exists(${ORDERS_TABLE_KEY})`,
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        });
        return { outcome: 'stored' };
      } catch (error) {
        if (!isConditionalCheckFailure(error)) throw error;
        const existingContentHash = error.Item
          ? contentHashIn(error.Item)
          : await readContentHash(order.orderId);
        return { outcome: 'already-stored', existingContentHash };
      }
    },
  };
}

/**
 * DynamoDB's error body carries the item marshalled, and the client hands it on as it came; the plain
 * form is accepted too, so a client that starts unmarshalling it cannot turn duplicates into conflicts.
 */
function contentHashIn(item: Record<string, unknown>): string | undefined {
  const value: unknown = item.contentHash;
  if (typeof value === 'string') return value;
  const marshalled = value as { S?: unknown } | undefined;
  return typeof marshalled?.S === 'string' ? marshalled.S : undefined;
}
