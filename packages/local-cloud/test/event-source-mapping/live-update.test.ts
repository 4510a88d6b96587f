import { setTimeout as sleep } from 'node:timers/promises';
import type { SQSEvent } from 'aws-lambda';
import type { InvocationOutcome } from '../../src/event-source-mapping/sqs-poller';
import { eventually } from '../sqs/support';
import { FakeQueue } from './fake-queue';
import { pollerOn, settingsFor } from './poller-fixtures';

/** Up to 4 concurrent invocations, and no ReportBatchItemFailures: a successful batch is deleted whole. */
const SETTINGS = settingsFor({ maximumConcurrency: 4, reportBatchItemFailures: false });

/** Polls `done` for at most 10 real seconds. */
const waitFor = (done: () => boolean) => eventually(done, 10_000);

/** A function that takes `ms` per batch and records each batch's size and the concurrency it ran at. */
function slowFunction(ms: number) {
  const batches: { size: number; concurrent: number }[] = [];
  let concurrent = 0;
  const invoke = async (event: SQSEvent): Promise<InvocationOutcome> => {
    concurrent += 1;
    batches.push({ size: event.Records.length, concurrent });
    await sleep(ms);
    concurrent -= 1;
    return { status: 'succeeded', response: null };
  };
  return { batches, invoke };
}

describe('SqsEventSourcePoller updated while it runs', () => {
  test('a new batch size applies from the next gather on', async () => {
    const queue = new FakeQueue();
    const fn = slowFunction(1);
    const poller = pollerOn(queue, SETTINGS, { invoke: fn.invoke });
    poller.start();
    queue.send('a', 'b', 'c');
    await waitFor(() => queue.deletedIds.length === 3);

    poller.update({ batchSize: 1 });
    // The lane may be in a receive that started with the old settings: let it come back empty first.
    await sleep(100);
    const before = fn.batches.length;
    queue.send('d', 'e', 'f');
    await waitFor(() => queue.deletedIds.length === 6);
    await poller.stop();

    expect(fn.batches[0].size).toBe(3);
    expect(fn.batches.slice(before).map((batch) => batch.size)).toStrictEqual([1, 1, 1]);
    expect(poller.currentSettings.batchSize).toBe(1);
  });

  test('a lowered concurrency cap ends the lanes over it once their batch has settled', async () => {
    const queue = new FakeQueue();
    const fn = slowFunction(40);
    const poller = pollerOn(queue, { ...SETTINGS, batchSize: 1 }, { invoke: fn.invoke });
    queue.send(...Array.from({ length: 200 }, (_, index) => `order ${index}`));
    poller.start();
    await waitFor(() => fn.batches.some((batch) => batch.concurrent === 4));

    poller.update({ maximumConcurrency: 2 });
    // Every lane over the cap finishes the batch it holds (one 40 ms invocation), then ends.
    await sleep(150);
    const afterUpdate = fn.batches.length;
    await waitFor(() => fn.batches.length >= afterUpdate + 10);
    await poller.stop();

    expect(Math.max(...fn.batches.slice(0, afterUpdate).map((batch) => batch.concurrent))).toBe(4);
    expect(Math.max(...fn.batches.slice(afterUpdate).map((batch) => batch.concurrent))).toBeLessThanOrEqual(
      2,
    );
  });

  test('stop() waits for the batch in flight to settle, and start() polls again afterwards', async () => {
    const queue = new FakeQueue();
    const fn = slowFunction(100);
    const poller = pollerOn(queue, SETTINGS, { invoke: fn.invoke });
    poller.start();
    const [inFlight] = queue.send('in flight');
    await waitFor(() => fn.batches.length === 1);

    await poller.stop();
    const deletedAtStop = [...queue.deletedIds];
    const [waiting] = queue.send('sent while stopped');
    await sleep(100);
    const visibleWhileStopped = queue.visibleCount;
    poller.start();
    await waitFor(() => queue.deletedIds.length === 2);
    await poller.stop();

    expect(deletedAtStop).toStrictEqual([inFlight]);
    expect(visibleWhileStopped).toBe(1);
    expect(poller.activeLanes).toBe(0);
    expect(queue.deletedIds).toStrictEqual([inFlight, waiting]);
  });
});
