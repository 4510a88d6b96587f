import type { InvocationSummary, MappingCap } from '../../src/console/console-contract';

let sequence = 0;

/** An invocation of `ProcessOrders` on stream `a` that took 100 ms from START at 1,000, unless overridden. */
export function invocationFactory(overrides: Partial<InvocationSummary> = {}): InvocationSummary {
  sequence += 1;
  return {
    requestId: `request-${sequence}`,
    functionName: 'ProcessOrders',
    logStreamName: 'a',
    startMs: 1000,
    endMs: 1100,
    outcome: 'success',
    batchSize: 10,
    mapping: 'ProcessOrdersMapping',
    ...overrides,
  };
}

/** `ProcessOrdersMapping`: batches of 10 from `orders`, a 5 s window, at most 2 at once. */
export function mappingCapFactory(overrides: Partial<MappingCap> = {}): MappingCap {
  return {
    mapping: 'ProcessOrdersMapping',
    functionName: 'ProcessOrders',
    queueName: 'orders',
    batchSize: 10,
    maximumBatchingWindowSeconds: 5,
    maximumConcurrency: 2,
    ...overrides,
  };
}
