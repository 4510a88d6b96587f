import { buildLanes, firstBarEndingAfter, timelineExtent } from '../../src/console/ui/timeline-lanes';
import { invocationFactory } from './invocation-factory';

describe('buildLanes', () => {
  test('one lane per log stream, grouped by function, each lane by start', () => {
    const groups = buildLanes(
      [
        invocationFactory({ logStreamName: 'b', startMs: 2000, endMs: 2100 }),
        invocationFactory({ logStreamName: 'a', startMs: 3000, endMs: 3100 }),
        invocationFactory({ logStreamName: 'a', startMs: 1000, endMs: 1100 }),
        invocationFactory({ functionName: 'Audit', logStreamName: 'c' }),
      ],
      5000,
    );

    expect(
      groups.map((group) => [group.functionName, group.lanes.map((lane) => lane.logStreamName)]),
    ).toStrictEqual([
      ['Audit', ['c']],
      ['ProcessOrders', ['a', 'b']],
    ]);
    expect(groups[1].lanes[0].bars.map((bar) => bar.startMs)).toStrictEqual([1000, 3000]);
  });

  test('a running invocation ends now, and a cold start begins at INIT', () => {
    const [group] = buildLanes(
      [invocationFactory({ startMs: 1000, endMs: undefined, initDurationMs: 250, outcome: 'running' })],
      4000,
    );
    const [bar] = group.lanes[0].bars;

    expect([bar.initStartMs, bar.startMs, bar.endMs]).toStrictEqual([750, 1000, 4000]);
    expect(timelineExtent([group])).toStrictEqual({ startMs: 750, endMs: 4000 });
  });

  test('no invocation has no extent', () => {
    expect(timelineExtent(buildLanes([], 0))).toBeUndefined();
  });

  test('finds the first bar still running at a time, INIT included', () => {
    const [group] = buildLanes(
      [
        invocationFactory({ startMs: 0, endMs: 100 }),
        invocationFactory({ startMs: 200, endMs: 300, initDurationMs: 50 }),
        invocationFactory({ startMs: 400, endMs: 500 }),
      ],
      1000,
    );
    const lane = group.lanes[0];

    expect(firstBarEndingAfter(lane, 0)).toBe(0);
    expect(firstBarEndingAfter(lane, 150)).toBe(1);
    expect(firstBarEndingAfter(lane, 301)).toBe(2);
    expect(firstBarEndingAfter(lane, 600)).toBe(3);
  });
});
