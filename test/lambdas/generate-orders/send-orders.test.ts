import {
  SendMessageBatchCommand,
  type SendMessageBatchRequest,
  type SendMessageBatchResult,
  SQSClient,
} from '@aws-sdk/client-sqs';
import { mockClient } from 'aws-sdk-client-mock';
import { reportedOrderId } from '../../../lambdas/generate-orders/outgoing-message';
import {
  type SendOrdersOptions,
  sendOrders,
  sqsSendMessageBatch,
} from '../../../lambdas/generate-orders/send-orders';
import type { SendSettings } from '../../../lambdas/generate-orders/send-settings';
import { SQS_LIMITS } from '../../../shared/sqs-limits';
import { acceptEverything, entriesInRequestOrder, instantSleep } from './support';

const QUEUE_URL = 'https://sqs.eu-west-1.amazonaws.com/123456789012/orders';
const SETTINGS: SendSettings = {
  maxConcurrentBatches: 2,
  maxAttempts: 4,
  baseBackoffMilliseconds: 100,
  maxBackoffMilliseconds: 1000,
  timeReserveMilliseconds: 500,
};

const sqsMock = mockClient(SQSClient);

function ordersFactory(count: number): { orderId: string; customerName: string }[] {
  return Array.from({ length: count }, (_, index) => ({
    orderId: `order-${index}`,
    customerName: `User${index}`,
  }));
}

function sentRequests(): SendMessageBatchRequest[] {
  return sqsMock.commandCalls(SendMessageBatchCommand).map((call) => call.args[0].input);
}

function sentEntryIds(): string[][] {
  return sentRequests().map((request) => (request.Entries ?? []).map((entry) => entry.Id ?? ''));
}

/** SQS that fails the given entry ids as told and accepts every other entry. */
function failingEntries(failures: Record<string, { Code: string; Message: string; SenderFault: boolean }>) {
  return (request: SendMessageBatchRequest): SendMessageBatchResult => {
    const accepted = acceptEverything(request);
    return {
      Successful: accepted.Successful?.filter((entry) => !(String(entry.Id) in failures)),
      Failed: (request.Entries ?? [])
        .filter((entry) => String(entry.Id) in failures)
        .map((entry) => ({ Id: entry.Id, ...failures[String(entry.Id)] })),
    };
  };
}

function sendOptions(overrides: Partial<SendOrdersOptions> = {}): SendOrdersOptions {
  return {
    queueUrl: QUEUE_URL,
    sendMessageBatch: sqsSendMessageBatch(new SQSClient({ region: 'eu-west-1' })),
    settings: SETTINGS,
    sleep: instantSleep().sleep,
    random: () => 0.5,
    ...overrides,
  };
}

beforeEach(() => {
  sqsMock.reset();
});

