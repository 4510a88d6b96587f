import { FullBatchFailureError } from '@aws-lambda-powertools/batch';
import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-jest';
import jsonBodyEvent from '../../fixtures/sqs-event-json-body.json';
import plainTextEvent from '../../fixtures/sqs-event-plain-text.json';
import { dynamoDbError, FakeTable } from '../support/fake-table';
import { captureFunctionOutput } from '../support/function-output';
import {
  contextFactory,
  demoOrders,
  jsonRecordFactory,
  sqsEventFactory,
} from '../support/sqs-record-factory';

const DEAD_LETTER_QUEUE_URL = 'https://sqs.eu-west-1.amazonaws.com/123456789012/DeadLetterQueue';
const ORIGINAL_ENV = process.env;
const sqs = mockClient(SQSClient);
/** The orders table of the current test; the handler's client, made once at module load, calls it. */
let mockTable: FakeTable;

jest.mock('../../../shared/dynamodb-items', () =>
  jest
    .requireActual<typeof import('../support/fake-table')>('../support/fake-table')
    .dynamoDbItemsModuleCalling(() => mockTable),
);

let logLines: () => Record<string, unknown>[];

/** The handler reads its environment once, at cold start, like the function in Lambda. */
async function invoke(event: SQSEvent, context = contextFactory()): Promise<SQSBatchResponse> {
  const { handler } = await import('../../../lambdas/process-orders/handler');
  return (await handler(event, context, () => undefined)) as SQSBatchResponse;
}

/** The message attributes of every message sent to the dead-letter queue, as plain strings. */
function forwarded(): { body: string | undefined; attributes: Record<string, string | undefined> }[] {
  return sqs.commandCalls(SendMessageCommand).map(({ args: [{ input }] }) => ({
    body: input.MessageBody,
    attributes: Object.fromEntries(
      Object.entries(input.MessageAttributes ?? {}).map(([name, value]) => [name, value.StringValue]),
    ),
  }));
}

beforeEach(() => {
  process.env = {
    ...ORIGINAL_ENV,
    ORDERS_TABLE_NAME: 'Orders',
    DEAD_LETTER_QUEUE_URL,
    AWS_REGION: 'eu-west-1',
  };
  sqs.reset();
  mockTable = new FakeTable({ tableName: 'Orders', key: 'orderId' });
  sqs.on(SendMessageCommand).resolves({ MessageId: 'dead-letter-message' });
  logLines = captureFunctionOutput();
});

afterEach(() => {
  process.env = ORIGINAL_ENV;
  jest.restoreAllMocks();
});

