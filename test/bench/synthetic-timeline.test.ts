import type { InvocationSummary } from 'local-cloud';
import { phaseScript } from '../../bench/frame-probe';
import { slowdownPercent } from '../../bench/stats';
import { syntheticTimeline } from '../../bench/synthetic-timeline';

function byFunction(invocations: readonly InvocationSummary[], suffix: string): InvocationSummary[] {
  return invocations.filter((invocation) => invocation.functionName.endsWith(suffix));
}

/** The most bars of one function that overlap at any moment. */
function mostBusyAtOnce(bars: readonly InvocationSummary[]): number {
  const edges = bars.flatMap((bar) => [
    { at: bar.startMs - (bar.initDurationMs ?? 0), change: 1 },
    { at: bar.endMs ?? Number.POSITIVE_INFINITY, change: -1 },
  ]);
  edges.sort((left, right) => left.at - right.at || left.change - right.change);
  let busy = 0;
  let most = 0;
  for (const edge of edges) {
    busy += edge.change;
    most = Math.max(most, busy);
  }
  return most;
}

describe('syntheticTimeline', () => {
  const run = syntheticTimeline({ orders: 100_000 });
  const processing = byFunction(run.invocations, 'ProcessOrders');
  const failing = byFunction(run.invocations, 'FailedOrders');

  test('100,000 orders make 10,000 ProcessOrders batches of 10, every order once', () => {
    expect(processing).toHaveLength(10_000);
    expect(processing.every((bar) => bar.batchSize === 10)).toBe(true);
    expect(processing.reduce((sum, bar) => sum + (bar.batchSize ?? 0), 0)).toBe(100_000);
  });

  test('every rejected order reaches FailedOrders in batches of 10', () => {
    const rejected = processing.reduce((sum, bar) => sum + (bar.batchItemFailures ?? 0), 0);
    expect(rejected).toBe(400);
    expect(failing).toHaveLength(40);
    expect(failing.reduce((sum, bar) => sum + (bar.batchSize ?? 0), 0)).toBe(rejected);
  });

  test('each function runs on 2 lanes, never more than 2 busy at once, a cold start on each', () => {
    for (const bars of [processing, failing]) {
      expect(new Set(bars.map((bar) => bar.logStreamName)).size).toBe(2);
      expect(mostBusyAtOnce(bars)).toBeLessThanOrEqual(2);
      expect(bars.filter((bar) => bar.initDurationMs !== undefined)).toHaveLength(2);
    }
    // ProcessOrders always has work waiting, so both its lanes are busy together.
    expect(mostBusyAtOnce(processing)).toBe(2);
    expect(run.mappings.map((cap) => cap.maximumConcurrency)).toStrictEqual([2, 2]);
  });

  test('invocations are oldest first, ended before nowMs, with unique request ids and every outcome', () => {
    const starts = run.invocations.map((bar) => bar.startMs);
    expect(starts).toStrictEqual([...starts].sort((left, right) => left - right));
    expect(run.invocations.every((bar) => (bar.endMs ?? Number.POSITIVE_INFINITY) < run.nowMs)).toBe(true);
    expect(new Set(run.invocations.map((bar) => bar.requestId)).size).toBe(run.invocations.length);
    expect(new Set(run.invocations.map((bar) => bar.outcome))).toStrictEqual(
      new Set(['success', 'partial', 'error']),
    );
  });

  test('a last batch smaller than the batch size keeps the remainder', () => {
    const small = syntheticTimeline({ orders: 25, batchSize: 10, partialEvery: 100 });
    expect(small.invocations.map((bar) => bar.batchSize)).toStrictEqual([10, 10, 5]);
  });

  test('counts that are not whole numbers of at least 1 are refused by name', () => {
    expect(() => syntheticTimeline({ orders: 0 })).toThrow(
      /orders must be a whole number of at least 1 \(given 0\)/,
    );
    expect(() => syntheticTimeline({ orders: 10, lanes: 1.5 })).toThrow(/lanes .*\(given 1.5\)/);
  });
});

describe('the console benchmark', () => {
  test("slowdownPercent is the open run's loss in percent of the run without console", () => {
    expect(slowdownPercent(1000, 960)).toBe(4);
    expect(slowdownPercent(1000, 1050)).toBe(-5);
  });

  test('the frame probe is one expression called with its phase', () => {
    const script = phaseScript({ key: '+', shiftKey: false, steps: 3 });
    expect(script).toMatch(/^\(async \(\{ key, shiftKey, steps, redrawWaitMs \}\) => \{/);
    expect(script).toMatch(/\)\(\{"key":"\+","shiftKey":false,"steps":3,"redrawWaitMs":5000\}\)$/);
    expect(() => new Function(`return ${script.replace(/^\(async/, '(async')}`)).not.toThrow();
  });
});
