import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
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
            ConditionExpression: 'attribute_not_exists(messageId)',
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
