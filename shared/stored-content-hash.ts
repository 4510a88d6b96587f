import type { DynamoDbItems } from './dynamodb-items';
import { ORDERS_TABLE_KEY, type StoredOrder } from './order-records';

const CONTENT_HASH = 'contentHash' satisfies keyof StoredOrder;

/**
 * The `contentHash` of the order stored under `orderId` in the orders table, or `undefined` when
 * none is stored: one strongly consistent `GetItem` that reads that attribute only, so it needs
 * nothing but `dynamodb:GetItem` on the table. ProcessOrders reads it to tell a duplicate delivery
 * from a conflict, FailedOrders to tell a dead-lettered order that was stored after all.
 *
 * @throws whatever the client throws (throttling, a missing permission, a network error).
 */
export async function readStoredContentHash(
  client: DynamoDbItems,
  tableName: string,
  orderId: string,
): Promise<string | undefined> {
  const { Item } = await client.GetItem({
    TableName: tableName,
    Key: { [ORDERS_TABLE_KEY]: orderId },
    ConsistentRead: true,
    ProjectionExpression: CONTENT_HASH,
  });
  const hash: unknown = Item?.[CONTENT_HASH];
  return typeof hash === 'string' ? hash : undefined;
}
