import { planBatches } from '../../../lambdas/generate-orders/plan-batches';
import { SQS_LIMITS } from '../../../shared/sqs-limits';
import { outgoingMessageFactory } from './support';

const KIB = 1024;

function entryIds(batches: readonly { entryId: string }[][]): string[][] {
  return batches.map((batch) => batch.map((message) => message.entryId));
}

describe('planBatches', () => {
  test('packs at most 10 messages per batch, in order', () => {
    const messages = Array.from({ length: 23 }, (_, index) => outgoingMessageFactory(index));

    const plan = planBatches(messages);

    expect(plan.batches.map((batch) => batch.length)).toStrictEqual([10, 10, 3]);
    expect(plan.batches.flat()).toStrictEqual(messages);
    expect(plan.oversize).toStrictEqual([]);
  });

  test('closes a batch before its bodies would pass 1 MiB in all', () => {
    const messages = Array.from({ length: 7 }, (_, index) =>
      outgoingMessageFactory(index, 'x'.repeat(300 * KIB)),
    );

    const plan = planBatches(messages);

    expect(entryIds(plan.batches)).toStrictEqual([['0', '1', '2'], ['3', '4', '5'], ['6']]);
    for (const batch of plan.batches) {
      expect(batch.reduce((total, message) => total + message.bytes, 0)).toBeLessThanOrEqual(
        SQS_LIMITS.maxMessageBytes,
      );
    }
  });

  test('fills a batch to exactly 1 MiB', () => {
    const half = 'x'.repeat(SQS_LIMITS.maxMessageBytes / 2);
    const messages = [
      outgoingMessageFactory(0, half),
      outgoingMessageFactory(1, half),
      outgoingMessageFactory(2),
    ];

    expect(entryIds(planBatches(messages).batches)).toStrictEqual([['0', '1'], ['2']]);
  });

  test('counts bytes, not characters', () => {
    const limits = { maxBatchEntries: 10, maxMessageBytes: 10 };
    const messages = [
      outgoingMessageFactory(0, 'éé'),
      outgoingMessageFactory(1, 'éééé'),
      outgoingMessageFactory(2, 'é'),
    ];

    expect(entryIds(planBatches(messages, limits).batches)).toStrictEqual([['0'], ['1', '2']]);
  });

  test('reports a message of more than 1 MiB instead of sending it, and packs the rest', () => {
    const messages = [
      outgoingMessageFactory(0),
      outgoingMessageFactory(1, 'x'.repeat(SQS_LIMITS.maxMessageBytes + 1)),
      outgoingMessageFactory(2, 'x'.repeat(SQS_LIMITS.maxMessageBytes)),
    ];

    const plan = planBatches(messages);

    expect(entryIds(plan.batches)).toStrictEqual([['0'], ['2']]);
    expect(plan.oversize).toStrictEqual([
      { id: 'order-1', reason: 'the order is 1048577 bytes as JSON; SQS takes at most 1048576' },
    ]);
  });

  test('plans nothing for no messages', () => {
    expect(planBatches([])).toStrictEqual({ batches: [], oversize: [] });
  });
});
