import type { InvocationSummary } from '../../src/console/console-contract';
import { LaneIndex } from '../../src/console/ui/lane-index';
import { buildLanes } from '../../src/console/ui/timeline-lanes';
import { invocationFactory } from './invocation-factory';

/** `count` invocations over two functions and three streams, every third one still running. */
function streamingRun(count: number): InvocationSummary[] {
  return Array.from({ length: count }, (_, index) =>
    invocationFactory({
      functionName: index % 5 === 0 ? 'FailedOrders' : 'ProcessOrders',
      logStreamName: `stream-${index % 3}`,
      startMs: 1000 + index * 40,
      endMs: index % 3 === 0 ? undefined : 1000 + index * 40 + 35,
      outcome: index % 3 === 0 ? 'running' : 'success',
      ...(index % 7 === 0 ? { initDurationMs: 200 } : {}),
    }),
  );
}

/** The invocation as it is once it ended. */
function ended(invocation: InvocationSummary): InvocationSummary {
  return { ...invocation, endMs: invocation.startMs + 30, outcome: 'success' };
}

describe('LaneIndex', () => {
  test('gives what buildLanes gives, update after update, as invocations arrive and end', () => {
    const run = streamingRun(60);
    const index = new LaneIndex();
    let shown: InvocationSummary[] = [];

    for (let batch = 0; batch < 6; batch += 1) {
      // Last batch's running invocations end; ten new ones arrive (one out of order).
      shown = shown.map((invocation) => (invocation.endMs === undefined ? ended(invocation) : invocation));
      const arriving = run.slice(batch * 10, batch * 10 + 10);
      shown.push(...arriving.slice(1), arriving[0]);
      const nowMs = 1000 + (batch + 1) * 400;

      expect(index.update(shown, nowMs)).toStrictEqual(buildLanes(shown, nowMs));
    }
  });

  test('moves a running bar to now at each update, with no new invocation', () => {
    const running = invocationFactory({ startMs: 1000, endMs: undefined, outcome: 'running' });
    const index = new LaneIndex();
    index.update([running], 2000);

    const [group] = index.update([running], 3000);

    expect(group.lanes[0].bars[0].endMs).toBe(3000);
    expect(group.lanes[0].longestBarMs).toBe(2000);
  });

  test('fewer invocations than it saw (a new run) start it again', () => {
    const index = new LaneIndex();
    index.update(streamingRun(9), 5000);
    const next = streamingRun(2);

    expect(index.update(next, 5000)).toStrictEqual(buildLanes(next, 5000));
  });
});
