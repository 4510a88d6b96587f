import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  DescribeTableCommand,
  DynamoDBClient,
  GetItemCommand,
  ListTablesCommand,
  QueryCommand,
  ScanCommand,
} from '@aws-sdk/client-dynamodb';
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import {
  CreateQueueCommand,
  DeleteMessageCommand,
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  SendMessageCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import { type ServingCloud, serveLocally } from '../../tools/cli';
import { parseRunOptions } from '../../tools/run-options';
import { pipelineAssembly } from '../support/pipeline-assembly';

const CLIENT_SETTINGS = {
  region: 'us-east-1',
  credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
};

describe('npm start -- --serve --state DIR, driven with the AWS SDK', () => {
  const folder = mkdtempSync(join(tmpdir(), 'order-pipeline-serve-state-'));
  const state = join(folder, 'state');
  let serving: ServingCloud | undefined;

  async function serve(): Promise<ServingCloud> {
    const options = parseRunOptions(['--serve', '--port', '0', '--state', state]);
    if (options === 'help') throw new Error('unexpected --help');
    serving = await serveLocally(options, new PassThrough() as unknown as NodeJS.WriteStream, {
      assemblyDirectory: pipelineAssembly(),
      logsRoot: join(folder, 'logs'),
      synthesized: true,
    });
    return serving;
  }

  function clients(endpoint: string) {
    return {
      sqs: new SQSClient({ ...CLIENT_SETTINGS, endpoint }),
      dynamodb: new DynamoDBClient({ ...CLIENT_SETTINGS, endpoint }),
      lambda: new LambdaClient({ ...CLIENT_SETTINGS, endpoint }),
    };
  }

  async function scan(dynamodb: DynamoDBClient, tableName: string, atLeast: number) {
    const deadline = Date.now() + 60_000;
    for (;;) {
      const { Items = [] } = await dynamodb.send(new ScanCommand({ TableName: tableName }));
      if (Items.length >= atLeast || Date.now() > deadline) return Items;
      await sleep(300);
    }
  }

  afterAll(async () => {
    await serving?.stop();
    rmSync(folder, { recursive: true, force: true });
  });

  test('a restart on the same state folder keeps the tables (Scan, GetItem, Query, DescribeTable, ListTables), the queues, their messages and the logs', async () => {
    const first = await serve();
    const outputs = { ...first.cloud.stack.outputs };
    let api = clients(first.endpoint);
    const invoked = await api.lambda.send(
      new InvokeCommand({
        FunctionName: outputs.GenerateOrdersFunctionName,
        Payload: Buffer.from('{}'),
      }),
    );
    expect(invoked.FunctionError).toBeUndefined();
    expect(JSON.parse(Buffer.from(invoked.Payload ?? []).toString())).toStrictEqual({
      queued: 11,
      failed: [],
    });
    const stored = await scan(api.dynamodb, outputs.OrdersTableName, 10);
    const rejected = await scan(api.dynamodb, outputs.RejectedOrdersTableName, 1);
    expect(stored).toHaveLength(10);
    expect(rejected).toHaveLength(1);

    const { QueueUrl } = await api.sqs.send(new CreateQueueCommand({ QueueName: 'kept-across-restarts' }));
    for (const body of ['first', 'second', 'third'])
      await api.sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: body }));
    const received = await api.sqs.send(
      new ReceiveMessageCommand({ QueueUrl, MaxNumberOfMessages: 2, VisibilityTimeout: 3_600 }),
    );
    expect(received.Messages).toHaveLength(2);
    const [deleted, inFlight] = received.Messages ?? [];
    await api.sqs.send(new DeleteMessageCommand({ QueueUrl, ReceiptHandle: deleted.ReceiptHandle }));
    const streamsBefore = first.cloud.logs.describeLogStreams(outputs.ProcessOrdersLogGroupName);
    expect(streamsBefore.length).toBeGreaterThan(0);
    await first.stop();
    serving = undefined;

    const second = await serve();
    api = clients(second.endpoint);
    expect(
      (await scan(api.dynamodb, outputs.OrdersTableName, 10)).map((item) => item.orderId.S).sort(),
    ).toEqual(stored.map((item) => item.orderId.S).sort());
    expect(await scan(api.dynamodb, outputs.RejectedOrdersTableName, 1)).toHaveLength(1);
    const { TableNames } = await api.dynamodb.send(new ListTablesCommand({}));
    expect(TableNames).toEqual(
      expect.arrayContaining([outputs.OrdersTableName, outputs.RejectedOrdersTableName]),
    );
    const { Table } = await api.dynamodb.send(
      new DescribeTableCommand({ TableName: outputs.OrdersTableName }),
    );
    expect(Table).toMatchObject({
      TableStatus: 'ACTIVE',
      KeySchema: [{ AttributeName: 'orderId', KeyType: 'HASH' }],
    });
    const orderId = stored[0].orderId.S ?? '';
    const { Item } = await api.dynamodb.send(
      new GetItemCommand({ TableName: outputs.OrdersTableName, Key: { orderId: { S: orderId } } }),
    );
    expect(Item?.customerName).toStrictEqual(stored[0].customerName);
    const { Items: queried } = await api.dynamodb.send(
      new QueryCommand({
        TableName: outputs.OrdersTableName,
        KeyConditionExpression: 'orderId = :id',
        ExpressionAttributeValues: { ':id': { S: orderId } },
      }),
    );
    expect(queried).toStrictEqual([Item]);
    const { Attributes } = await api.sqs.send(
      new GetQueueAttributesCommand({
        QueueUrl: `${second.endpoint}/000000000000/kept-across-restarts`,
        AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'],
      }),
    );
    expect(Attributes).toStrictEqual({
      ApproximateNumberOfMessages: '1',
      ApproximateNumberOfMessagesNotVisible: '1',
    });
    const remaining = await api.sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: `${second.endpoint}/000000000000/kept-across-restarts`,
        MaxNumberOfMessages: 10,
      }),
    );
    expect(remaining.Messages?.map((message) => message.Body)).toStrictEqual(
      ['first', 'second', 'third'].filter((body) => body !== deleted.Body && body !== inFlight.Body),
    );
    expect(
      second.cloud.logs.describeLogStreams(outputs.ProcessOrdersLogGroupName).map((s) => s.logStreamName),
    ).toEqual(expect.arrayContaining(streamsBefore.map((s) => s.logStreamName)));
  }, 180_000);
});
