import { formatRunReport, labelOf } from '../../tools/run-output';
import type { RunReport } from '../../tools/run-report';

function reportWith(rejections: RunReport['rejections'], unaccounted = 0): RunReport {
  return {
    ordersSent: 10 + rejections.length,
    ordersStored: 10,
    ordersRejected: rejections.length,
    ordersUnaccounted: unaccounted,
    ordersStillQueued: 0,
    ordersNotQueued: 0,
    rejections,
    functions: {
      ProcessOrders62B11DFA: {
        instances: 2,
        invocations: 3,
        errors: 0,
        timeouts: 0,
        peakConcurrency: 2,
        peakInstances: 2,
      },
    },
    queues: [],
    timeScale: 10,
    durationMs: 5_360,
  };
}

const missingAddress = (i: number) => ({
  messageId: `m${i}`,
  orderId: `o${i}`,
  reason: 'INVALID_ORDER',
  errors: ['customerAddress: is required'],
});

describe('the summary of a local run', () => {
  test('lists each rejected order with its reasons when there are few', () => {
    const lines = formatRunReport(
      reportWith([
        missingAddress(1),
        { messageId: 'm2', reason: 'INVALID_ORDER', errors: ['body is not JSON: x'] },
      ]),
    );

    expect(lines).toContain('      order o1: INVALID_ORDER: customerAddress: is required');
    expect(lines).toContain('      message m2: INVALID_ORDER: body is not JSON: x');
    expect(lines.at(-1)).toBe('Every order is accounted for.');
  });

  test('counts the rejected orders by reason when there are many', () => {
    const many = [
      ...Array.from({ length: 15 }, (_, i) => missingAddress(i)),
      ...Array.from({ length: 10 }, (_, i) => ({
        messageId: `n${i}`,
        reason: 'RETRIES_EXHAUSTED',
        errors: ['failed 5 times'],
      })),
    ];

    const lines = formatRunReport(reportWith(many), 20);

    expect(lines).toContain('         15 × INVALID_ORDER: customerAddress: is required');
    expect(lines).toContain('         10 × RETRIES_EXHAUSTED: failed 5 times');
    expect(lines.some((line) => line.includes('order o1:'))).toBe(false);
  });

  test('says so when not every order is accounted for', () => {
    expect(formatRunReport(reportWith([], 3)).at(-1)).toBe('NOT every order is accounted for.');
  });

  test('names functions by their logical id without the hash', () => {
    expect(labelOf('ProcessOrders62B11DFA')).toBe('ProcessOrders');
    expect(formatRunReport(reportWith([])).some((line) => line.startsWith('  ProcessOrders '))).toBe(true);
  });
});
