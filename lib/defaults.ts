import { Duration } from 'aws-cdk-lib';
import { RetentionDays } from 'aws-cdk-lib/aws-logs';

/**
 * Every default of the order pipeline, in one place. Stack props and `cdk -c` context override the
 * ones marked as settings; the others are fixed choices with their reasons.
 */
export const PIPELINE_DEFAULTS = {
  /**
   * Receives before SQS moves a message to the dead-letter queue. AWS advises 5 or more: invalid
   * orders are dead-lettered on their first receive anyway (ProcessOrders forwards them), so the
   * count only governs transient failures (throttling, a timeout, a concurrency-capped poller
   * returning messages), and 5 rides those out where a count of 1 dead-letters valid orders.
   */
  maxReceiveCount: 5,
  /** Records per ProcessOrders invocation: 10, the most one SQS receive returns, so one receive fills a batch. */
  batchSize: 10,
  /**
   * How long the poller gathers records before invoking: 5 s, so a burst is handled in full batches
   * (fewer invocations) at the cost of up to 5 s of latency for a lone order.
   */
  maxBatchingWindow: Duration.seconds(5),
  /**
   * Concurrent ProcessOrders invocations the event source mapping allows: 2, the least Lambda
   * accepts, so the pipeline never takes more than two of the account's concurrency, and the
   * orders table sees at most two writers.
   */
  maxConcurrency: 2,
  /** ProcessOrders' timeout: ten DynamoDB writes and a DLQ send take well under a second. */
  processOrdersTimeout: Duration.seconds(10),
  /** Encryption at rest of both queues: SQS-managed keys unless a customer KMS key is asked for. */
  queueEncryption: 'SQS_MANAGED' as QueueEncryptionSetting,
} as const;

/** The encryption-at-rest choices for the queues. */
export type QueueEncryptionSetting = 'SQS_MANAGED' | 'KMS';
export const QUEUE_ENCRYPTION_SETTINGS: readonly QueueEncryptionSetting[] = ['SQS_MANAGED', 'KMS'];

/** Fixed choices, not settings. */
export const PIPELINE_CONSTANTS = {
  /** The orders queue keeps messages for SQS's default 4 days. */
  ordersRetention: Duration.days(4),
  /**
   * The DLQ keeps messages for the maximum 14 days. A dead-lettered message keeps its original
   * enqueue time, so the DLQ's retention must outlast the source queue's.
   */
  deadLetterRetention: Duration.days(14),
  /** FailedOrders' event source: small batches, no window, so failures are recorded at once. */
  failedOrdersBatchSize: 10,
  failedOrdersMaxConcurrency: 2,
  failedOrdersTimeout: Duration.seconds(10),
  noBatchingWindow: Duration.seconds(0),
  generateOrdersTimeout: Duration.seconds(60),
  /** 256 MB gives the SDK clients room; Lambda's CPU share grows with memory. */
  memorySizeMb: 256,
  logRetention: RetentionDays.ONE_MONTH,
  /** Lambda's guidance: a queue's visibility timeout is at least 6 × the function's timeout + window. */
  visibilityTimeoutFactor: 6,
  /** A DLQ message older than this means FailedOrders is failing to record it. */
  deadLetterBacklogAgeAlarm: Duration.minutes(15),
  /** Alarm evaluation period for the dead-lettered orders metric. */
  alarmPeriod: Duration.minutes(1),
} as const;

/** Limits that AWS enforces; synth fails with a message naming the setting when a prop breaks one. */
export const AWS_LIMITS = {
  batchSize: { min: 1, max: 10_000 },
  /** Without a batching window, an SQS event source takes at most 10 records per batch. */
  batchSizeWithoutWindow: 10,
  maxBatchingWindowSeconds: { min: 0, max: 300 },
  maxConcurrency: { min: 2, max: 1000 },
  maxReceiveCount: { min: 1, max: 1000 },
  lambdaTimeoutSeconds: { min: 1, max: 900 },
} as const;
