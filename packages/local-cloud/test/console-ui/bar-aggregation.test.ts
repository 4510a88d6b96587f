import { laneDrawItems } from '../../src/console/ui/bar-aggregation';
import { buildLanes } from '../../src/console/ui/timeline-lanes';
import { invocationFactory } from './invocation-factory';

function laneOf(...invocations: ReturnType<typeof invocationFactory>[]) {
  return buildLanes(invocations, 100_000)[0].lanes[0];
}

describe('laneDrawItems', () => {
  test('wide bars are drawn as they are, with their INIT segment before START', () => {
    const lane = laneOf(invocationFactory({ startMs: 100, endMs: 300, initDurationMs: 100, batchSize: 7 }));

    const [item] = laneDrawItems(lane, { startMs: 0, endMs: 1000, widthPx: 1000 });

    expect(item).toMatchObject({ kind: 'bar', x: 100, width: 200, initX: 0, initWidth: 100 });
    expect(item.kind === 'bar' && item.bar.batchSize).toBe(7);
  });

  test('narrow bars that start in the same pixel column are one column: their most common outcome, and the worst', () => {
    const lane = laneOf(
      invocationFactory({ startMs: 0, endMs: 3, outcome: 'success' }),
      invocationFactory({ startMs: 4, endMs: 6, outcome: 'error' }),
      invocationFactory({ startMs: 7, endMs: 13, outcome: 'partial' }),
      invocationFactory({ startMs: 8, endMs: 9, outcome: 'partial' }),
      invocationFactory({ startMs: 14, endMs: 16, outcome: 'success' }),
      invocationFactory({ startMs: 500, endMs: 501, outcome: 'success' }),
    );

    const items = laneDrawItems(lane, { startMs: 0, endMs: 10_000, widthPx: 1000 });

    expect(items).toStrictEqual([
      { kind: 'column', x: 0, width: 1, count: 4, common: 'partial', worst: 'error' },
      { kind: 'column', x: 1, width: 1, count: 1, common: 'success', worst: 'success' },
      { kind: 'column', x: 50, width: 1, count: 1, common: 'success', worst: 'success' },
    ]);
  });

  test('only bars in the visible span are considered', () => {
    const lane = laneOf(
      invocationFactory({ startMs: 0, endMs: 100 }),
      invocationFactory({ startMs: 1000, endMs: 1100 }),
      invocationFactory({ startMs: 5000, endMs: 5100 }),
    );

    const items = laneDrawItems(lane, { startMs: 900, endMs: 1200, widthPx: 300 });

    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ kind: 'bar', x: 100, width: 100 });
  });

  test('10,000 back-to-back invocations zoomed out draw as at most one item per pixel column', () => {
    const invocations = Array.from({ length: 10_000 }, (_, index) =>
      invocationFactory({ startMs: index * 10, endMs: index * 10 + 8 }),
    );
    const lane = laneOf(...invocations);

    const items = laneDrawItems(lane, { startMs: 0, endMs: 100_000, widthPx: 1000 });

    expect(items.length).toBeLessThanOrEqual(1000);
    expect(items.reduce((sum, item) => sum + (item.kind === 'column' ? item.count : 1), 0)).toBe(10_000);
  });

  test('a tie goes to the worse outcome', () => {
    const lane = laneOf(
      invocationFactory({ startMs: 0, endMs: 1, outcome: 'error' }),
      invocationFactory({ startMs: 2, endMs: 3, outcome: 'success' }),
    );

    expect(laneDrawItems(lane, { startMs: 0, endMs: 10_000, widthPx: 1000 })).toStrictEqual([
      { kind: 'column', x: 0, width: 1, count: 2, common: 'error', worst: 'error' },
    ]);
  });
});
