import type { InvocationSummary } from '../../src/console/console-contract';

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