describe('sendOrders', () => {
  test('queues every order as its JSON, at most 10 entries per call, to the queue given', async () => {
    sqsMock.on(SendMessageBatchCommand).callsFake(acceptEverything);
    const orders = ordersFactory(25);

    const summary = await sendOrders(orders, sendOptions());

    expect(summary).toStrictEqual({ queued: 25, failed: [] });
    expect(sentRequests().map((request) => request.Entries?.length)).toStrictEqual([10, 10, 5]);
    expect(sqsMock).toHaveReceivedCommandWith(SendMessageBatchCommand, { QueueUrl: QUEUE_URL });
    expect(entriesInRequestOrder(sentRequests())).toStrictEqual(
      orders.map((order, index) => ({ Id: String(index), MessageBody: JSON.stringify(order) })),
    );
  });

  test('keeps every call at or under 1 MiB of bodies and reports an oversize order without sending it', async () => {
    sqsMock.on(SendMessageBatchCommand).callsFake(acceptEverything);
    const orders: unknown[] = ordersFactory(7).map((order) => ({
      ...order,
      items: ['x'.repeat(300 * 1024)],
    }));
    orders.splice(3, 0, { orderId: 'too-big', items: ['x'.repeat(SQS_LIMITS.maxMessageBytes)] });

    const summary = await sendOrders(orders, sendOptions());

    expect(summary).toStrictEqual({
      queued: 7,
      failed: [{ id: 'too-big', reason: 'the order is 1048610 bytes as JSON; SQS takes at most 1048576' }],
    });
    expect(sentEntryIds()).toStrictEqual([['0', '1', '2'], ['4', '5', '6'], ['7']]);
    for (const request of sentRequests()) {
      const bytes = (request.Entries ?? []).reduce(
        (total, entry) => total + Buffer.byteLength(entry.MessageBody ?? ''),
        0,
      );
      expect(bytes).toBeLessThanOrEqual(SQS_LIMITS.maxMessageBytes);
    }
  });

  test('resends an entry reported in Failed, alone, until SQS takes it', async () => {
    sqsMock
      .on(SendMessageBatchCommand)
      .callsFakeOnce(
        failingEntries({ 1: { Code: 'InternalError', Message: 'try again', SenderFault: false } }),
      )
      .callsFake(acceptEverything);
    const { sleep, waits } = instantSleep();

    const summary = await sendOrders(ordersFactory(3), sendOptions({ sleep }));

    expect(summary).toStrictEqual({ queued: 3, failed: [] });
    expect(sentEntryIds()).toStrictEqual([['0', '1', '2'], ['1']]);
    expect(waits).toStrictEqual([50]);
  });

  test('reports an entry that keeps failing with the SQS code and message, after backing off between attempts', async () => {
    sqsMock
      .on(SendMessageBatchCommand)
      .callsFake(failingEntries({ 0: { Code: 'ServiceUnavailable', Message: 'busy', SenderFault: false } }));
    const { sleep, waits } = instantSleep();

    const summary = await sendOrders(ordersFactory(2), sendOptions({ sleep }));

    expect(summary).toStrictEqual({
      queued: 1,
      failed: [{ id: 'order-0', reason: 'ServiceUnavailable: busy (still failing after 4 attempts)' }],
    });
    expect(sentEntryIds()).toStrictEqual([['0', '1'], ['0'], ['0'], ['0']]);
    expect(waits).toStrictEqual([50, 100, 200]);
  });

  test('reports a sender fault at once, without resending it', async () => {
    sqsMock.on(SendMessageBatchCommand).callsFake(
      failingEntries({
        1: { Code: 'InvalidParameterValue', Message: 'message too long', SenderFault: true },
      }),
    );
    const { sleep, waits } = instantSleep();

    const summary = await sendOrders(ordersFactory(2), sendOptions({ sleep }));

    expect(summary).toStrictEqual({
      queued: 1,
      failed: [
        { id: 'order-1', reason: 'InvalidParameterValue: message too long (a sender fault, not retried)' },
      ],
    });
    expect(sentEntryIds()).toStrictEqual([['0', '1']]);
    expect(waits).toStrictEqual([]);
  });

  test('resends every entry of a call that throws', async () => {
    sqsMock
      .on(SendMessageBatchCommand)
      .rejectsOnce(Object.assign(new Error('socket hang up'), { name: 'TimeoutError' }))
      .callsFake(acceptEverything);

    const summary = await sendOrders(ordersFactory(3), sendOptions());

    expect(summary).toStrictEqual({ queued: 3, failed: [] });
    expect(sentEntryIds()).toStrictEqual([
      ['0', '1', '2'],
      ['0', '1', '2'],
    ]);
  });

  test('reports every entry of a call that keeps throwing, with the error', async () => {
    sqsMock
      .on(SendMessageBatchCommand)
      .rejects(Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException' }));

    const summary = await sendOrders(ordersFactory(2), sendOptions());

    expect(summary).toStrictEqual({
      queued: 0,
      failed: [
        { id: 'order-0', reason: 'ThrottlingException: Rate exceeded (still failing after 4 attempts)' },
        { id: 'order-1', reason: 'ThrottlingException: Rate exceeded (still failing after 4 attempts)' },
      ],
    });
    expect(sentRequests()).toHaveLength(SETTINGS.maxAttempts);
  });

  test('resends an entry SQS leaves out of its answer', async () => {
    sqsMock
      .on(SendMessageBatchCommand)
      .callsFakeOnce((request: SendMessageBatchRequest) => ({
        Successful: acceptEverything(request).Successful?.slice(1),
        Failed: [],
      }))
      .callsFake(acceptEverything);

    const summary = await sendOrders(ordersFactory(2), sendOptions());

    expect(summary).toStrictEqual({ queued: 2, failed: [] });
    expect(sentEntryIds()).toStrictEqual([['0', '1'], ['0']]);
  });

  test('reports orders by #position when they have no string orderId', async () => {
    sqsMock.on(SendMessageBatchCommand).callsFake(
      failingEntries({
        0: { Code: 'InvalidMessageContents', Message: 'no', SenderFault: true },
        1: { Code: 'InvalidMessageContents', Message: 'no', SenderFault: true },
      }),
    );

    const summary = await sendOrders(['Hello world.', { orderId: 7 }], sendOptions());

    expect(summary.failed.map((failure) => failure.id)).toStrictEqual(['#0', '#1']);
  });

  test('never has more SendMessageBatch calls in flight than maxConcurrentBatches, and uses them all', async () => {
    let inFlight = 0;
    let mostInFlight = 0;
    const sendMessageBatch = async (request: SendMessageBatchRequest): Promise<SendMessageBatchResult> => {
      inFlight += 1;
      mostInFlight = Math.max(mostInFlight, inFlight);
      await new Promise((resolve) => setTimeout(resolve, 2));
      inFlight -= 1;
      return acceptEverything(request);
    };
    const settings = { ...SETTINGS, maxConcurrentBatches: 3 };

    const summary = await sendOrders(ordersFactory(200), sendOptions({ sendMessageBatch, settings }));

    expect(summary).toStrictEqual({ queued: 200, failed: [] });
    expect(mostInFlight).toBe(3);
  });

  test('counts retries against the bound too', async () => {
    let inFlight = 0;
    let mostInFlight = 0;
    const triedBatches = new Set<string>();
    const sendMessageBatch = async (request: SendMessageBatchRequest): Promise<SendMessageBatchResult> => {
      inFlight += 1;
      mostInFlight = Math.max(mostInFlight, inFlight);
      await new Promise((resolve) => setTimeout(resolve, 1));
      inFlight -= 1;
      const firstEntryId = String(request.Entries?.[0].Id);
      if (!triedBatches.has(firstEntryId)) {
        triedBatches.add(firstEntryId);
        throw new Error('every batch fails once');
      }
      return acceptEverything(request);
    };

    const summary = await sendOrders(ordersFactory(100), sendOptions({ sendMessageBatch }));

    expect(summary).toStrictEqual({ queued: 100, failed: [] });
    expect(triedBatches.size).toBe(10);
    expect(mostInFlight).toBe(SETTINGS.maxConcurrentBatches);
  });

  test('logs each retry', async () => {
    sqsMock
      .on(SendMessageBatchCommand)
      .callsFakeOnce(failingEntries({ 0: { Code: 'InternalError', Message: 'oops', SenderFault: false } }))
      .callsFake(acceptEverything);
    const logger = { warn: jest.fn() };

    await sendOrders(ordersFactory(1), sendOptions({ logger }));

    expect(logger.warn.mock.calls).toStrictEqual([
      [
        'resending batch entries after a failed attempt',
        { attempt: 1, retryingEntries: 1, reason: 'InternalError: oops', delayMilliseconds: 50 },
      ],
    ]);
  });

  test('sends nothing once less than the time reserve is left, and reports each order not sent', async () => {
    sqsMock.on(SendMessageBatchCommand).callsFake(acceptEverything);

    const summary = await sendOrders(ordersFactory(12), sendOptions({ remainingMilliseconds: () => 499.5 }));

    expect(summary.queued).toBe(0);
    expect(summary.failed).toHaveLength(12);
    expect(summary.failed[0]).toStrictEqual({
      id: 'order-0',
      reason: 'not sent: only 499 ms of the invocation left, under the 500 ms kept to report',
    });
    expect(sentRequests()).toStrictEqual([]);
  });

  test('stops retrying when time runs short, reporting the last failure', async () => {
    sqsMock
      .on(SendMessageBatchCommand)
      .callsFake(failingEntries({ 1: { Code: 'InternalError', Message: 'oops', SenderFault: false } }));
    const timeLeft = [60_000, 10_000, 400];

    const summary = await sendOrders(
      ordersFactory(2),
      sendOptions({ remainingMilliseconds: () => timeLeft.shift() ?? 0 }),
    );

    expect(summary).toStrictEqual({
      queued: 1,
      failed: [
        {
          id: 'order-1',
          reason:
            'InternalError: oops (not retried: only 400 ms of the invocation left, under the 500 ms kept to report)',
        },
      ],
    });
    expect(sentEntryIds()).toStrictEqual([['0', '1'], ['1']]);
  });

  test('fails before sending if the settings are unusable', async () => {
    const settings = { ...SETTINGS, maxAttempts: 0 };

    await expect(sendOrders(ordersFactory(1), sendOptions({ settings }))).rejects.toThrow(
      /maxAttempts must be an integer of at least 1 \(given 0\)/,
    );
    expect(sentRequests()).toStrictEqual([]);
  });
});

describe('sendOrders accounts for every order', () => {
  /** A small seeded generator, so a failing mix can be replayed. */
  function seededRandom(seed: number): () => number {
    let state = seed;
    return () => {
      state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
      return state / 2 ** 31;
    };
  }

  test.each([1, 2, 3, 4, 5, 6, 7, 8])(
    'each order is queued or failed, never both, never neither (seed %i)',
    async (seed) => {
      const chance = seededRandom(seed);
      const acceptedEntryIds = new Set<string>();
      sqsMock.on(SendMessageBatchCommand).callsFake((request: SendMessageBatchRequest) => {
        if (chance() < 0.15) throw new Error('network down');
        const outcomes = (request.Entries ?? []).map((entry) => ({ id: String(entry.Id), roll: chance() }));
        const successful = outcomes.filter(({ roll }) => roll >= 0.3);
        for (const { id } of successful) acceptedEntryIds.add(id);
        return {
          Successful: successful.map(({ id }) => ({ Id: id, MessageId: `m-${id}`, MD5OfMessageBody: 'x' })),
          Failed: outcomes
            .filter(({ roll }) => roll < 0.2)
            .map(({ id, roll }) => ({ Id: id, Code: 'E', Message: 'm', SenderFault: roll < 0.05 })),
        };
      });
      const orders: unknown[] = [
        ...ordersFactory(137),
        'not an object',
        { orderId: 'big', items: ['x'.repeat(SQS_LIMITS.maxMessageBytes)] },
        { orderId: 'bad-characters', customerName: '\uFFFE' },
        undefined,
      ];

      const summary = await sendOrders(orders, sendOptions());

      expect(summary.queued + summary.failed.length).toBe(orders.length);
      expect(summary.queued).toBe(acceptedEntryIds.size);
      const failedIds = new Set(summary.failed.map((failure) => failure.id));
      const unaccounted = orders
        .map((order, index) => ({ index, id: reportedOrderId(order, index) }))
        .filter(({ index, id }) => acceptedEntryIds.has(String(index)) === failedIds.has(id));
      expect(unaccounted).toStrictEqual([]);
      expect(
        [...failedIds].filter((id) => ['big', 'bad-characters', '#140'].includes(id)).sort(),
      ).toStrictEqual(['#140', 'bad-characters', 'big']);
    },
  );
});
