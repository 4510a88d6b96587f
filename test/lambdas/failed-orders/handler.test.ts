import { gunzipSync } from 'node:zlib';
import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { contentHash } from '../../../shared/content-hash';
import type { DynamoDbItems } from '../../../shared/dynamodb-items';
import { dynamoDbError, FakeTable, fakeDynamoDbItems } from '../support/fake-table';
import { captureFunctionOutput } from '../support/function-output';
import { contextFactory, ORDERS_QUEUE_ARN, sqsEventFactory } from '../support/sqs-record-factory';
import {
  DEAD_LETTER_METADATA,
  forwardedRecordFactory,
  REDRIVEN_DESCRIPTION,
  REDRIVEN_ORDER,
  redrivenRecordFactory,
} from './dead-letter-record-factory';

const ORIGINAL_ENV = process.env;
let table: FakeTable;
/** The orders table, which FailedOrders only reads. */
let ordersTable: FakeTable;
/** The tables of the current test; the handler's client, made once at module load, calls them. */
let mockDynamoDb: DynamoDbItems;

jest.mock('../../../shared/dynamodb-items', () =>
  jest
    .requireActual<typeof import('../support/fake-table')>('../support/fake-table')
    .dynamoDbItemsModuleCalling(() => mockDynamoDb),
);

let jsonLines: () => Record<string, unknown>[];

/** The handler reads its environment once, at cold start, like the function in Lambda. */
async function invoke(event: SQSEvent): Promise<SQSBatchResponse> {
  const { handler } = await import('../../../lambdas/failed-orders/handler');
  return (await handler(event, contextFactory(), () => undefined)) as SQSBatchResponse;
}

/** The EMF documents written since the test began. */
function metricDocuments(): Record<string, unknown>[] {
  return jsonLines().filter((line) => '_aws' in line);
}

beforeEach(() => {
  process.env = {
    ...ORIGINAL_ENV,
    REJECTED_ORDERS_TABLE_NAME: 'RejectedOrders',
    ORDERS_TABLE_NAME: 'Orders',
    AWS_REGION: 'eu-west-1',
  };
  table = new FakeTable({ tableName: 'RejectedOrders', key: 'messageId' });
  ordersTable = new FakeTable({ tableName: 'Orders', key: 'orderId' });
  mockDynamoDb = fakeDynamoDbItems(table, ordersTable);
  jsonLines = captureFunctionOutput();
});

afterEach(() => {
  process.env = ORIGINAL_ENV;
  jest.restoreAllMocks();
});

