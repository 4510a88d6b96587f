import type { InvocationSummary, MappingCap } from '../console-contract';

/** How many of a mapping's invocations ran at once, over time, beside its cap. */
export interface BusySeries {
  readonly mapping: string;
  readonly functionName: string;
  /** The mapping's `MaximumConcurrency`. */
  readonly cap: number;
  /** Cloud times (epoch ms) at which the count changed, ascending. */
  readonly times: readonly number[];
  /** The count from each time to the next. */
  readonly busy: readonly number[];
  readonly maxBusy: number;
}

/**
 * For each mapping, the number of its invocations running at once (START to END, the bars of the
 * timeline: one per busy lane) as a step series. An invocation still running counts until `nowMs`.
 */
export function busySeries(
  invocations: readonly InvocationSummary[],
  mappings: readonly MappingCap[],
  nowMs: number,
): BusySeries[] {
  const changesByMapping = new Map<string, [number, number][]>(mappings.map((cap) => [cap.mapping, []]));
  for (const invocation of invocations) {
    const changes = invocation.mapping === undefined ? undefined : changesByMapping.get(invocation.mapping);
    if (!changes) continue;
    changes.push([invocation.startMs, 1], [Math.max(invocation.endMs ?? nowMs, invocation.startMs), -1]);
  }
  return mappings.map((cap) => stepSeries(cap, changesByMapping.get(cap.mapping) ?? []));
}

function stepSeries(cap: MappingCap, changes: [number, number][]): BusySeries {
  // An END and a START at the same ms: the slot was freed first, so the END counts first.
  changes.sort((left, right) => left[0] - right[0] || left[1] - right[1]);
  const times: number[] = [];
  const busy: number[] = [];
  let running = 0;
  let maxBusy = 0;
  for (const [ms, change] of changes) {
    running += change;
    if (times.length > 0 && times[times.length - 1] === ms) busy[busy.length - 1] = running;
    else {
      times.push(ms);
      busy.push(running);
    }
    maxBusy = Math.max(maxBusy, running);
  }
  return {
    mapping: cap.mapping,
    functionName: cap.functionName,
    cap: cap.maximumConcurrency,
    times,
    busy,
    maxBusy,
  };
}

/** The highest count of each function's mappings, by function name. */
export function maxBusyByFunction(series: readonly BusySeries[]): Map<string, number> {
  const result = new Map<string, number>();
  for (const one of series)
    result.set(one.functionName, Math.max(result.get(one.functionName) ?? 0, one.maxBusy));
  return result;
}
