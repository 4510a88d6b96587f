import type { InvocationSummary } from '../console-contract';
import { invocationId } from '../invocation-id';
import { type LaneGroup, type TimelineBar, timelineBar } from './timeline-lanes';

/** A lane's bars by start, kept in place between updates. */
interface LaneBars {
  readonly functionName: string;
  readonly logStreamName: string;
  readonly bars: TimelineBar[];
}

/**
 * The timeline's lanes, kept up to date as invocations stream in: an update places only the
 * invocations it has not seen (or that changed, such as a running one that ended) and moves the
 * end of the running ones to now, instead of sorting every invocation again. It gives what
 * {@link buildLanes} gives for the same invocations.
 */
export class LaneIndex {
  private readonly seen = new Map<string, InvocationSummary>();
  private readonly lanes = new Map<string, LaneBars>();
  private readonly running = new Set<string>();
  private readonly longestByLane = new Map<LaneBars, number>();

  /** The lanes of `invocations` (all of them, as the live state has them), running ones ending at `nowMs`. */
  update(invocations: readonly InvocationSummary[], nowMs: number): LaneGroup[] {
    // Fewer invocations than seen means another run's: start again.
    if (invocations.length < this.seen.size) this.clear();
    const touched = new Set<LaneBars>();
    for (const invocation of invocations) {
      const previous = this.seen.get(invocationId(invocation));
      if (previous === invocation) continue;
      touched.add(this.place(invocation, previous, nowMs));
    }
    for (const id of this.running) {
      const invocation = this.seen.get(id);
      if (invocation) touched.add(this.place(invocation, invocation, nowMs));
    }
    return this.groups(touched);
  }

  private clear(): void {
    this.seen.clear();
    this.lanes.clear();
    this.running.clear();
    this.longestByLane.clear();
  }

  private place(
    invocation: InvocationSummary,
    previous: InvocationSummary | undefined,
    nowMs: number,
  ): LaneBars {
    const lane = this.laneOf(invocation);
    const bar = timelineBar(invocation, nowMs);
    if (previous) lane.bars.splice(indexOf(lane.bars, previous), 1);
    lane.bars.splice(insertionIndex(lane.bars, bar.startMs), 0, bar);
    this.seen.set(bar.id, invocation);
    if (invocation.endMs === undefined) this.running.add(bar.id);
    else this.running.delete(bar.id);
    return lane;
  }

  private laneOf(invocation: InvocationSummary): LaneBars {
    const key = `${invocation.functionName}\n${invocation.logStreamName}`;
    let lane = this.lanes.get(key);
    if (!lane) {
      lane = { functionName: invocation.functionName, logStreamName: invocation.logStreamName, bars: [] };
      this.lanes.set(key, lane);
    }
    return lane;
  }

  // New lane and group objects (the bars' arrays are shared), so what depends on them draws again.
  private groups(touched: ReadonlySet<LaneBars>): LaneGroup[] {
    const byFunction = new Map<string, LaneGroup['lanes'][number][]>();
    for (const lane of this.lanes.values()) {
      if (lane.bars.length === 0) continue;
      const lanes = byFunction.get(lane.functionName) ?? [];
      byFunction.set(lane.functionName, lanes);
      lanes.push({ ...lane, longestBarMs: this.longest(lane, touched.has(lane)) });
    }
    return [...byFunction.entries()]
      .sort(([left], [right]) => left.localeCompare(right))
      .map(([functionName, lanes]) => ({
        functionName,
        lanes: lanes.sort((left, right) => left.bars[0].initStartMs - right.bars[0].initStartMs),
      }));
  }

  private longest(lane: LaneBars, changed: boolean): number {
    let longest = this.longestByLane.get(lane);
    if (longest === undefined || changed) {
      longest = 0;
      for (const bar of lane.bars) longest = Math.max(longest, bar.endMs - bar.initStartMs);
      this.longestByLane.set(lane, longest);
    }
    return longest;
  }
}

// The bar of `invocation`, found by its start (bars by start) then its id.
function indexOf(bars: readonly TimelineBar[], invocation: InvocationSummary): number {
  const id = invocationId(invocation);
  for (let index = insertionIndex(bars, invocation.startMs) - 1; index >= 0; index -= 1) {
    if (bars[index].id === id) return index;
    if (bars[index].startMs < invocation.startMs) break;
  }
  return bars.findIndex((bar) => bar.id === id);
}

/** After every bar that starts at or before `startMs`, as a stable sort by start places it. */
function insertionIndex(bars: readonly TimelineBar[], startMs: number): number {
  let low = 0;
  let high = bars.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (bars[middle].startMs <= startMs) low = middle + 1;
    else high = middle;
  }
  return low;
}