describe('ProcessOrders handler', () => {
  it('forwards a plain-text "Hello world." message as not JSON and does not retry it', async () => {
    const response = await invoke(plainTextEvent as SQSEvent);

    expect(response).toStrictEqual({ batchItemFailures: [] });
    expect(forwarded()).toStrictEqual([
      {
        body: 'Hello world.',
        attributes: {
          RejectionReason: 'INVALID_ORDER',
          RejectionErrors: JSON.stringify([
            `body is not JSON: Unexpected token 'H', "Hello world." is not valid JSON`,
          ]),
          SourceMessageId: '5ff8fa2d-1b3e-4b3e-8000-000000000000',
          SourceQueueArn: 'arn:aws:sqs:eu-west-1:123456789012:Demo-Stk-Demo0FdrfEAChwKCH',
        },
      },
    ]);
    expect(sqs).toHaveReceivedCommandWith(SendMessageCommand, { QueueUrl: DEAD_LETTER_QUEUE_URL });
    expect(mockTable.puts).toHaveLength(0);
  });

  it('forwards a name/address/email message naming every missing order field', async () => {
    const response = await invoke(jsonBodyEvent as SQSEvent);

    expect(response).toStrictEqual({ batchItemFailures: [] });
    expect(forwarded()).toStrictEqual([
      {
        body: jsonBodyEvent.Records[0].body,
        attributes: {
          RejectionReason: 'INVALID_ORDER',
          RejectionErrors: JSON.stringify([
            'orderId: is required',
            'customerName: is required',
            'customerAddress: is required',
            'items: is required',
            'name: is not an order field',
            'address: is not an order field',
            'email: is not an order field',
          ]),
          SourceMessageId: '52c0079d-9f7f-406c-8584-bc9eec46e39f',
          SourceQueueArn: 'arn:aws:sqs:eu-west-1:123456789012:Demo-Stk-DemoQueueA7C0530A-bQ8NgZV2f7bP',
        },
      },
    ]);
    expect(mockTable.puts).toHaveLength(0);
  });

  it("stores the demo batch's ten valid orders and forwards only UserX, retrying nothing", async () => {
    const records = demoOrders().map((order) => jsonRecordFactory(order));

    const response = await invoke(sqsEventFactory(records));

    expect(response).toStrictEqual({ batchItemFailures: [] });
    expect([...mockTable.items.values()].map((item) => item.customerName).sort()).toStrictEqual(
      Array.from({ length: 10 }, (_, index) => `User${index}`),
    );
    expect(forwarded()).toStrictEqual([
      {
        body: records[6].body,
        attributes: {
          RejectionReason: 'INVALID_ORDER',
          RejectionErrors: '["customerAddress: is required"]',
          SourceMessageId: records[6].messageId,
          SourceQueueArn: records[6].eventSourceARN,
        },
      },
    ]);
  });

  it('reports exactly the throttled record as a batch item failure and stores the others', async () => {
    const records = demoOrders()
      .filter(({ customerName }) => customerName !== 'UserX')
      .map((order) => jsonRecordFactory(order));
    mockTable.failures.set(
      'demo-3',
      dynamoDbError(
        'ProvisionedThroughputExceededException',
        'Rate of requests exceeds the allowed throughput',
      ),
    );

    const response = await invoke(sqsEventFactory(records));

    expect(response).toStrictEqual({ batchItemFailures: [{ itemIdentifier: records[3].messageId }] });
    expect(mockTable.items.size).toBe(9);
    expect(mockTable.items.has('demo-3')).toBe(false);
    expect(sqs).not.toHaveReceivedCommand(SendMessageCommand);
  });

  it('reports a rejected record as a batch item failure when the dead-letter queue cannot be reached', async () => {
    sqs.on(SendMessageCommand).rejects(new Error('connect ETIMEDOUT'));
    const records = demoOrders().map((order) => jsonRecordFactory(order));

    const response = await invoke(sqsEventFactory(records));

    expect(response).toStrictEqual({ batchItemFailures: [{ itemIdentifier: records[6].messageId }] });
    expect(mockTable.items.size).toBe(10);
  });

  it('stores an order delivered twice only once and reports both deliveries as successes', async () => {
    const order = demoOrders()[0];
    const delivery = jsonRecordFactory(order);
    const redelivery = { ...delivery, receiptHandle: 'another-receipt' };

    const first = await invoke(sqsEventFactory([delivery]));
    const second = await invoke(sqsEventFactory([redelivery]));

    expect([first, second]).toStrictEqual([{ batchItemFailures: [] }, { batchItemFailures: [] }]);
    expect(mockTable.puts).toHaveLength(2);
    expect([...mockTable.items.values()]).toStrictEqual([
      {
        ...order,
        contentHash: expect.stringMatching(/^[0-9a-f]{64}$/),
        messageId: delivery.messageId,
        storedAt: expect.any(String),
      },
    ]);
    expect(sqs).not.toHaveReceivedCommand(SendMessageCommand);
    expect(logLines().filter(({ message }) => String(message).startsWith('duplicate delivery'))).toHaveLength(
      1,
    );
  });

  it('forwards an order whose id is already stored with other content as CONFLICTING_DUPLICATE', async () => {
    const order = demoOrders()[0];
    await invoke(sqsEventFactory([jsonRecordFactory(order)]));
    const conflicting = jsonRecordFactory({ ...order, items: ['a different order'] });

    const response = await invoke(sqsEventFactory([conflicting]));

    expect(response).toStrictEqual({ batchItemFailures: [] });
    expect(forwarded().map(({ attributes }) => attributes)).toStrictEqual([
      {
        RejectionReason: 'CONFLICTING_DUPLICATE',
        RejectionErrors: '["orderId: demo-0 is already stored with different content"]',
        SourceMessageId: conflicting.messageId,
        SourceQueueArn: conflicting.eventSourceARN,
      },
    ]);
    expect(mockTable.items.get('demo-0')?.items).toStrictEqual([]);
  });

  it('fails the whole invocation when every record fails, so the whole batch comes back', async () => {
    const record = jsonRecordFactory(demoOrders()[0]);
    mockTable.failures.set('demo-0', new Error('socket hang up'));

    await expect(invoke(sqsEventFactory([record]))).rejects.toThrow(FullBatchFailureError);
  });

  it('writes JSON log lines that name the invocation, the message, and the order when known', async () => {
    const records = demoOrders().map((order) => jsonRecordFactory(order));
    const context = contextFactory();

    await invoke(sqsEventFactory([...records, jsonRecordFactory('not an order')]), context);

    const lines = logLines();
    expect(lines).toHaveLength(12);
    expect(
      lines.map(({ service, function_request_id, messageId, orderId }) => ({
        service,
        function_request_id,
        messageId,
        orderId,
      })),
    ).toStrictEqual(
      expect.arrayContaining([
        ...records.map(({ messageId }, index) => ({
          service: 'process-orders',
          function_request_id: context.awsRequestId,
          messageId,
          orderId: index === 6 ? 'demo-X' : `demo-${index > 6 ? index - 1 : index}`,
        })),
        {
          service: 'process-orders',
          function_request_id: context.awsRequestId,
          messageId: expect.any(String),
          orderId: undefined,
        },
      ]),
    );
  });
});