describe('FailedOrders handler', () => {
  it('records a message ProcessOrders forwarded with the reason and errors from its attributes', async () => {
    const record = forwardedRecordFactory({
      body: JSON.stringify({ orderId: 'demo-X', customerName: 'UserX', items: [] }),
      errors: ['customerAddress: is required'],
      sourceMessageId: 'orders-queue-message',
    });

    const response = await invoke(sqsEventFactory([record]));

    expect(response).toStrictEqual({ batchItemFailures: [] });
    expect([...table.items.values()]).toStrictEqual([
      {
        messageId: 'orders-queue-message',
        orderId: 'demo-X',
        reason: 'INVALID_ORDER',
        errors: ['customerAddress: is required'],
        approximateReceiveCount: 1,
        sourceQueueArn: ORDERS_QUEUE_ARN,
        deadLetterMessageId: 'dead-letter-message',
        ...DEAD_LETTER_METADATA,
        recordedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
        body: record.body,
        bodyEncoding: 'utf8',
        bodyBytes: Buffer.byteLength(record.body),
      },
    ]);
    expect(table.puts).toContainEqual(
      expect.objectContaining({
        TableName: 'RejectedOrders',
        ConditionExpression: 'attribute_not_exists(messageId)',
      }),
    );
  });

  it('records a message SQS redrove as RETRIES_EXHAUSTED with its receive count', async () => {
    const redriven = redrivenRecordFactory();

    const response = await invoke(sqsEventFactory([redriven]));

    expect(response).toStrictEqual({ batchItemFailures: [] });
    expect([...table.items.values()]).toStrictEqual([
      {
        ...REDRIVEN_DESCRIPTION,
        recordedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
        body: redriven.body,
        bodyEncoding: 'utf8',
        bodyBytes: Buffer.byteLength(redriven.body),
      },
    ]);
    expect(ordersTable.gets).toContainEqual(
      expect.objectContaining({
        TableName: 'Orders',
        Key: { orderId: 'o-7' },
        ConsistentRead: true,
        ProjectionExpression: 'contentHash',
      }),
    );
  });

  it('records nothing for a message SQS dead-lettered whose order is stored with the same content, and lets it leave the queue', async () => {
    ordersTable.items.set('o-7', { ...REDRIVEN_ORDER, contentHash: contentHash(REDRIVEN_ORDER) });

    const response = await invoke(sqsEventFactory([redrivenRecordFactory()]));

    expect(response).toStrictEqual({ batchItemFailures: [] });
    expect(table.items.size).toBe(0);
    expect([...table.puts, ...ordersTable.puts]).toHaveLength(0);
    expect(metricDocuments()).toStrictEqual([]);
    expect(jsonLines().filter(({ level }) => level !== 'DEBUG')).toStrictEqual([
      expect.objectContaining({
        level: 'INFO',
        message: 'dead-lettered message already stored: nothing to record',
        messageId: 'redriven-message',
        orderId: 'o-7',
      }),
    ]);
  });

  it('reads nothing from the orders table for a message ProcessOrders forwarded', async () => {
    await invoke(sqsEventFactory([forwardedRecordFactory()]));

    expect([...table.gets, ...ordersTable.gets]).toHaveLength(0);
    expect(table.items.size).toBe(1);
  });

  it('emits one DeadLetteredOrders EMF document per invocation, counting each newly recorded message', async () => {
    await invoke(sqsEventFactory([redrivenRecordFactory(), forwardedRecordFactory()]));

    expect(metricDocuments()).toStrictEqual([
      {
        _aws: {
          Timestamp: expect.any(Number),
          CloudWatchMetrics: [
            {
              Namespace: 'OrderPipeline',
              Dimensions: [['service']],
              Metrics: [{ Name: 'DeadLetteredOrders', Unit: 'Count' }],
            },
          ],
        },
        service: 'failed-orders',
        DeadLetteredOrders: [1, 1],
      },
    ]);
  });

  it('treats a redelivered message as recorded and emits no second metric', async () => {
    const record = redrivenRecordFactory();
    await invoke(sqsEventFactory([record]));

    const response = await invoke(sqsEventFactory([{ ...record, receiptHandle: 'second-receive' }]));

    expect(response).toStrictEqual({ batchItemFailures: [] });
    expect(table.items.size).toBe(1);
    expect(metricDocuments()).toHaveLength(1);
  });

  it('reports a message it could not record as a batch item failure, so it stays in the dead-letter queue', async () => {
    const failing = redrivenRecordFactory({ messageId: 'throttled-message' });
    const recorded = forwardedRecordFactory();
    table.failures.set(
      'throttled-message',
      dynamoDbError(
        'ProvisionedThroughputExceededException',
        'Rate of requests exceeds the allowed throughput',
      ),
    );

    const response = await invoke(sqsEventFactory([failing, recorded]));

    expect(response).toStrictEqual({ batchItemFailures: [{ itemIdentifier: 'throttled-message' }] });
    expect([...table.items.keys()]).toStrictEqual(['original-message']);
    expect(jsonLines().filter(({ level }) => level === 'ERROR')).toStrictEqual([
      expect.objectContaining({
        message: 'dead-lettered message not recorded; it stays in the dead-letter queue',
        messageId: 'throttled-message',
        reason: 'RETRIES_EXHAUSTED',
      }),
    ]);
  });

  it('stores a body too big for an item gzip-compressed', async () => {
    const body = JSON.stringify({
      orderId: 'big',
      items: Array.from({ length: 60_000 }, (_, index) => `item-${index}`),
    });

    await invoke(sqsEventFactory([redrivenRecordFactory({ messageId: 'big-message', body })]));

    const item = table.items.get('big-message');
    expect(item).toMatchObject({ orderId: 'big', bodyEncoding: 'gzip', bodyBytes: Buffer.byteLength(body) });
    expect(gunzipSync(item?.body as Uint8Array).toString('utf8')).toBe(body);
  });

  it('logs each recorded message as one structured line with its ids, reason and errors', async () => {
    await invoke(
      sqsEventFactory([forwardedRecordFactory({ sourceMessageId: 'm-1', errors: ['orderId: is required'] })]),
    );

    expect(jsonLines().filter(({ message }) => message === 'dead-lettered order recorded')).toStrictEqual([
      expect.objectContaining({
        level: 'WARN',
        service: 'failed-orders',
        messageId: 'm-1',
        deadLetterMessageId: 'dead-letter-message',
        reason: 'INVALID_ORDER',
        errors: ['orderId: is required'],
      }),
    ]);
  });
});
