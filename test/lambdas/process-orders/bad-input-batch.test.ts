import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import type { SQSBatchResponse, SQSRecord } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { SQS_LIMITS } from '../../../shared/sqs-limits';
import {
  badOrderCases,
  interleave,
  mustPassOrders,
  plainValidOrders,
} from '../../fixtures/bad-orders/corpus';
import { FakeTable } from '../support/fake-table';
import { captureFunctionOutput } from '../support/function-output';
import { contextFactory, sqsEventFactory, sqsRecordFactory } from '../support/sqs-record-factory';

/** The event source mapping's batch size (lib/defaults.ts). */
const BATCH_SIZE = 10;
/** Plain valid orders mixed in besides the unusual must-pass ones, so every batch has some. */
const PLAIN_VALID_ORDERS = 80;
/** A log line a person can still read: one per record, whatever the record held. */
const MAX_LOG_LINE_BYTES = 8 * 1024;

const ORIGINAL_ENV = process.env;
const sqs = mockClient(SQSClient);
/** The orders table the handler's client, made once at module load, calls. */
let mockTable: FakeTable;

jest.mock('../../../shared/dynamodb-items', () =>
  jest
    .requireActual<typeof import('../support/fake-table')>('../support/fake-table')
    .dynamoDbItemsModuleCalling(() => mockTable),
);

interface Delivery {
  readonly record: SQSRecord;
  /** The reason fragment a bad body must be rejected with; undefined for a valid order. */
  readonly reason?: string;
  readonly orderId?: string;
  /** Whether SQS would take this body at all (see `sqsRefuses` in the corpus). */
  readonly sendable: boolean;
}

/** Every corpus case and every valid order as records, interleaved: bad, valid, bad, valid, … */
function deliveries(): Delivery[] {
  const bad = badOrderCases().map(
    (badCase): Delivery => ({
      record: sqsRecordFactory({ body: badCase.body }),
      reason: badCase.reason,
      sendable: badCase.sqsRefuses === undefined,
    }),
  );
  const valid = [...mustPassOrders(), ...plainValidOrders(PLAIN_VALID_ORDERS)].map(
    (order): Delivery => ({
      record: sqsRecordFactory({ body: order.body }),
      orderId: order.orderId,
      sendable: true,
    }),
  );
  return interleave(bad, valid);
}

function utf8Bytes(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}

describe('ProcessOrders handler on the bad-input corpus mixed with valid orders', () => {
  const all = deliveries();
  const responses: SQSBatchResponse[] = [];
  let logLines: Record<string, unknown>[];
  let prototypeBefore: string[];

  beforeAll(async () => {
    process.env = {
      ...ORIGINAL_ENV,
      ORDERS_TABLE_NAME: 'Orders',
      DEAD_LETTER_QUEUE_URL: 'https://sqs.eu-west-1.amazonaws.com/123456789012/DeadLetterQueue',
      AWS_REGION: 'eu-west-1',
    };
    mockTable = new FakeTable({ tableName: 'Orders', key: 'orderId' });
    sqs.on(SendMessageCommand).resolves({ MessageId: 'dead-letter-message' });
    const readLogLines = captureFunctionOutput();
    prototypeBefore = Object.getOwnPropertyNames(Object.prototype);
    const { handler } = await import('../../../lambdas/process-orders/handler');
    for (let start = 0; start < all.length; start += BATCH_SIZE) {
      const batch = all.slice(start, start + BATCH_SIZE).map(({ record }) => record);
      responses.push(
        (await handler(sqsEventFactory(batch), contextFactory(), () => undefined)) as SQSBatchResponse,
      );
    }
    logLines = readLogLines();
  }, 60_000);

  afterAll(() => {
    process.env = ORIGINAL_ENV;
    jest.restoreAllMocks();
    sqs.reset();
  });

  test('every batch succeeds whole: no record is retried, so no bad one holds back a valid one', () => {
    expect(responses).toHaveLength(Math.ceil(all.length / BATCH_SIZE));
    expect(responses.flatMap(({ batchItemFailures }) => batchItemFailures)).toStrictEqual([]);
  });

  test('every valid order is stored once, exactly as it was sent', () => {
    const valid = all.filter(({ orderId }) => orderId !== undefined);

    expect([...mockTable.items.keys()].sort()).toStrictEqual(
      valid.map(({ orderId }) => String(orderId)).sort(),
    );
    for (const { record, orderId } of valid) {
      expect(mockTable.items.get(String(orderId))).toStrictEqual({
        ...JSON.parse(record.body),
        contentHash: expect.stringMatching(/^[0-9a-f]{64}$/),
        messageId: record.messageId,
        storedAt: expect.any(String),
      });
    }
  });

  test('every bad body is forwarded to the dead-letter queue once, untouched, with its reason', () => {
    const forwarded = new Map(
      sqs.commandCalls(SendMessageCommand).map(({ args: [{ input }] }) => {
        const attributes = input.MessageAttributes ?? {};
        return [attributes.SourceMessageId?.StringValue, { input, attributes }] as const;
      }),
    );
    const bad = all.filter(({ reason }) => reason !== undefined);

    expect(forwarded.size).toBe(bad.length);
    for (const { record, reason } of bad) {
      const sent = forwarded.get(record.messageId);
      expect(sent?.input.MessageBody).toBe(record.body);
      expect(sent?.attributes.RejectionReason?.StringValue).toBe('INVALID_ORDER');
      const errors: unknown = JSON.parse(String(sent?.attributes.RejectionErrors?.StringValue));
      expect(errors).toStrictEqual(expect.arrayContaining([expect.stringContaining(String(reason))]));
    }
  });

  test('every forwarded message that SQS could have delivered fits in an SQS message, attributes included', () => {
    const sendable = new Set(all.filter(({ sendable }) => sendable).map(({ record }) => record.messageId));
    const calls = sqs
      .commandCalls(SendMessageCommand)
      .map(({ args: [{ input }] }) => input)
      .filter((input) => sendable.has(String(input.MessageAttributes?.SourceMessageId?.StringValue)));

    expect(calls.length).toBeGreaterThan(0);
    for (const { MessageBody = '', MessageAttributes = {} } of calls) {
      const attributeBytes = Object.entries(MessageAttributes).reduce(
        (total, [name, value]) =>
          total + utf8Bytes(name) + utf8Bytes(value.DataType ?? '') + utf8Bytes(value.StringValue ?? ''),
        0,
      );
      expect(utf8Bytes(MessageBody) + attributeBytes).toBeLessThanOrEqual(SQS_LIMITS.maxMessageBytes);
    }
  });

  test('one readable log line per record, however big the record', () => {
    const recordLines = logLines.filter(({ messageId }) => messageId !== undefined);

    expect(recordLines).toHaveLength(all.length);
    for (const line of recordLines) expect(utf8Bytes(JSON.stringify(line))).toBeLessThan(MAX_LOG_LINE_BYTES);
  });

  test('nothing is left on Object.prototype by the __proto__, constructor and prototype keys', () => {
    expect(Object.getOwnPropertyNames(Object.prototype)).toStrictEqual(prototypeBefore);
    expect(({} as Record<string, unknown>).isAdmin).toBeUndefined();
  });
});
