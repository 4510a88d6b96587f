import { DynamoDBClient, PutItemCommand } from '@aws-sdk/client-dynamodb';
import type { SQSEvent } from 'aws-lambda';

// Left out of the bundle by NodejsFunction: Lambda's nodejs18.x and later runtimes provide it.
const dynamodb = new DynamoDBClient({});

/** Records each message in the table, keyed by its message id. */
export const handler = async (event: SQSEvent): Promise<void> => {
  for (const record of event.Records) {
    await dynamodb.send(
      new PutItemCommand({
        TableName: process.env.TABLE_NAME,
        Item: { messageId: { S: record.messageId }, body: { S: record.body } },
      }),
    );
  }
};
