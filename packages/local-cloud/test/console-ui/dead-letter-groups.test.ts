import type { DeadLetterView } from '../../src/console/console-contract';
import {
  groupByReason,
  isRedrivable,
  redriveStatus,
  rejectedAgainAs,
} from '../../src/console/ui/dead-letter-groups';

function deadLetterFactory(overrides: Partial<DeadLetterView>): DeadLetterView {
  return {
    id: 'dl',
    deadLetterQueueName: 'orders-dlq',
    messageId: 'm',
    body: '{}',
    arrivedMs: 0,
    arrival: 'sent',
    reason: 'INVALID_ORDER',
    errors: [],
    messageAttributes: {},
    onQueue: true,
    sourceQueueName: 'orders',
    ...overrides,
  };
}

describe('dead letter groups', () => {
  test('group by reason, the largest group first, newest first within it', () => {
    const groups = groupByReason([
      deadLetterFactory({ id: '1', reason: 'RETRIES_EXHAUSTED', arrivedMs: 1 }),
      deadLetterFactory({ id: '2', arrivedMs: 2 }),
      deadLetterFactory({ id: '3', arrivedMs: 3 }),
    ]);

    expect(groups.map((group) => [group.reason, group.deadLetters.map((one) => one.id)])).toStrictEqual([
      ['INVALID_ORDER', ['3', '2']],
      ['RETRIES_EXHAUSTED', ['1']],
    ]);
  });

  test('a dead letter can be redriven until it was, as long as its source queue is known', () => {
    expect(isRedrivable(deadLetterFactory({}))).toBe(true);
    expect(isRedrivable(deadLetterFactory({ onQueue: false }))).toBe(true);
    expect(isRedrivable(deadLetterFactory({ sourceQueueName: undefined }))).toBe(false);
    expect(isRedrivable(deadLetterFactory({ redriven: { atMs: 1, messageId: 'n' } }))).toBe(false);
  });

  test('the status says what became of a redrive', () => {
    const waiting = deadLetterFactory({ id: 'a' });

    expect(redriveStatus(waiting, new Set(['a']), new Map())).toBe('redriving…');
    expect(redriveStatus(waiting, new Set(), new Map([['a', 'queue is gone']]))).toBe(
      'redrive failed: queue is gone',
    );
    expect(
      redriveStatus(deadLetterFactory({ redriven: { atMs: 1, messageId: 'n-1' } }), new Set(), new Map()),
    ).toBe('redriven as n-1');
    expect(redriveStatus(waiting, new Set(), new Map())).toBe('on the dead-letter queue');
    expect(redriveStatus(deadLetterFactory({ onQueue: false }), new Set(), new Map())).toBe(
      'taken off the dead-letter queue by its consumer',
    );
  });

  test('a redriven message rejected again is found by its body, arriving after the redrive', () => {
    const redriven = deadLetterFactory({
      id: 'a',
      body: 'order-1',
      redriven: { atMs: 100, messageId: 'n-1' },
    });
    const earlier = deadLetterFactory({ id: 'b', body: 'order-1', arrivedMs: 50 });
    const other = deadLetterFactory({ id: 'c', body: 'order-2', arrivedMs: 150 });
    const again = deadLetterFactory({ id: 'd', body: 'order-1', arrivedMs: 200, reason: 'INVALID_ORDER' });
    const all = [redriven, earlier, other, again];

    expect(rejectedAgainAs(redriven, all)?.id).toBe('d');
    expect(rejectedAgainAs(again, all)).toBeUndefined();
    expect(redriveStatus(redriven, new Set(), new Map(), all)).toBe(
      'redriven, then rejected again: INVALID_ORDER',
    );
  });
});
