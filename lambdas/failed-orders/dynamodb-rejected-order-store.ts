import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import { REJECTED_ORDERS_TABLE_KEY } from '../../shared/order-records';
import type { RejectedOrderStore } from './types';

/**
 * The rejected-orders table: `PutItem` conditional on the original `messageId` being new, so a
 * message the dead-letter queue delivers twice is recorded once.
 */
export function createDynamoDbRejectedOrderStore(
  client: DynamoDBDocumentClient,
  tableName: string,
): RejectedOrderStore {
  return {
    async putIfAbsent(record) {
      try {
        await client.send(
          new PutCommand({
            TableName: tableName,
            Item: record,
            ConditionExpression: `attribute_not_exists(${REJECTED_ORDERS_TABLE_KEY})`,
          }),
        );
        return 'recorded';
      } catch (error) {
        if (error instanceof ConditionalCheckFailedException) return 'already-recorded';
        throw error;
      }
    },
  };
}
