import type { InvocationSummary, MappingCap, TimelineSnapshot } from 'local-cloud';

/** What run {@link syntheticTimeline} draws. */
export interface SyntheticTimelineOptions {
  /** Orders the run took; ProcessOrders gets them in batches of `batchSize`. */
  readonly orders: number;
  /** @default 10 */
  readonly batchSize?: number;
  /** Instances of each function (its mapping's MaximumConcurrency). @default 2 */
  readonly lanes?: number;
  /** Every this-many-th ProcessOrders batch rejects one order to FailedOrders. @default 25 */
  readonly partialEvery?: number;
  /** Cloud time of the first INIT_START. @default 1_767_225_600_000 (2026-01-01) */
  readonly startMs?: number;
}

const PROCESS_ORDERS = 'OrderPipeline-ProcessOrders';
const FAILED_ORDERS = 'OrderPipeline-FailedOrders';
const COLD_START_MS = 180;
const GAP_MS = 5;
/** One batch in this many fails as a whole (an error), so the run shows every outcome. */
const ERROR_EVERY = 997;

/** Where each lane of one function is free again, and how many lanes have started. */
interface LaneCursors {
  readonly functionName: string;
  readonly mapping: string;
  readonly freeAtMs: number[];
  readonly started: boolean[];
}

function cursors(functionName: string, mapping: string, lanes: number, startMs: number): LaneCursors {
  return {
    functionName,
    mapping,
    freeAtMs: new Array<number>(lanes).fill(startMs),
    started: new Array<boolean>(lanes).fill(false),
  };
}

/** The next invocation on the lane that is free first, not before `readyMs`. */
function invokeOnFreeLane(
  lanes: LaneCursors,
  readyMs: number,
  durationMs: number,
  fields: Pick<InvocationSummary, 'outcome' | 'batchSize' | 'batchItemFailures'>,
  index: number,
): InvocationSummary {
  const lane = lanes.freeAtMs.indexOf(Math.min(...lanes.freeAtMs));
  const cold = !lanes.started[lane];
  lanes.started[lane] = true;
  const startMs = Math.max(readyMs, lanes.freeAtMs[lane]) + (cold ? COLD_START_MS : GAP_MS);
  const endMs = startMs + durationMs;
  lanes.freeAtMs[lane] = endMs;
  return {
    requestId: `${lanes.functionName}-${index.toString().padStart(6, '0')}`,
    functionName: lanes.functionName,
    logStreamName: `2026/01/01/[$LATEST]${lanes.functionName.toLowerCase()}${lane}`,
    startMs,
    endMs,
    ...(cold ? { initDurationMs: COLD_START_MS } : {}),
    mapping: lanes.mapping,
    ...fields,
  };
}

function mappingCap(lanes: LaneCursors, batchSize: number): MappingCap {
  return {
    mapping: lanes.mapping,
    functionName: lanes.functionName,
    queueName: `${lanes.functionName}-queue`,
    batchSize,
    maximumBatchingWindowSeconds: 5,
    maximumConcurrency: lanes.freeAtMs.length,
  };
}

/**
 * The timeline of an order pipeline's run, without running it: ProcessOrders takes the orders in
 * batches over its lanes (a cold start on each lane's first, durations varying from 30 to 49 ms,
 * every `partialEvery`-th batch a partial failure, a rare error), and FailedOrders takes the
 * rejected orders in batches over lanes of its own. Deterministic, oldest invocation first.
 *
 * @throws RangeError when `orders`, `batchSize`, `lanes` or `partialEvery` is not a whole number of at least 1.
 */
export function syntheticTimeline(options: SyntheticTimelineOptions): TimelineSnapshot {
  const { orders, batchSize = 10, lanes = 2, partialEvery = 25, startMs = 1_767_225_600_000 } = options;
  for (const [name, value] of Object.entries({ orders, batchSize, lanes, partialEvery })) {
    if (!Number.isInteger(value) || value < 1) {
      throw new RangeError(
        `a synthetic timeline's ${name} must be a whole number of at least 1 (given ${value})`,
      );
    }
  }
  const processing = cursors(PROCESS_ORDERS, 'ProcessOrdersMapping', lanes, startMs);
  const failing = cursors(FAILED_ORDERS, 'FailedOrdersMapping', lanes, startMs);
  const invocations: InvocationSummary[] = [];
  let rejected = 0;
  for (let index = 0, left = orders; left > 0; index += 1, left -= batchSize) {
    const size = Math.min(batchSize, left);
    const partial = index % partialEvery === partialEvery - 1;
    const outcome = index % ERROR_EVERY === ERROR_EVERY - 1 ? 'error' : partial ? 'partial' : 'success';
    const failures = partial ? { batchItemFailures: 1 } : {};
    const bar = invokeOnFreeLane(
      processing,
      startMs,
      30 + ((index * 7) % 20),
      { outcome, batchSize: size, ...failures },
      index,
    );
    invocations.push(bar);
    rejected += partial ? 1 : 0;
    if (rejected === batchSize) {
      invocations.push(
        invokeOnFreeLane(failing, bar.endMs ?? startMs, 20, { outcome: 'success', batchSize }, index),
      );
      rejected = 0;
    }
  }
  invocations.sort((left, right) => left.startMs - right.startMs);
  const lastEnd = invocations.reduce((latest, bar) => Math.max(latest, bar.endMs ?? 0), startMs);
  return {
    nowMs: lastEnd + 100,
    invocations,
    mappings: [mappingCap(processing, batchSize), mappingCap(failing, batchSize)],
  };
}
