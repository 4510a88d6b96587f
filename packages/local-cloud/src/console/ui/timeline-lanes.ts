import type { InvocationOutcomeKind, InvocationSummary } from '../console-contract';
import { invocationId } from '../invocation-id';
import type { TimeExtent } from './time-scale';

/** An invocation placed on the timeline, its end resolved (a running one ends now). */
export interface TimelineBar {
  /** The invocation's id ({@link invocationId}): each attempt of a retried request is its own bar. */
  readonly id: string;
  readonly requestId: string;
  readonly startMs: number;
  readonly endMs: number;
  /** When INIT began, on a cold start; `startMs` otherwise. */
  readonly initStartMs: number;
  readonly outcome: InvocationOutcomeKind;
  readonly batchSize?: number;
  readonly summary: InvocationSummary;
}

/** One function instance (one log stream): its invocations, by start. */
export interface Lane {
  readonly functionName: string;
  readonly logStreamName: string;
  readonly bars: readonly TimelineBar[];
  /** The longest bar (INIT included), so a search by time can start early enough to find overlaps. */
  readonly longestBarMs: number;
}

/** A function's lanes, by the start of each instance's first invocation. */
export interface LaneGroup {
  readonly functionName: string;
  readonly lanes: readonly Lane[];
}

/**
 * Sorts the invocations into lanes, one per log stream, grouped by function (by name).
 * @param nowMs where a running invocation's bar ends
 */
export function buildLanes(invocations: readonly InvocationSummary[], nowMs: number): LaneGroup[] {
  const byFunction = new Map<string, Map<string, TimelineBar[]>>();
  for (const invocation of invocations) {
    const streams = entryOf(byFunction, invocation.functionName, () => new Map<string, TimelineBar[]>());
    entryOf(streams, invocation.logStreamName, (): TimelineBar[] => []).push(timelineBar(invocation, nowMs));
  }
  return [...byFunction.entries()]
    .sort(([left], [right]) => left.localeCompare(right))
    .map(([functionName, streams]) => ({
      functionName,
      lanes: [...streams.entries()]
        .map(([logStreamName, bars]) => lane(functionName, logStreamName, bars))
        .sort((left, right) => left.bars[0].initStartMs - right.bars[0].initStartMs),
    }));
}

function entryOf<V>(map: Map<string, V>, key: string, create: () => V): V {
  let value = map.get(key);
  if (value === undefined) {
    value = create();
    map.set(key, value);
  }
  return value;
}

/** An invocation as a bar, its end resolved: a running one ends at `nowMs`. */
export function timelineBar(invocation: InvocationSummary, nowMs: number): TimelineBar {
  const endMs = Math.max(invocation.endMs ?? nowMs, invocation.startMs);
  return {
    id: invocationId(invocation),
    requestId: invocation.requestId,
    startMs: invocation.startMs,
    endMs,
    initStartMs: invocation.startMs - (invocation.initDurationMs ?? 0),
    outcome: invocation.outcome,
    batchSize: invocation.batchSize,
    summary: invocation,
  };
}

function lane(functionName: string, logStreamName: string, bars: TimelineBar[]): Lane {
  bars.sort((left, right) => left.startMs - right.startMs);
  let longestBarMs = 0;
  for (const bar of bars) longestBarMs = Math.max(longestBarMs, bar.endMs - bar.initStartMs);
  return { functionName, logStreamName, bars, longestBarMs };
}

/** The lanes of every group, in drawing order. */
export function allLanes(groups: readonly LaneGroup[]): Lane[] {
  return groups.flatMap((group) => group.lanes);
}

/** From the first INIT or START to the last END; undefined with no invocation. */
export function timelineExtent(groups: readonly LaneGroup[]): TimeExtent | undefined {
  let startMs = Number.POSITIVE_INFINITY;
  let endMs = Number.NEGATIVE_INFINITY;
  for (const lane of allLanes(groups)) {
    for (const bar of lane.bars) {
      startMs = Math.min(startMs, bar.initStartMs);
      endMs = Math.max(endMs, bar.endMs);
    }
  }
  return startMs <= endMs ? { startMs, endMs } : undefined;
}

/** The index of the first bar of `lane` that may still be running at `ms` (INIT included). */
export function firstBarEndingAfter(lane: Lane, ms: number): number {
  const earliestStart = ms - lane.longestBarMs;
  let low = 0;
  let high = lane.bars.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (lane.bars[middle].startMs < earliestStart) low = middle + 1;
    else high = middle;
  }
  while (low < lane.bars.length && lane.bars[low].endMs < ms) low += 1;
  return low;
}
