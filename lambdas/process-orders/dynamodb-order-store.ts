import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { OrderStore } from './types';

/**
 * The orders table: `PutItem` conditional on the `orderId` being new. On a conflict DynamoDB hands
 * back the existing item (`ALL_OLD`), so telling a duplicate delivery from a conflicting order
 * costs no second read.
 */
export function createDynamoDbOrderStore(client: DynamoDBDocumentClient, tableName: string): OrderStore {
  return {
    async putIfAbsent(order) {
      try {
        await client.send(
          new PutCommand({
            TableName: tableName,
            Item: order,
            ConditionExpression: 'attribute_not_exists(orderId)',
            ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
          }),
        );
        return { outcome: 'stored' };
      } catch (error) {
        if (!(error instanceof ConditionalCheckFailedException)) throw error;
        // The document client does not unmarshall items carried by errors: this one is raw.
        return { outcome: 'already-stored', existingContentHash: error.Item?.contentHash?.S };
      }
    },
  };
}
