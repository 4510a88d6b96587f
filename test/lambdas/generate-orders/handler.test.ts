import {
  SendMessageBatchCommand,
  type SendMessageBatchRequest,
  type SendMessageBatchResult,
  SQSClient,
} from '@aws-sdk/client-sqs';
import { mockClient } from 'aws-sdk-client-mock';
import { handler } from '../../../lambdas/generate-orders/handler';
import { validateOrder } from '../../../shared/order-validation';
import { acceptEverything, entriesInRequestOrder, lambdaContextFactory } from './support';

const QUEUE_URL = 'https://sqs.eu-west-1.amazonaws.com/123456789012/orders';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const ACCEPTED_PAYLOADS = 'accepted payloads: {} | {"count": N, "invalidRatio": r} | {"orders": [...]}';

const sqsMock = mockClient(SQSClient);
const originalEnvironment = process.env;
let logLines: Record<string, unknown>[];

function sentOrders(): Record<string, unknown>[] {
  const requests = sqsMock.commandCalls(SendMessageBatchCommand).map((call) => call.args[0].input);
  return entriesInRequestOrder(requests).map((entry) => JSON.parse(entry.MessageBody ?? ''));
}

function expectLogged(fields: Record<string, unknown>): void {
  expect(logLines).toContainEqual(expect.objectContaining({ service: 'generate-orders', ...fields }));
}

function captureLogs(stream: NodeJS.WriteStream): void {
  jest.spyOn(stream, 'write').mockImplementation((chunk: string | Uint8Array) => {
    for (const line of String(chunk).split('\n').filter(Boolean)) logLines.push(JSON.parse(line));
    return true;
  });
}

beforeEach(() => {
  process.env = { ...originalEnvironment, ORDERS_QUEUE_URL: QUEUE_URL };
  sqsMock.reset();
  sqsMock.on(SendMessageBatchCommand).callsFake(acceptEverything);
  logLines = [];
  captureLogs(process.stdout);
  captureLogs(process.stderr);
});

afterEach(() => {
  process.env = originalEnvironment;
  jest.restoreAllMocks();
});

