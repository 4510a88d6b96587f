import { buildLanes } from '../../src/console/ui/timeline-lanes';
import { barAt, layoutTimeline, moveFocus, rowAt } from '../../src/console/ui/timeline-layout';
import { invocationFactory } from './invocation-factory';

const sizes = { axisHeight: 20, headingHeight: 10, laneHeight: 20, laneGap: 5 };
const groups = buildLanes(
  [
    invocationFactory({ requestId: 'a1', logStreamName: 'a', startMs: 0, endMs: 100 }),
    invocationFactory({ requestId: 'a2', logStreamName: 'a', startMs: 200, endMs: 300 }),
    invocationFactory({ requestId: 'b1', logStreamName: 'b', startMs: 180, endMs: 260 }),
    invocationFactory({
      requestId: 'c1',
      functionName: 'Zeta',
      logStreamName: 'c',
      startMs: 500,
      endMs: 501,
    }),
  ],
  1000,
);
const layout = layoutTimeline(groups, sizes);
const scale = { startMs: 0, endMs: 1000, widthPx: 1000 };

describe('timeline layout', () => {
  test('puts the axis, then each function heading and its lanes', () => {
    expect(layout.headings.map((heading) => [heading.functionName, heading.y])).toStrictEqual([
      ['ProcessOrders', 20],
      ['Zeta', 80],
    ]);
    expect(layout.rows.map((row) => [row.lane.logStreamName, row.y])).toStrictEqual([
      ['a', 30],
      ['b', 55],
      ['c', 90],
    ]);
    expect(layout.height).toBe(120);
    expect(rowAt(layout, 75)).toBeUndefined();
  });

  test('a click finds the bar under it, or a narrow one a few pixels away', () => {
    expect(barAt(layout, scale, 50, 35)?.requestId).toBe('a1');
    expect(barAt(layout, scale, 250, 60)?.requestId).toBe('b1');
    expect(barAt(layout, scale, 503, 95)?.requestId).toBe('c1');
    expect(barAt(layout, scale, 150, 35)).toBeUndefined();
    expect(barAt(layout, scale, 50, 10)).toBeUndefined();
  });

  test('keys move the focus along a lane and to the nearest bar of the next lane', () => {
    expect(moveFocus(layout, undefined, 'next')?.requestId).toBe('a1');
    expect(moveFocus(layout, 'a1', 'next')?.requestId).toBe('a2');
    expect(moveFocus(layout, 'a2', 'next')?.requestId).toBe('a2');
    expect(moveFocus(layout, 'a2', 'lane-below')?.requestId).toBe('b1');
    expect(moveFocus(layout, 'b1', 'lane-below')?.requestId).toBe('c1');
    expect(moveFocus(layout, 'a1', 'lane-above')?.requestId).toBe('a1');
  });
});
