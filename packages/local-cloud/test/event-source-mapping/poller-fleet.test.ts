import { setTimeout as sleep } from 'node:timers/promises';
import type { SQSEvent } from 'aws-lambda';
import type { InvocationOutcome, SqsEventSourcePoller } from '../../src/event-source-mapping/sqs-poller';
import { eventually } from '../sqs/support';
import { FakeQueue } from './fake-queue';
import { pollerOn, settingsFor } from './poller-fixtures';

/** Polls `done` for at most 10 real seconds. */
const waitFor = (done: () => boolean) => eventually(done, 10_000);

/** A function that takes `ms` per batch and records each batch: its size, when and beside how many. */
function slowFunction(ms: number) {
  const batches: { size: number; concurrent: number; at: number }[] = [];
  let concurrent = 0;
  const invoke = async (event: SQSEvent): Promise<InvocationOutcome> => {
    concurrent += 1;
    batches.push({ size: event.Records.length, concurrent, at: Date.now() });
    await sleep(ms);
    concurrent -= 1;
    return { status: 'succeeded', response: null };
  };
  return { batches, invoke };
}

const backlog = (queue: FakeQueue, count: number) =>
  queue.send(...Array.from({ length: count }, (_, index) => `order ${index}`));

describe('the poller fleet of an SQS event source mapping', () => {
  let poller: SqsEventSourcePoller | undefined;

  afterEach(async () => {
    await poller?.stop();
    poller = undefined;
  });

  test.each([
    [20, 5],
    [2, 5],
  ])(
    'with a cap of %i, %i pollers poll the quiet queue at once, as Lambda keeps five whatever the cap',
    async (maximumConcurrency, expected) => {
      const queue = new FakeQueue();
      poller = pollerOn(queue, settingsFor({ maximumConcurrency }), { invoke: slowFunction(1).invoke });

      poller.start();
      await sleep(100);

      expect(poller.activeLanes).toBe(expected);
    },
  );

  test("a burst of 11 with a batching window and a cap of 2 is split into two invocations (the lecture's demo)", async () => {
    const queue = new FakeQueue();
    const fn = slowFunction(1);
    poller = pollerOn(
      queue,
      settingsFor({ batchSize: 10, maximumBatchingWindowSeconds: 1, maximumConcurrency: 2 }),
      {
        invoke: fn.invoke,
      },
    );
    poller.start();
    await sleep(100);

    backlog(queue, 11);
    await waitFor(() => queue.deletedIds.length === 11);

    expect(fn.batches.map((batch) => batch.size).sort((a, b) => a - b)).toStrictEqual([1, 10]);
  });

  test('never runs more invocations at once than the cap under a backlog', async () => {
    const queue = new FakeQueue();
    const fn = slowFunction(20);
    backlog(queue, 120);
    poller = pollerOn(queue, settingsFor({ batchSize: 1, maximumConcurrency: 3 }), { invoke: fn.invoke });

    poller.start();
    await waitFor(() => queue.deletedIds.length === 120);

    expect(Math.max(...fn.batches.map((batch) => batch.concurrent))).toBe(3);
    expect(poller.peakConcurrency).toBe(3);
  });

  test('adds pollers while batches come back full, no faster than 300 a minute, up to the cap', async () => {
    const queue = new FakeQueue();
    const fn = slowFunction(50);
    backlog(queue, 2000);
    poller = pollerOn(queue, settingsFor({ batchSize: 1, maximumConcurrency: 8 }), { invoke: fn.invoke });
    const startedAt = Date.now();

    poller.start();
    await waitFor(() => fn.batches.some((batch) => batch.concurrent === 8));

    // Five pollers at the start, then at most one more per 200 ms (the clock is the real one).
    const overRate = fn.batches.filter(
      (batch) => batch.concurrent > 5 + Math.floor((batch.at - startedAt) / 200),
    );
    expect(overRate).toStrictEqual([]);
    expect(poller.peakConcurrency).toBe(8);
  });

  test('ends the added pollers once receives come back empty, down to five', async () => {
    const queue = new FakeQueue();
    const fn = slowFunction(20);
    backlog(queue, 400);
    poller = pollerOn(queue, settingsFor({ batchSize: 1, maximumConcurrency: 8 }), { invoke: fn.invoke });
    poller.start();
    await waitFor(() => poller?.activeLanes === 8);

    await waitFor(() => queue.deletedIds.length === 400);
    await waitFor(() => poller?.activeLanes === 5);

    expect(poller.activeLanes).toBe(5);
  });

  test('a raised cap lets a backlog add pollers past five, up to the new cap', async () => {
    const queue = new FakeQueue();
    const fn = slowFunction(50);
    backlog(queue, 600);
    poller = pollerOn(queue, settingsFor({ batchSize: 1, maximumConcurrency: 2 }), { invoke: fn.invoke });
    poller.start();
    await sleep(300);
    const before = poller.activeLanes;

    poller.update({ maximumConcurrency: 8 });
    await waitFor(() => poller?.activeLanes === 8);

    expect(before).toBe(5);
    expect(poller.peakConcurrency).toBeLessThanOrEqual(8);
  });

  test('a lowered cap ends the pollers over five and holds the invocations to the new cap', async () => {
    const queue = new FakeQueue();
    const fn = slowFunction(20);
    backlog(queue, 2000);
    poller = pollerOn(queue, settingsFor({ batchSize: 1, maximumConcurrency: 8 }), { invoke: fn.invoke });
    poller.start();
    await waitFor(() => poller?.activeLanes === 8);

    poller.update({ maximumConcurrency: 2 });
    await waitFor(() => poller?.activeLanes === 5);
    const loweredAt = fn.batches.length;
    await waitFor(() => fn.batches.length >= loweredAt + 40);
    // Invocations started before the update may still be running beside the first ones after it.
    const afterUpdate = fn.batches.slice(loweredAt + 10);

    expect(poller.activeLanes).toBe(5);
    expect(Math.max(...afterUpdate.map((batch) => batch.concurrent))).toBe(2);
  });
});
