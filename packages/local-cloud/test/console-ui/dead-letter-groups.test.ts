import type { DeadLetterView } from '../../src/console/console-contract';
import {
  groupByReason,
  isRedrivable,
  moveTaskText,
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

  test('the status says how a dead letter went back', () => {
    const redriven = (via: 'move-task' | 'resent' | 'recorded-copy') =>
      redriveStatus(
        deadLetterFactory({ redriven: { atMs: 1, messageId: 'n-1', via } }),
        new Set(),
        new Map(),
      );

    expect(redriven('move-task')).toBe('redriven by a message move task as n-1');
    expect(redriven('resent')).toBe('redriven (resent from the dead-letter queue) as n-1');
    expect(redriven('recorded-copy')).toBe('redriven from the recorded copy as n-1');
  });

  test("a move task's progress reads as its queue, status and messages moved, with why it failed", () => {
    const task = {
      deadLetterQueueName: 'Dlq',
      sourceArn: 'arn:aws:sqs:us-east-1:000000000000:Dlq',
      status: 'RUNNING',
      approximateNumberOfMessagesMoved: 3,
      approximateNumberOfMessagesToMove: 10,
      startedMs: 1,
    } as const;

    expect(moveTaskText(task)).toBe('Dlq: RUNNING, 3 of 10 moved');
    expect(
      moveTaskText({ ...task, status: 'FAILED', failureReason: 'AWS.SimpleQueueService.NonExistentQueue' }),
    ).toBe('Dlq: FAILED (AWS.SimpleQueueService.NonExistentQueue), 3 of 10 moved');
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
