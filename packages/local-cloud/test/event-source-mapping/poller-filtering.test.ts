import { setTimeout as sleep } from 'node:timers/promises';
import type { SQSEvent } from 'aws-lambda';
import type { BatchSettlement, InvocationOutcome } from '../../src/event-source-mapping/sqs-poller';
import { eventually } from '../sqs/support';
import { FakeQueue } from './fake-queue';
import { pollerOn, settingsFor } from './poller-fixtures';

/** Only orders of kind "paid" reach the function. */
const PAID_ONLY = ['{"body":{"kind":["paid"]}}'];

function recordingFunction() {
  const events: SQSEvent[] = [];
  const invoke = async (event: SQSEvent): Promise<InvocationOutcome> => {
    events.push(event);
    return { status: 'succeeded', response: null };
  };
  return { events, invoke };
}

describe('SqsEventSourcePoller with FilterCriteria', () => {
  test('invokes with the matching records only, deletes the others without invoking and counts them', async () => {
    const queue = new FakeQueue();
    const fn = recordingFunction();
    const settled: BatchSettlement[] = [];
    const poller = pollerOn(queue, settingsFor({ filterPatterns: PAID_ONLY, maximumConcurrency: 2 }), {
      invoke: fn.invoke,
      onBatchSettled: (settlement) => settled.push(settlement),
    });
    const [paid, refunded, plainText] = queue.send('{"kind":"paid"}', '{"kind":"refunded"}', 'paid');

    poller.start();
    await eventually(() => queue.deletedIds.length === 3, 10_000);
    await poller.stop();

    expect(fn.events.map((event) => event.Records.map((record) => record.messageId))).toStrictEqual([[paid]]);
    expect(queue.deletedIds.sort()).toStrictEqual([paid, refunded, plainText].sort());
    expect(settled).toStrictEqual([
      {
        mapping: 'ProcessOrdersMapping',
        lane: expect.any(Number),
        records: [{ messageId: paid, body: '{"kind":"paid"}', receiveCount: 1 }],
        batchItemFailureIds: [],
        deleted: 1,
        filteredOut: 2,
      },
    ]);
  });

  test('a batch in which no record matches is deleted without invoking at all', async () => {
    const queue = new FakeQueue();
    const fn = recordingFunction();
    const settled: BatchSettlement[] = [];
    const poller = pollerOn(queue, settingsFor({ filterPatterns: PAID_ONLY }), {
      invoke: fn.invoke,
      onBatchSettled: (settlement) => settled.push(settlement),
    });
    queue.send('{"kind":"refunded"}', '{"kind":"cancelled"}');

    poller.start();
    await eventually(() => queue.deletedIds.length === 2, 10_000);
    await poller.stop();

    expect(fn.events).toStrictEqual([]);
    expect(
      settled.map(({ records, deleted, filteredOut }) => ({ records, deleted, filteredOut })),
    ).toStrictEqual([{ records: [], deleted: 0, filteredOut: 2 }]);
  });

  test('with a pattern Lambda would refuse, reports it once, receives nothing and deletes nothing', async () => {
    const queue = new FakeQueue();
    const fn = recordingFunction();
    const problems: string[] = [];
    const poller = pollerOn(queue, settingsFor({ filterPatterns: ['{"body":{"kind":"paid"}}'] }), {
      invoke: fn.invoke,
      onProblem: (problem) => problems.push(problem),
    });
    queue.send('{"kind":"paid"}');

    poller.start();
    await sleep(100);
    await poller.stop();
    poller.start();

    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(
      /^ProcessOrdersMapping: not polling: Invalid filter pattern .*body\.kind: rules must be in a list/,
    );
    expect([queue.receiveCalls, queue.visibleCount, fn.events.length]).toStrictEqual([0, 1, 0]);
  });
});
