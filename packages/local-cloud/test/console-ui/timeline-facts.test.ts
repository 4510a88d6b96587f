import { busySeries } from '../../src/console/ui/busy-series';
import { describeBar, timelineFacts } from '../../src/console/ui/timeline-facts';
import { buildLanes } from '../../src/console/ui/timeline-lanes';
import { invocationFactory, mappingCapFactory } from './invocation-factory';

describe('timeline facts', () => {
  test('count lanes, invocations, batches and their records, and the most busy at once per function', () => {
    const invocations = [
      invocationFactory({ startMs: 0, endMs: 100, batchSize: 10 }),
      invocationFactory({ startMs: 50, endMs: 150, batchSize: 3, logStreamName: 'b' }),
      invocationFactory({ batchSize: undefined, mapping: undefined, functionName: 'Direct' }),
    ];

    const facts = timelineFacts(invocations, 3, busySeries(invocations, [mappingCapFactory()], 1000));

    expect(facts).toStrictEqual({
      'data-lanes': 3,
      'data-invocations': 3,
      'data-batches': 2,
      'data-records': 13,
      'data-max-busy': '{"ProcessOrders":2}',
      'data-max-busy-ProcessOrders': 2,
    });
  });

  test('a bar reads as its function, batch, outcome, duration, cold start and start', () => {
    const [group] = buildLanes(
      [invocationFactory({ startMs: 1500, endMs: 1620, initDurationMs: 300, batchSize: 7 })],
      0,
    );

    expect(describeBar(group.lanes[0].bars[0], 1000)).toBe(
      'ProcessOrders, batch of 7, success, 120 ms, cold start 300 ms, started at +0.500 s on a. Enter opens it.',
    );
  });
});
