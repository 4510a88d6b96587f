import { type DynamoDbItems, isConditionalCheckFailure } from '../../shared/dynamodb-items';
import { REJECTED_ORDERS_TABLE_KEY } from '../../shared/order-records';
import type { RejectedOrderStore } from './types';

/**
 * The rejected-orders table: `PutItem` conditional on the original `messageId` being new, so a
 * message the dead-letter queue delivers twice is recorded once.
 */
export function createDynamoDbRejectedOrderStore(
  client: DynamoDbItems,
  tableName: string,
): RejectedOrderStore {
  return {
    async putIfAbsent(record) {
      try {
        await client.PutItem({
          TableName: tableName,
          Item: record,
          ConditionExpression: `attribute_not_exists(${REJECTED_ORDERS_TABLE_KEY})`,
        });
        return 'recorded';
      } catch (error) {
        if (isConditionalCheckFailure(error)) return 'already-recorded';
        throw error;
      }
    },
  };
}
