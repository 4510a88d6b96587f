import type { InvocationSummary } from '../console-contract';
import { type BusySeries, maxBusyByFunction } from './busy-series';
import type { TimelineBar } from './timeline-lanes';

/**
 * What the browser tests read off the timeline's root: `data-lanes`, `data-invocations`,
 * `data-batches` (invocations with a batch), `data-records` (their records), per function with a
 * mapping `data-max-busy-<functionName>` (HTML lower-cases the name; `getAttribute` does too), and
 * all of those in `data-max-busy` as JSON, the names as they are.
 */
export function timelineFacts(
  invocations: readonly InvocationSummary[],
  laneCount: number,
  series: readonly BusySeries[],
): Record<string, number | string> {
  const batches = invocations.filter((invocation) => invocation.batchSize !== undefined);
  const maxBusy = maxBusyByFunction(series);
  const facts: Record<string, number | string> = {
    'data-lanes': laneCount,
    'data-invocations': invocations.length,
    'data-batches': batches.length,
    'data-records': batches.reduce((sum, invocation) => sum + (invocation.batchSize ?? 0), 0),
    'data-max-busy': JSON.stringify(Object.fromEntries(maxBusy)),
  };
  for (const [functionName, most] of maxBusy) facts[`data-max-busy-${functionName}`] = most;
  return facts;
}

/** A bar in words, for the screen reader's live region as the keyboard moves the focus. */
export function describeBar(bar: TimelineBar, originMs: number): string {
  const batch = bar.batchSize === undefined ? 'direct invoke' : `batch of ${bar.batchSize}`;
  const initMs = bar.startMs - bar.initStartMs;
  const cold = initMs > 0 ? `, cold start ${initMs.toFixed(0)} ms` : '';
  const start = ((bar.startMs - originMs) / 1000).toFixed(3);
  const duration = (bar.endMs - bar.startMs).toFixed(0);
  const where = bar.summary.logStreamName;
  const { attempt, attempts } = bar.summary;
  const retry = attempt === undefined ? '' : `, attempt ${attempt} of ${attempts ?? attempt} of its request`;
  return `${bar.summary.functionName}, ${batch}${retry}, ${bar.outcome}, ${duration} ms${cold}, started at +${start} s on ${where}. Enter opens it.`;
}
