import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { REJECTED_ORDERS_TABLE_KEY } from '../../shared/order-records';
import type { RedriveMark } from './rejected-records';

/**
 * Marks one record as redriven, unless it already is: `marked`, or `already-marked` when another
 * run marked it first.
 */
export type MarkRedriven = (messageId: string, mark: RedriveMark) => Promise<'marked' | 'already-marked'>;

/**
 * Adapts a DynamoDB document client to {@link MarkRedriven}: an UpdateItem conditional on the record
 * existing and carrying no `redrivenAt` yet, so a record is marked once however many runs race.
 */
export function dynamoDbMarkRedriven(client: DynamoDBDocumentClient, tableName: string): MarkRedriven {
  return async (messageId, mark) => {
    try {
      await client.send(
        new UpdateCommand({
          TableName: tableName,
          Key: { [REJECTED_ORDERS_TABLE_KEY]: messageId },
          UpdateExpression: 'SET redrivenAt = :redrivenAt, redriveMessageId = :redriveMessageId',
          ConditionExpression: `attribute_exists(${REJECTED_ORDERS_TABLE_KEY}) AND attribute_not_exists(redrivenAt)`,
          ExpressionAttributeValues: {
            ':redrivenAt': mark.redrivenAt,
            ':redriveMessageId': mark.redriveMessageId,
          },
        }),
      );
      return 'marked';
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return 'already-marked';
      throw error;
    }
  };
}
