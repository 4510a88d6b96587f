import type { LocalFunctionDefinition } from '../assembly/local-stack';

/** How much a function has run, for the summary of a local run. */
export interface FunctionStatistics {
  readonly logicalId: string;
  readonly functionName: string;
  /** Instances started, alive or not: the number of cold starts. */
  readonly instances: number;
  readonly invocations: number;
  /** Invocations that ended with a function error (thrown, timed out, crashed). */
  readonly errors: number;
  readonly timeouts: number;
  readonly throttles: number;
  /** Instances alive now. */
  readonly alive: number;
  /** Invocations running now. */
  readonly busy: number;
  /** The most invocations that ran at once. */
  readonly peakConcurrency: number;
  /** The most instances that were alive at once, busy or idle. */
  readonly peakInstances: number;
}

/** What the local Lambda counts of a function as it runs, from which {@link FunctionStatistics} are made. */
export interface FunctionCounters {
  /** Instances started. */
  started: number;
  invocations: number;
  errors: number;
  timeouts: number;
  throttles: number;
  /** Invocations running now. */
  busy: number;
  peakConcurrency: number;
  peakInstances: number;
}

/** Counters of a function that has not run. */
export function zeroCounters(): FunctionCounters {
  return {
    started: 0,
    invocations: 0,
    errors: 0,
    timeouts: 0,
    throttles: 0,
    busy: 0,
    peakConcurrency: 0,
    peakInstances: 0,
  };
}

/** A function's statistics, from its counters and the number of its instances alive now. */
export function functionStatistics(
  definition: LocalFunctionDefinition,
  counters: FunctionCounters,
  alive: number,
): FunctionStatistics {
  return {
    logicalId: definition.logicalId,
    functionName: definition.functionName,
    instances: counters.started,
    invocations: counters.invocations,
    errors: counters.errors,
    timeouts: counters.timeouts,
    throttles: counters.throttles,
    alive,
    busy: counters.busy,
    peakConcurrency: counters.peakConcurrency,
    peakInstances: counters.peakInstances,
  };
}
