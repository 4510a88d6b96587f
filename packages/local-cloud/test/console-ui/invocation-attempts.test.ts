import { attemptLinks } from '../../src/console/ui/attempt-links';
import { LaneIndex } from '../../src/console/ui/lane-index';
import { withInvocations } from '../../src/console/ui/live-state';
import { describeBar } from '../../src/console/ui/timeline-facts';
import { allLanes, buildLanes } from '../../src/console/ui/timeline-lanes';
import { layoutTimeline, moveFocus } from '../../src/console/ui/timeline-layout';
import { invocationFactory } from './invocation-factory';

/** A request Lambda ran three times (two retries), each attempt on its own instance but the last. */
function retriedRequest() {
  const attempt = (number: number, logStreamName: string, startMs: number) =>
    invocationFactory({
      requestId: 'r-1',
      attempt: number,
      attempts: 3,
      logStreamName,
      startMs,
      endMs: startMs + 50,
      outcome: number === 3 ? 'success' : 'error',
      batchSize: undefined,
      mapping: undefined,
    });
  return [attempt(1, 'a', 0), attempt(2, 'b', 60_000), attempt(3, 'a', 180_000)];
}

describe('the attempts of a retried request, on the page', () => {
  test('each attempt is its own bar, in the lane of the instance that ran it', () => {
    const lanes = allLanes(buildLanes(retriedRequest(), 200_000));

    expect(lanes.map((lane) => [lane.logStreamName, lane.bars.map((bar) => bar.id)])).toStrictEqual([
      ['a', ['r-1', 'r-1:3']],
      ['b', ['r-1:2']],
    ]);
  });

  test('the lane index and the live state keep every attempt, not the last one heard of', () => {
    const attempts = retriedRequest();
    const state = withInvocations({ invocations: new Map(), nowMs: 0 } as never, attempts);

    expect([...state.invocations.keys()]).toStrictEqual(['r-1', 'r-1:2', 'r-1:3']);
    const groups = new LaneIndex().update([...state.invocations.values()], 200_000);
    expect(groups).toStrictEqual(buildLanes(attempts, 200_000));
  });

  test('the keyboard moves from attempt to attempt by their ids', () => {
    const layout = layoutTimeline(buildLanes(retriedRequest(), 200_000));

    expect(moveFocus(layout, 'r-1', 'next')?.id).toBe('r-1:3');
    expect(moveFocus(layout, 'r-1:3', 'lane-below')?.id).toBe('r-1:2');
  });

  test('a bar says which attempt it is', () => {
    const bar = allLanes(buildLanes(retriedRequest(), 200_000))[1].bars[0];

    expect(describeBar(bar, 0)).toContain('attempt 2 of 3 of its request');
  });

  test('the panel links every attempt of the request, the one it shows marked current', () => {
    expect(attemptLinks({ requestId: 'r-1', attempt: 2, attempts: 3 })).toStrictEqual([
      { attempt: 1, id: 'r-1', current: false },
      { attempt: 2, id: 'r-1:2', current: true },
      { attempt: 3, id: 'r-1:3', current: false },
    ]);
    expect(attemptLinks({ requestId: 'r-2' })).toStrictEqual([]);
  });
});
