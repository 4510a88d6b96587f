import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { Duration } from 'aws-cdk-lib';
import {
  type DynamoDbService,
  eventSourceMappingDefinitions,
  LambdaService,
  type LocalFunctionDefinition,
  type LocalStackDefinition,
  LogsService,
  localEnvironment,
  localStackDefinition,
  readCloudAssembly,
  runtimeNotices,
  type SqsServer,
  type StackArtifact,
  startDynamoDb,
  startSqsServer,
} from 'local-cloud';
import { createOrderPipelineApp, STACK_NAME } from '../../../lib/order-pipeline-app';
import { pipelineAssembly } from '../../support/pipeline-assembly';
import { TEST_ENVIRONMENT } from '../test-environment';

/** The shared synthesis may still be in the making: about 5 s on an idle machine, several times that on a busy one. */
const SYNTH_TIMEOUT_MS = 120_000;

describe('the synthesized order pipeline, read from its cloud assembly', () => {
  let outdir: string;
  let stack: StackArtifact;
  let dynamodb: DynamoDbService;
  let sqs: SqsServer;
  let local: LocalStackDefinition;

  const byPrefix = <T extends { logicalId: string }>(items: readonly T[], prefix: string): T => {
    const found = items.filter((item) => item.logicalId.startsWith(prefix));
    if (found.length !== 1) throw new Error(`expected one ${prefix}*, found ${found.length}`);
    return found[0];
  };
  const fn = (prefix: string): LocalFunctionDefinition => byPrefix(local.functions, prefix);

  beforeAll(async () => {
    outdir = pipelineAssembly();
    stack = readCloudAssembly(outdir).stack(STACK_NAME);
    dynamodb = await startDynamoDb();
    sqs = await startSqsServer({ port: 0 });
    local = localStackDefinition(
      stack,
      localEnvironment({ sqsEndpoint: sqs.endpoint, dynamodbEndpoint: dynamodb.endpoint }),
    );
  }, SYNTH_TIMEOUT_MS);

  afterAll(async () => {
    await dynamodb?.stop();
    await sqs?.close();
  });

  test('lists the resources of each type the local cloud brings up', () => {
    expect(
      stack.resourcesOfType('AWS::SQS::Queue').map(({ logicalId }) => logicalId.replace(/[0-9A-F]{8}$/, '')),
    ).toStrictEqual(['QueuesDeadLetterQueue', 'QueuesOrdersQueue', 'QueuesFailedInvocationsQueue']);
    expect(stack.resourcesOfType('AWS::DynamoDB::Table')).toHaveLength(2);
    expect(stack.resourcesOfType('AWS::Lambda::Function')).toHaveLength(3);
    expect(stack.resourcesOfType('AWS::Lambda::EventSourceMapping')).toHaveLength(2);
    expect(
      local.functions.map((definition) => definition.logicalId.replace(/[0-9A-F]{8}$/, '')),
    ).toStrictEqual(['GenerateOrders', 'ProcessOrders', 'FailedOrders']);
    // each function writes to its own log group, kept 30 days, as the template says
    expect(local.functions.map((definition) => definition.logRetentionInDays)).toStrictEqual([30, 30, 30]);
  });

  test("gives the orders queue its template attributes and a redrive policy naming the DLQ's local ARN", () => {
    const ordersQueue = byPrefix(local.queues, 'QueuesOrdersQueue');
    const deadLetterQueue = byPrefix(local.queues, 'QueuesDeadLetterQueue');

    expect(ordersQueue.queueName).toBe(`${STACK_NAME}-${ordersQueue.logicalId}`);
    expect(ordersQueue.queueUrl).toBe(`${sqs.endpoint}/000000000000/${ordersQueue.queueName}`);
    expect(ordersQueue.attributes).toMatchObject({
      VisibilityTimeout: '65',
      MessageRetentionPeriod: '345600',
    });
    expect(JSON.parse(ordersQueue.attributes.RedrivePolicy)).toStrictEqual({
      deadLetterTargetArn: `arn:aws:sqs:us-east-1:000000000000:${deadLetterQueue.queueName}`,
      maxReceiveCount: 5,
    });
    expect(deadLetterQueue.attributes.RedrivePolicy).toBeUndefined();
  });

  test("runs each function from its bundle's asset folder, with its handler, memory and timeout", () => {
    const assets = JSON.parse(readFileSync(join(outdir, `${STACK_NAME}.assets.json`), 'utf8')).files;

    for (const definition of local.functions) {
      expect(existsSync(join(definition.codeDirectory, 'index.js'))).toBe(true);
      expect(
        Object.values(assets).map((asset) =>
          join(outdir, (asset as { source: { path: string } }).source.path),
        ),
      ).toContain(definition.codeDirectory);
      expect(definition).toMatchObject({
        handler: 'index.handler',
        runtime: 'nodejs24.x',
        memorySizeMb: 256,
      });
    }
    expect(fn('GenerateOrders').timeoutSeconds).toBe(60);
    expect(fn('ProcessOrders').timeoutSeconds).toBe(10);
  });

  test("resolves the functions' environment to local queue URLs and table names, and names their log groups", () => {
    const ordersQueue = byPrefix(local.queues, 'QueuesOrdersQueue');
    const deadLetterQueue = byPrefix(local.queues, 'QueuesDeadLetterQueue');

    expect(fn('GenerateOrders').environment.ORDERS_QUEUE_URL).toBe(ordersQueue.queueUrl);
    expect(fn('ProcessOrders').environment).toMatchObject({
      ORDERS_TABLE_NAME: byPrefix(local.tables, 'TablesOrdersTable').tableName,
      DEAD_LETTER_QUEUE_URL: deadLetterQueue.queueUrl,
      POWERTOOLS_SERVICE_NAME: 'process-orders',
    });
    expect(fn('FailedOrders').environment.REJECTED_ORDERS_TABLE_NAME).toBe(
      byPrefix(local.tables, 'TablesRejectedOrdersTable').tableName,
    );
    expect(fn('ProcessOrders').logGroupName).toMatch(/^OrderPipeline-ProcessOrdersLogGroup[0-9A-F]{8}$/);
  });

  test("reads each event source mapping's settings from the template", () => {
    const processOrdersMapping = byPrefix(local.eventSourceMappings, 'ProcessOrdersSqsEventSource');

    expect(processOrdersMapping).toMatchObject({
      functionName: fn('ProcessOrders').functionName,
      eventSourceArn: byPrefix(local.queues, 'QueuesOrdersQueue').queueArn,
      batchSize: 10,
      maximumBatchingWindowSeconds: 5,
      maximumConcurrency: 2,
      reportBatchItemFailures: true,
      enabled: true,
      filterPatterns: [],
    });
    expect(byPrefix(local.eventSourceMappings, 'FailedOrdersSqsEventSource')).toMatchObject({
      eventSourceArn: byPrefix(local.queues, 'QueuesDeadLetterQueue').queueArn,
      maximumBatchingWindowSeconds: 0,
    });
  });

  test('says that the template asks for another Node.js than the local one', () => {
    const notices = runtimeNotices(local.functions);

    expect(notices).toHaveLength(process.versions.node.startsWith('24.') ? 0 : 3);
    expect(notices.join('\n')).toMatch(
      /GenerateOrders[0-9A-F]{8}: the template asks for nodejs24\.x; it runs locally on Node\.js/,
    );
  });

  describe('the bundled functions', () => {
    let logs: LogsService;
    let lambda: LambdaService;

    beforeAll(async () => {
      await dynamodb.createTables(local.tables);
      for (const queue of local.queues) {
        const { QueueUrl } = sqs.model.createQueue({
          QueueName: queue.queueName,
          Attributes: queue.attributes,
        });
        expect(QueueUrl).toBe(queue.queueUrl);
      }
      logs = new LogsService();
      lambda = new LambdaService({ functions: local.functions, environment: local.environment, logs });
    });

    afterAll(async () => {
      await lambda?.shutdown();
    });

    test('GenerateOrders answers an invalid request, and its Powertools JSON log line passes through with the request id', async () => {
      const result = await lambda.invoke(fn('GenerateOrders').functionName, { count: 'many' });

      expect(result.payload).toMatchObject({ error: 'InvalidRequest', queued: 0, failed: [] });
      const lines = logs
        .getLogEvents(fn('GenerateOrders').logGroupName, result.logStreamName)
        .map((event) => event.message);
      const warning = lines.filter((line) => line.startsWith('{')).map((line) => JSON.parse(line));
      expect(warning).toContainEqual(
        expect.objectContaining({
          level: 'WARN',
          message: 'rejected the request',
          service: 'generate-orders',
          function_request_id: result.requestId,
        }),
      );
    });

    test("GenerateOrders queues the lecture's eleven demo orders on the local orders queue", async () => {
      const ordersQueue = byPrefix(local.queues, 'QueuesOrdersQueue');

      const result = await lambda.invoke(fn('GenerateOrders').functionName, {});

      expect(result.payload).toMatchObject({ queued: 11, failed: [] });
      const { Attributes } = sqs.model.getQueueAttributes({
        QueueUrl: ordersQueue.queueUrl,
        AttributeNames: ['ApproximateNumberOfMessages'],
      });
      expect(Attributes?.ApproximateNumberOfMessages).toBe('11');
    });

    /** An orders-queue event with one record per order, as the event source mapping delivers it. */
    function ordersQueueEvent(...orders: object[]) {
      return {
        Records: orders.map((order, index) => ({
          messageId: `059f36b4-87a3-44ab-83d2-66197583000${index}`,
          receiptHandle: `AQEBwJnKyrHigUMZj6rYigCgxlaS3SLy0a${index}`,
          body: JSON.stringify(order),
          attributes: {
            ApproximateReceiveCount: '1',
            SentTimestamp: '1764100000000',
            SenderId: 'AIDAIENQZJOLO23YVJ4VO',
            ApproximateFirstReceiveTimestamp: '1764100000001',
          },
          messageAttributes: {},
          md5OfBody: 'e4e68fb7bd0e697a0ae8f1bb342846b3',
          eventSource: 'aws:sqs',
          eventSourceARN: byPrefix(local.queues, 'QueuesOrdersQueue').queueArn,
          awsRegion: 'us-east-1',
        })),
      };
    }

    test('ProcessOrders stores a valid order in the local table through the endpoint override', async () => {
      const order = {
        orderId: 'local-1',
        customerName: 'User1',
        customerAddress: '1 Main Street',
        items: [],
      };

      const result = await lambda.invoke(fn('ProcessOrders').functionName, ordersQueueEvent(order));

      expect(result.functionError).toBeUndefined();
      expect(result.payload).toStrictEqual({ batchItemFailures: [] });
      const { Item } = await DynamoDBDocumentClient.from(dynamodb.client).send(
        new GetCommand({
          TableName: fn('ProcessOrders').environment.ORDERS_TABLE_NAME,
          Key: { orderId: 'local-1' },
        }),
      );
      expect(Item).toMatchObject(order);
    });

    test('ProcessOrders forwards an order without an address to the local dead-letter queue', async () => {
      const deadLetterQueue = byPrefix(local.queues, 'QueuesDeadLetterQueue');

      const result = await lambda.invoke(
        fn('ProcessOrders').functionName,
        ordersQueueEvent({ orderId: 'local-x', customerName: 'UserX', items: [] }),
      );

      expect(result.payload).toStrictEqual({ batchItemFailures: [] });
      const { Attributes } = sqs.model.getQueueAttributes({
        QueueUrl: deadLetterQueue.queueUrl,
        AttributeNames: ['ApproximateNumberOfMessages'],
      });
      expect(Attributes?.ApproximateNumberOfMessages).toBe('1');
    });
  });
});

describe('parity with the stack props', () => {
  let outdir: string;

  beforeEach(() => {
    outdir = mkdtempSync(join(tmpdir(), 'local-parity-'));
  });

  afterEach(() => {
    rmSync(outdir, { recursive: true, force: true });
  });

  test(
    "ProcessOrders' local event source mapping follows batch size, window and maxConcurrency from the stack props",
    () => {
      // Event source mappings need no code, so this synth skips bundling.
      createOrderPipelineApp(
        { outdir, context: { 'aws:cdk:bundling-stacks': [] } },
        { batchSize: 25, maxBatchingWindow: Duration.seconds(2), maxConcurrency: 3 },
      ).app.synth();

      const mappings = eventSourceMappingDefinitions(
        readCloudAssembly(outdir).stack(STACK_NAME),
        TEST_ENVIRONMENT,
      );

      expect(mappings.find((mapping) => mapping.logicalId.startsWith('ProcessOrders'))).toMatchObject({
        batchSize: 25,
        maximumBatchingWindowSeconds: 2,
        maximumConcurrency: 3,
        reportBatchItemFailures: true,
      });
    },
    SYNTH_TIMEOUT_MS,
  );
});
