import { type DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { DynamoDbItems } from '../shared/dynamodb-items';

/**
 * The functions' DynamoDB port on the AWS SDK's document client, as they called DynamoDB before
 * they moved to aws-lite: the benchmarks measure both clients behind the same record logic. The
 * SDK's errors already carry DynamoDB's code as their `name` and the returned `Item` on them.
 */
export function sdkDynamoDbItems(documents: DynamoDBDocumentClient): DynamoDbItems {
  return {
    PutItem: (input) => documents.send(new PutCommand({ ...input, Item: { ...input.Item } })),
    GetItem: (input) => documents.send(new GetCommand(input)),
  };
}
