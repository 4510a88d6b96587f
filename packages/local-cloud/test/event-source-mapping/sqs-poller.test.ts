import { setTimeout as sleep } from 'node:timers/promises';
import type { SQSEvent } from 'aws-lambda';
import type {
  BatchSettlement,
  InvocationOutcome,
  SqsEventSourcePoller,
} from '../../src/event-source-mapping/sqs-poller';
import { FakeQueue } from './fake-queue';
import { pollerOn, settingsFor } from './poller-fixtures';

/** Lets a started poller run until `done` holds (bounded by a deadline), then stops it. */
async function stopWhen(
  poller: SqsEventSourcePoller,
  done: () => boolean,
  deadlineMs = 10_000,
): Promise<void> {
  const deadline = Date.now() + deadlineMs;
  while (!done() && Date.now() < deadline) await sleep(10);
  await poller.stop();
}

describe('SqsEventSourcePoller', () => {
  test('invokes with every message once and deletes what succeeded, never over the concurrency cap', async () => {
    const queue = new FakeQueue();
    const sent = queue.send(...Array.from({ length: 45 }, (_, i) => `order ${i}`));
    let concurrent = 0;
    let peak = 0;
    const seen: string[] = [];
    const invoke = async (event: SQSEvent): Promise<InvocationOutcome> => {
      concurrent += 1;
      peak = Math.max(peak, concurrent);
      seen.push(...event.Records.map((record) => record.messageId));
      await sleep(30);
      concurrent -= 1;
      return { status: 'succeeded', response: { batchItemFailures: [] } };
    };
    const poller = pollerOn(queue, settingsFor({ maximumConcurrency: 3 }), {
      invoke,
    });

    poller.start();
    await stopWhen(poller, () => queue.deletedIds.length === 45);

    expect(seen.sort()).toStrictEqual([...sent].sort());
    expect(queue.deletedIds.sort()).toStrictEqual([...sent].sort());
    expect(peak).toBeLessThanOrEqual(3);
    expect(poller.peakConcurrency).toBeLessThanOrEqual(3);
  });

  test('runs as many invocations at once as the cap allows under a backlog', async () => {
    const queue = new FakeQueue();
    queue.send(...Array.from({ length: 40 }, (_, i) => `order ${i}`));
    let concurrent = 0;
    let peak = 0;
    const poller = pollerOn(queue, settingsFor({ maximumConcurrency: 2 }), {
      invoke: async () => {
        concurrent += 1;
        peak = Math.max(peak, concurrent);
        await sleep(50);
        concurrent -= 1;
        return { status: 'succeeded', response: null };
      },
    });

    poller.start();
    await stopWhen(poller, () => queue.deletedIds.length === 40);

    expect(peak).toBe(2);
  });

  test('invokes a trickle of messages one batch at a time, whichever poller receives them', async () => {
    const queue = new FakeQueue();
    const settled: BatchSettlement[] = [];
    const poller = pollerOn(queue, settingsFor({ maximumConcurrency: 5 }), {
      invoke: async () => ({ status: 'succeeded', response: {} }),
      onBatchSettled: (settlement) => settled.push(settlement),
    });
    poller.start();
    for (let i = 0; i < 5; i += 1) {
      queue.send(`order ${i}`);
      await sleep(30);
    }
    await stopWhen(poller, () => queue.deletedIds.length === 5);

    expect(poller.peakConcurrency).toBe(1);
    expect(settled.flatMap((settlement) => settlement.records.map(({ body }) => body))).toStrictEqual(
      Array.from({ length: 5 }, (_, i) => `order ${i}`),
    );
  });

  test('with ReportBatchItemFailures, deletes all but the reported messages', async () => {
    const queue = new FakeQueue();
    const [first, second, third] = queue.send('a', 'b', 'c');
    const settled: BatchSettlement[] = [];
    const poller = pollerOn(queue, settingsFor(), {
      invoke: async () => ({
        status: 'succeeded',
        response: { batchItemFailures: [{ itemIdentifier: second }] },
      }),
      onBatchSettled: (settlement) => settled.push(settlement),
    });

    poller.start();
    await stopWhen(poller, () => settled.length === 1);

    expect(queue.deletedIds.sort()).toStrictEqual([first, third].sort());
    expect(queue.inFlightCount).toBe(1);
    expect(settled[0].leftOnQueue).toMatch(/1 batch item failure/);
  });

  test.each([
    ['a thrown error or timeout', { status: 'failed', error: 'Task timed out after 10.00 seconds' } as const],
    [
      'a malformed response',
      { status: 'succeeded', response: { batchItemFailures: [{ itemIdentifier: 'nope' }] } } as const,
    ],
  ])(
    'leaves the whole batch to its visibility timeout after %s',
    async (_name, outcome: InvocationOutcome) => {
      const queue = new FakeQueue();
      queue.send('a', 'b');
      const settled: BatchSettlement[] = [];
      const poller = pollerOn(queue, settingsFor(), {
        invoke: async () => outcome,
        onBatchSettled: (settlement) => settled.push(settlement),
      });

      poller.start();
      await stopWhen(poller, () => settled.length === 1);

      expect(queue.deletedIds).toStrictEqual([]);
      expect(queue.inFlightCount).toBe(2);
      expect(settled[0].deleted).toBe(0);
    },
  );

  test('without ReportBatchItemFailures, a success deletes the whole batch whatever it answers', async () => {
    const queue = new FakeQueue();
    queue.send('a', 'b');
    const poller = pollerOn(queue, settingsFor({ reportBatchItemFailures: false }), {
      invoke: async () => ({
        status: 'succeeded',
        response: { batchItemFailures: [{ itemIdentifier: 'x' }] },
      }),
    });

    poller.start();
    await stopWhen(poller, () => queue.deletedIds.length === 2);

    expect(queue.deletedIds).toHaveLength(2);
  });

  test('gathers records for the batching window once the first one arrived', async () => {
    const queue = new FakeQueue();
    const batches: number[] = [];
    // One poller, so that the window alone decides the batch (several would share the messages).
    const poller = pollerOn(queue, settingsFor({ maximumBatchingWindowSeconds: 1, maximumConcurrency: 1 }), {
      invoke: async (event) => {
        batches.push(event.Records.length);
        return { status: 'succeeded', response: null };
      },
    });
    poller.start();
    queue.send('first');
    await sleep(300);
    queue.send('second', 'third');

    await stopWhen(poller, () => queue.deletedIds.length === 3);

    expect(batches).toStrictEqual([3]);
  });

  test('invokes as soon as the batch is full, without waiting out the window', async () => {
    const queue = new FakeQueue();
    queue.send(...Array.from({ length: 4 }, (_, i) => `order ${i}`));
    const startedAt = Date.now();
    let invokedAfter = -1;
    const poller = pollerOn(queue, settingsFor({ batchSize: 4, maximumBatchingWindowSeconds: 30 }), {
      invoke: async () => {
        invokedAfter = Date.now() - startedAt;
        return { status: 'succeeded', response: null };
      },
    });

    poller.start();
    await stopWhen(poller, () => queue.deletedIds.length === 4);

    expect(invokedAfter).toBeGreaterThanOrEqual(0);
    expect(invokedAfter).toBeLessThan(5_000);
  });

  test('takes batches of more than 10 records with several receives', async () => {
    const queue = new FakeQueue();
    queue.send(...Array.from({ length: 25 }, (_, i) => `order ${i}`));
    const batches: number[] = [];
    const poller = pollerOn(
      queue,
      settingsFor({ batchSize: 25, maximumBatchingWindowSeconds: 1, maximumConcurrency: 1 }),
      {
        invoke: async (event) => {
          batches.push(event.Records.length);
          return { status: 'succeeded', response: null };
        },
        // One poller, so that one batch gathers the whole backlog (several would share it).
        initialPollers: 1,
      },
    );

    poller.start();
    await stopWhen(poller, () => queue.deletedIds.length === 25);

    expect(batches).toStrictEqual([25]);
  });
});
