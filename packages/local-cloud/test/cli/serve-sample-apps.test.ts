import { join } from 'node:path';
import { DynamoDBClient, ScanCommand } from '@aws-sdk/client-dynamodb';
import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { COMMAND_DEADLINE_MS, startCli, waitForOutput } from './cli-process';

/** A TypeScript NodejsFunction (the SDK left out of its bundle), a queue and a CDK TableV2. */
const QUEUE_TO_TABLE = join(__dirname, '..', 'apps', 'queue-to-table');
const CREDENTIALS = { accessKeyId: 'test', secretAccessKey: 'test' };

async function scanUntil(dynamodb: DynamoDBClient, tableName: string, count: number) {
  const deadline = Date.now() + COMMAND_DEADLINE_MS;
  for (;;) {
    const { Items = [] } = await dynamodb.send(new ScanCommand({ TableName: tableName }));
    if (Items.length >= count || Date.now() > deadline) return Items;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('local-cloud serve --app on an app written as the CDK samples write them', () => {
  test(
    'a message sent to the queue is stored in the TableV2 table by a function that uses the runtime-provided SDK',
    async () => {
      const serving = startCli(['serve', '--app', QUEUE_TO_TABLE, '--port', '0']);
      try {
        const [, endpoint] = await waitForOutput(
          serving.output,
          /local-cloud ready at (http:\/\/127\.0\.0\.1:\d+)/,
        );
        const [, inboxUrl] = await waitForOutput(serving.output, /InboxUrl = (\S+)/);
        const [, tableName] = await waitForOutput(serving.output, /TableName = (\S+)/);
        expect(serving.output()).toMatch(/^Messages\w+ +AWS::DynamoDB::GlobalTable +emulated /m);
        const sqs = new SQSClient({ endpoint, region: 'us-east-1', credentials: CREDENTIALS });
        const dynamodb = new DynamoDBClient({ endpoint, region: 'us-east-1', credentials: CREDENTIALS });

        const { MessageId } = await sqs.send(
          new SendMessageCommand({ QueueUrl: inboxUrl, MessageBody: 'order 42' }),
        );
        const items = await scanUntil(dynamodb, tableName, 1);
        sqs.destroy();
        dynamodb.destroy();

        expect(items).toStrictEqual([{ messageId: { S: MessageId }, body: { S: 'order 42' } }]);
      } finally {
        serving.child.kill('SIGTERM');
      }
      expect((await serving.finished).code).toBe(0);
    },
    COMMAND_DEADLINE_MS * 2,
  );
});
