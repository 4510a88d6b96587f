/** Lambda's limits on an SQS event source mapping, which UpdateEventSourceMapping enforces. */
export const MAPPING_LIMITS = {
  batchSize: { min: 1, max: 10_000 },
  /** Without a batching window (and always on a FIFO queue), a batch holds at most 10 records. */
  batchSizeWithoutWindow: 10,
  maxBatchingWindowSeconds: { min: 0, max: 300 },
  maxConcurrency: { min: 2, max: 1000 },
} as const;