describe('GenerateOrders handler', () => {
  test("{} queues the demo batch's eleven orders, each with its own id, to the queue in ORDERS_QUEUE_URL", async () => {
    const result = await handler({});

    expect(result).toStrictEqual({ queued: 11, failed: [] });
    expect(sqsMock).toHaveReceivedCommandWith(SendMessageBatchCommand, { QueueUrl: QUEUE_URL });
    const orders = sentOrders();
    expect(orders.map((order) => order.customerName)).toStrictEqual([
      'User0',
      'User1',
      'User2',
      'User3',
      'User4',
      'User5',
      'UserX',
      'User6',
      'User7',
      'User8',
      'User9',
    ]);
    expect(orders[6]).toStrictEqual({
      customerName: 'UserX',
      items: [],
      orderId: expect.stringMatching(UUID),
    });
    expect(new Set(orders.map((order) => order.orderId)).size).toBe(11);
    expect(orders.every((order) => UUID.test(String(order.orderId)))).toBe(true);
  });

  test('{} queues ten valid orders and UserX, invalid for its missing address', async () => {
    await handler({});

    const verdicts = sentOrders().map((order) => validateOrder(order));
    expect(verdicts.filter((verdict) => verdict.valid)).toHaveLength(10);
    expect(verdicts[6]).toStrictEqual({ valid: false, errors: ['customerAddress: is required'] });
  });

  test('count and invalidRatio queue exactly that many orders, that many of them invalid', async () => {
    const result = await handler({ count: 45, invalidRatio: 0.2 });

    expect(result).toStrictEqual({ queued: 45, failed: [] });
    const verdicts = sentOrders().map((order) => validateOrder(order));
    expect(verdicts).toHaveLength(45);
    expect(verdicts.filter((verdict) => !verdict.valid)).toHaveLength(9);
    expect(sqsMock).toHaveReceivedCommandTimes(SendMessageBatchCommand, 5);
  });

  test('orders are queued untouched, except that an object without an orderId gets one', async () => {
    const orders = [
      { orderId: 'given-1', customerName: 'Ann', customerAddress: '2 High Street', items: ['tea'] },
      { customerName: 'Bob', unexpected: { field: true } },
      'Hello world.',
      { orderId: 'not valid!' },
    ];

    const result = await handler({ orders });

    expect(result).toStrictEqual({ queued: 4, failed: [] });
    expect(sentOrders()).toStrictEqual([
      { orderId: 'given-1', customerName: 'Ann', customerAddress: '2 High Street', items: ['tea'] },
      { customerName: 'Bob', unexpected: { field: true }, orderId: expect.stringMatching(UUID) },
      'Hello world.',
      { orderId: 'not valid!' },
    ]);
  });

  test.each([
    [null, 'the payload must be a JSON object (given null)'],
    [{ count: 0 }, 'count must be an integer from 1 to 100000 (given 0)'],
    [{ count: 10, invalidRatio: 2 }, 'invalidRatio must be a number from 0 to 1 (given 2)'],
    [{ orders: 'all of them' }, 'orders must be an array of 1 to 100000 orders (given "all of them")'],
    [{ orders: [{}], count: 1 }, 'orders cannot be combined with count or invalidRatio'],
    [{ colour: 'red' }, 'unknown field "colour" (given "red"); the fields are count, invalidRatio, orders'],
  ])('answers %p with an error result naming the problem, and queues nothing', async (payload, problem) => {
    const result = await handler(payload);

    expect(result).toStrictEqual({
      error: 'InvalidRequest',
      message: `${problem}; ${ACCEPTED_PAYLOADS}`,
      queued: 0,
      failed: [],
    });
    expect(sqsMock).not.toHaveReceivedCommand(SendMessageBatchCommand);
  });

  test('reports the orders SQS would not take, and logs each with its orderId', async () => {
    sqsMock.on(SendMessageBatchCommand).callsFake(
      (request: SendMessageBatchRequest): SendMessageBatchResult => ({
        Successful: acceptEverything(request).Successful?.filter((entry) => entry.Id !== '1'),
        Failed: [{ Id: '1', Code: 'InvalidMessageContents', Message: 'bad body', SenderFault: true }],
      }),
    );

    const result = await handler({ orders: [{ orderId: 'a' }, { orderId: 'b' }] });

    const failure = { id: 'b', reason: 'InvalidMessageContents: bad body (a sender fault, not retried)' };
    expect(result).toStrictEqual({ queued: 1, failed: [failure] });
    expectLogged({ level: 'WARN', message: 'order not queued', orderId: 'b', reason: failure.reason });
  });

  test('logs the summary as structured JSON under its service name', async () => {
    await handler({ count: 3 });

    expectLogged({ level: 'INFO', message: 'sent orders', queued: 3, failed: 0 });
  });

  test('logs with the invocation context and stops sending when the invocation is nearly out of time', async () => {
    const result = await handler({ count: 2 }, lambdaContextFactory(1000));

    const reason = 'not sent: only 1000 ms of the invocation left, under the 5000 ms kept to report';
    expect(result).toStrictEqual({
      queued: 0,
      failed: [
        { id: expect.stringMatching(UUID), reason },
        { id: expect.stringMatching(UUID), reason },
      ],
    });
    expect(sqsMock).not.toHaveReceivedCommand(SendMessageBatchCommand);
    expectLogged({ message: 'sent orders', queued: 0, failed: 2, function_request_id: 'request-1' });
  });

  test('sends when the invocation has time', async () => {
    const result = await handler({ count: 2 }, lambdaContextFactory(60_000));

    expect(result).toStrictEqual({ queued: 2, failed: [] });
  });

  test('logs a rejected request with its problems', async () => {
    await handler({ count: 0 });

    expectLogged({
      level: 'WARN',
      message: 'rejected the request',
      problems: ['count must be an integer from 1 to 100000 (given 0)'],
    });
  });

  test('fails with a message naming ORDERS_QUEUE_URL when it is not set, and sends nothing', async () => {
    delete process.env.ORDERS_QUEUE_URL;

    await expect(handler({})).rejects.toThrow(
      expect.objectContaining({
        name: 'MissingEnvironmentVariableError',
        message: expect.stringMatching(/^environment variable ORDERS_QUEUE_URL is not set/),
      }),
    );
    expect(sqsMock).not.toHaveReceivedCommand(SendMessageBatchCommand);
  });
});
